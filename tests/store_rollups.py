"""The sales rollups kept per store: tenant tables like the orders (a store column, the tenant policies, co-located by
store on Citus), named once for the tests of policies, isolation and sharding. sales_customer_total, which sums a
customer over every store, is not one of them."""

STORE_ROLLUPS = (
    "sales_store_day",
    "sales_category_day",
    "sales_type_month",
    "sales_product_month",
    "sales_hour_month",
    "sales_customer_month",
    "sales_product_week",
    "sales_product_quarter",
    "sales_product_year",
    # The customer rollup's buyer numbers and bitmaps (sql/schema/1260), kept by its triggers.
    "sales_buyer_numbers",
    "sales_buyers_month",
    # The customer cohorts and repeat buyers (sql/schema/1290), kept by the fold.
    "sales_customer_first",
    "sales_customer_cohort",
    "sales_repeat_buyers_month",
    # Sums per store and customer (sql/schema/1310): get_top_customers' bound for one store.
    "sales_customer_store_total",
)
