{% from "rls.sql" import tenant_policies %}
{{ tenant_policies("customers", "primary_store_id", writable=True) }}
