SET LOCAL ROLE zava_owner;

-- Money in the rollups as whole cents (bigint) instead of numeric: every amount they sum has two decimals
-- (numeric(12,2) line totals and discounts, numeric(10,2) product costs), so cents are exact, and summing bigint is
-- about 40% faster than summing numeric (BENCHMARKS.md: the product split at full). The tools turn cents back
-- into amounts once, after they aggregate (retail.money, sql/functions/0170).

ALTER TABLE retail.sales_store_day
ALTER COLUMN revenue TYPE bigint USING (revenue * 100)::bigint,
ALTER COLUMN cost TYPE bigint USING (cost * 100)::bigint,
ALTER COLUMN discount TYPE bigint USING (discount * 100)::bigint;
ALTER TABLE retail.sales_store_day RENAME COLUMN revenue TO revenue_cents;
ALTER TABLE retail.sales_store_day RENAME COLUMN cost TO cost_cents;
ALTER TABLE retail.sales_store_day RENAME COLUMN discount TO discount_cents;

ALTER TABLE retail.sales_category_day
ALTER COLUMN revenue TYPE bigint USING (revenue * 100)::bigint,
ALTER COLUMN cost TYPE bigint USING (cost * 100)::bigint,
ALTER COLUMN discount TYPE bigint USING (discount * 100)::bigint;
ALTER TABLE retail.sales_category_day RENAME COLUMN revenue TO revenue_cents;
ALTER TABLE retail.sales_category_day RENAME COLUMN cost TO cost_cents;
ALTER TABLE retail.sales_category_day RENAME COLUMN discount TO discount_cents;

ALTER TABLE retail.sales_type_month
ALTER COLUMN revenue TYPE bigint USING (revenue * 100)::bigint,
ALTER COLUMN cost TYPE bigint USING (cost * 100)::bigint,
ALTER COLUMN discount TYPE bigint USING (discount * 100)::bigint;
ALTER TABLE retail.sales_type_month RENAME COLUMN revenue TO revenue_cents;
ALTER TABLE retail.sales_type_month RENAME COLUMN cost TO cost_cents;
ALTER TABLE retail.sales_type_month RENAME COLUMN discount TO discount_cents;

ALTER TABLE retail.sales_product_month
ALTER COLUMN revenue TYPE bigint USING (revenue * 100)::bigint,
ALTER COLUMN cost TYPE bigint USING (cost * 100)::bigint,
ALTER COLUMN discount TYPE bigint USING (discount * 100)::bigint;
ALTER TABLE retail.sales_product_month RENAME COLUMN revenue TO revenue_cents;
ALTER TABLE retail.sales_product_month RENAME COLUMN cost TO cost_cents;
ALTER TABLE retail.sales_product_month RENAME COLUMN discount TO discount_cents;

ALTER TABLE retail.sales_hour_month
ALTER COLUMN revenue TYPE bigint USING (revenue * 100)::bigint,
ALTER COLUMN cost TYPE bigint USING (cost * 100)::bigint,
ALTER COLUMN discount TYPE bigint USING (discount * 100)::bigint;
ALTER TABLE retail.sales_hour_month RENAME COLUMN revenue TO revenue_cents;
ALTER TABLE retail.sales_hour_month RENAME COLUMN cost TO cost_cents;
ALTER TABLE retail.sales_hour_month RENAME COLUMN discount TO discount_cents;
