{% from "rls.sql" import tenant_policies %}
{{ tenant_policies("orders", "store_id", writable=True) }}
