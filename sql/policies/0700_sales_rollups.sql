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

-- Sums over every store per customer (sql/schema/1280): only for a caller who sees every store.
DROP POLICY IF EXISTS sales_customer_total_head_office_select ON retail.sales_customer_total;
CREATE POLICY sales_customer_total_head_office_select ON retail.sales_customer_total
FOR SELECT TO zava_head_office
USING ((SELECT retail.caller_sees_every_store()));

{{ tenant_policies("sales_customer_first", "store_id", writable=False) }}

{{ tenant_policies("sales_customer_cohort", "store_id", writable=False) }}

{{ tenant_policies("sales_repeat_buyers_month", "store_id", writable=False) }}

{{ tenant_policies("sales_customer_store_total", "store_id", writable=False) }}
