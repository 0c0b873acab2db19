{% from "rls.sql" import tenant_policies %}
{{ tenant_policies("stores", "store_id", writable=False) }}
