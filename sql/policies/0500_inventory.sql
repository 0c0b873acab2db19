{% from "rls.sql" import tenant_policies %}
SET LOCAL ROLE zava_owner;

{{ tenant_policies("inventory", "store_id", writable=True) }}
