{% from "rls.sql" import tenant_policies %}
SET LOCAL ROLE zava_owner;

{{ tenant_policies("customers", "primary_store_id", writable=True) }}
