{% from "rls.sql" import tenant_policies %}
SET LOCAL ROLE zava_owner;

{{ tenant_policies("stores", "store_id", writable=False) }}
