{% from "rls.sql" import tenant_policies %}
{{ tenant_policies("order_items", "store_id", writable=True) }}
