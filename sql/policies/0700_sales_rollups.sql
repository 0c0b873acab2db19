{% from "rls.sql" import tenant_policies %}
{{ tenant_policies("sales_store_day", "store_id", writable=False) }}

{{ tenant_policies("sales_category_day", "store_id", writable=False) }}

{{ tenant_policies("sales_type_month", "store_id", writable=False) }}

{{ tenant_policies("sales_product_month", "store_id", writable=False) }}

{{ tenant_policies("sales_hour_month", "store_id", writable=False) }}

{{ tenant_policies("sales_customer_month", "store_id", writable=False) }}

{{ tenant_policies("sales_product_week", "store_id", writable=False) }}

{{ tenant_policies("sales_buyer_numbers", "store_id", writable=False) }}

{{ tenant_policies("sales_buyers_month", "store_id", writable=False) }}

{{ tenant_policies("sales_product_quarter", "store_id", writable=False) }}

{{ tenant_policies("sales_product_year", "store_id", writable=False) }}
