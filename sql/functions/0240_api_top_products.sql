{% from "plans.sql" import planned_twice, choose_plan %}
-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql), then top_n a range domain
-- (sql/schema/1000_api_range_domains.sql); CREATE OR REPLACE cannot change a parameter's type, so the earlier
-- versions go first.
DROP FUNCTION IF EXISTS api.get_top_products(date, date, api.rank_metric, integer, text, text);
DROP FUNCTION IF EXISTS api.get_top_products(date, date, api.rank_metric, integer, api.name_text, api.name_text);
-- Then it learnt which order statuses to count (include_statuses).
DROP FUNCTION IF EXISTS api.get_top_products(date, date, api.rank_metric, api.top_n, api.name_text, api.name_text);

-- The ranking itself, twice: planned once per connection (a generic plan) and planned for each call. Up to a year
-- of whole months gets the first: planning was most of such a call (head office over a quarter, small 3.6 -> 2.0
-- ms, full 10.8 -> 4.8, large 8.3 -> 5.1; as fast over six months). Partial months get the second: a generic plan
-- cannot see how few days they are (at large, 2025-03-05 – 2025-04-20: 48-55 ms planned per call, 123-146
-- generic); so do longer periods (three years at large: 9.2 -> 14.5 ms p95 generic). BENCHMARKS.md, planner traps.
{% call(copy) planned_twice(
    "ranked_products",
    "cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric,
    top_n integer",
    "retail.period_cells, text[], uuid, uuid, api.rank_metric, integer",
    "rank bigint, sku varchar, product varchar, category varchar, units bigint, revenue numeric, orders bigint,
    counted_statuses text",
    "get_top_products'' ranking"
) %}
    WITH totals AS (
        SELECT ps.product_id, sum(ps.units) AS units, retail.money(sum(ps.revenue_cents)) AS revenue,
               sum(ps.orders) AS orders
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
        GROUP BY ps.product_id
        HAVING sum(ps.orders) > 0
    ),
    ranked AS (
        SELECT t.*, row_number() OVER (ORDER BY
            CASE {{ copy }}.rank_by WHEN 'quantity' THEN t.units::numeric ELSE t.revenue END DESC,
            t.revenue DESC, t.product_id) AS rank
        FROM totals AS t
    )
    SELECT r.rank, p.sku, p.product_name, c.category_name, r.units::bigint, r.revenue, r.orders::bigint,
           array_to_string(statuses, ', ')
    FROM ranked AS r
    INNER JOIN retail.products AS p ON p.product_id = r.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    WHERE r.rank <= {{ copy }}.top_n
    ORDER BY r.rank
{% endcall %}

CREATE OR REPLACE FUNCTION api.get_top_products(
    period_start date, period_end date, rank_by api.rank_metric DEFAULT 'revenue', top_n api.top_n DEFAULT 10,
    store_name api.name_text DEFAULT NULL, category_name api.name_text DEFAULT NULL,
    include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    rank bigint, sku varchar, product varchar, category varchar, units bigint, revenue numeric, orders bigint,
    counted_statuses text
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    statuses text [];
    cells retail.period_cells;
BEGIN
    -- The arguments, checked once (top_n's range is its domain's).
    PERFORM retail.check_period(get_top_products.period_start, get_top_products.period_end);
    wanted_store := retail.store_filter(get_top_products.store_name);
    wanted_category := retail.category_filter(get_top_products.category_name);
    statuses := retail.counted_statuses(get_top_products.include_statuses);
    cells := retail.period_cells(get_top_products.period_start, get_top_products.period_end);
    -- Up to a year of whole months: the ranking's plan kept per connection; partial months or longer periods:
    -- planned for this call (above).
    {{ choose_plan(
        "ranked_products",
        "cardinality((cells).days) = 0 AND cardinality((cells).months) <= 12",
        "cells, statuses, wanted_store, wanted_category, get_top_products.rank_by, get_top_products.top_n"
    ) }}
END
$$;

COMMENT ON FUNCTION api.get_top_products(
    date, date, api.rank_metric, api.top_n, api.name_text, api.name_text, api.order_status[]
) IS
'The best-selling products of a period, by revenue or by units sold.

Counts orders of the statuses in include_statuses (default: completed only); measures as in
get_measure_glossary. Ties rank by revenue.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param rank_by revenue (default) or quantity.
@param top_n How many products, 1 to 100 (default 10).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category to rank within.
@param include_statuses Order statuses to count (default ["completed"]).
@column rank 1 for the best seller.
@column sku The product''s SKU.
@column product The product''s name.
@column category Its category.
@column units Units sold.
@column revenue Sum of line totals after discounts.
@column orders Orders containing it.
@column counted_statuses The order statuses counted.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_top_products(
    date, date, api.rank_metric, api.top_n, api.name_text, api.name_text, api.order_status[]
)
TO zava_api_caller;
