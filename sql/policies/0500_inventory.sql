{% from "rls.sql" import tenant_policies %}
{{ tenant_policies("inventory", "store_id", writable=True) }}
