{% from "rls.sql" import tenant_policies %}
SET LOCAL ROLE zava_owner;

{{ tenant_policies("order_items", "store_id", writable=True) }}
