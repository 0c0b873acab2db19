-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.get_customer_metrics(date, date, text);
-- Then it learnt which order statuses to count (include_statuses) and the revenue of new and returning customers.
DROP FUNCTION IF EXISTS api.get_customer_metrics(date, date, api.name_text);

{#- The whole months' CTEs (cohorts, buyers), the edge days' (edges: what their customers add) and the rows made
    of them: shared by the two branches of get_customer_metrics' one-status path below. -#}
{% macro whole_months() %}
        cohorts AS (
            -- New customers are counted in their first month (their cohort's own), their revenue is that of the
            -- cohorts that start inside the whole months.
            SELECT c.store_id, sum(c.orders)::bigint AS orders, sum(c.revenue_cents)::bigint AS revenue_cents,
                   coalesce(sum(c.customers) FILTER (WHERE c.cohort = c.month), 0)::bigint AS new_customers,
                   coalesce(sum(c.revenue_cents) FILTER (WHERE c.cohort >= (cells).months[1]), 0)::bigint
                       AS new_revenue_cents
            FROM retail.sales_customer_cohort AS c
            WHERE c.month = ANY((cells).months)
              AND c.status = statuses[1]
              AND (wanted_store IS NULL OR c.store_id = wanted_store)
            GROUP BY c.store_id
        ),
        months AS (
            -- Per store and chunk of buyer numbers, month by month: the buyers, those who bought twice in the
            -- month, and everyone who bought in an earlier month of the period.
            SELECT b.store_id, b.chunk, b.buyers, r.buyers AS twice_in_month,
                   bit_or(b.buyers) OVER (
                       PARTITION BY b.store_id, b.chunk ORDER BY b.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                   ) AS earlier
            FROM retail.sales_buyers_month AS b
            LEFT JOIN retail.sales_repeat_buyers_month AS r
                ON r.month = b.month AND r.store_id = b.store_id AND r.status = b.status AND r.chunk = b.chunk
            WHERE b.month = ANY((cells).months)
              AND b.status = statuses[1]
              AND (wanted_store IS NULL OR b.store_id = wanted_store)
        ),
        chunks AS (
            -- Two orders or more: bought in two months, or twice in one.
            SELECT m.store_id, bit_count(bit_or(m.buyers)) AS active,
                   bit_count(
                       coalesce(bit_or(m.buyers & m.earlier), B'0'::bit(8192))
                       | coalesce(bit_or(m.twice_in_month), B'0'::bit(8192))
                   ) AS repeat
            FROM months AS m
            GROUP BY m.store_id, m.chunk
        ),
        buyers AS (
            SELECT c.store_id, sum(c.active)::bigint AS active, sum(c.repeat)::bigint AS repeat
            FROM chunks AS c
            GROUP BY c.store_id
        ),
{% endmacro %}

{% macro figures() %}
        SELECT
            s.store_name,
            v.active,
            v.new_customers,
            v.active - v.new_customers,
            v.repeat,
            round(v.orders::numeric / nullif(v.active, 0), 2),
            round(retail.money(v.revenue_cents) / nullif(v.active, 0), 2),
            coalesce(retail.money(CASE WHEN v.new_customers > 0 THEN v.new_revenue_cents END), 0),
            coalesce(
                retail.money(CASE WHEN v.active > v.new_customers THEN v.revenue_cents - v.new_revenue_cents END),
                0
            ),
            array_to_string(statuses, ', ')
        FROM retail.stores AS s
        LEFT JOIN buyers AS b ON b.store_id = s.store_id
        LEFT JOIN cohorts AS c ON c.store_id = s.store_id
        LEFT JOIN edges AS x ON x.store_id = s.store_id
        CROSS JOIN LATERAL (
            SELECT
                coalesce(b.active, 0) + coalesce(x.active, 0) AS active,
                coalesce(b.repeat, 0) + coalesce(x.repeat, 0) AS repeat,
                coalesce(c.new_customers, 0) + coalesce(x.new_customers, 0) AS new_customers,
                coalesce(c.orders, 0) + coalesce(x.orders, 0) AS orders,
                coalesce(c.revenue_cents, 0) + coalesce(x.revenue_cents, 0) AS revenue_cents,
                coalesce(c.new_revenue_cents, 0) + coalesce(x.new_revenue_cents, 0) AS new_revenue_cents
        ) AS v
        WHERE wanted_store IS NULL OR s.store_id = wanted_store
        ORDER BY 2 DESC, 1;
{% endmacro %}

CREATE OR REPLACE FUNCTION api.get_customer_metrics(
    period_start date, period_end date, store_name api.name_text DEFAULT NULL,
    include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    store varchar, active_customers bigint, new_customers bigint, returning_customers bigint,
    repeat_customers bigint, orders_per_customer numeric, revenue_per_customer numeric, new_customer_revenue numeric,
    returning_customer_revenue numeric, counted_statuses text
)
LANGUAGE plpgsql
STABLE
-- Planned for each call's arguments: PL/pgSQL's generic plan (from a connection's sixth call on) cannot see the
-- period and was measured slower for this tool (BENCHMARKS.md, planner traps); the others keep it.
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    statuses text [];
    cells retail.period_cells;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_customer_metrics.period_start, get_customer_metrics.period_end);
    wanted_store := retail.store_filter(get_customer_metrics.store_name);
    statuses := retail.counted_statuses(get_customer_metrics.include_statuses);
    cells := retail.period_cells(get_customer_metrics.period_start, get_customer_metrics.period_end);
    -- One status: per store, the whole months from the cohorts and the buyer bitmaps (sql/schema/1290), and only the
    -- customers of the days around them (partial months) one by one.
    IF cardinality(statuses) = 1 AND cardinality((cells).days) = 0 THEN
        RETURN QUERY
        WITH
        {{ whole_months() }}
        edges AS (
            -- No days around the whole months: nothing to add (a plan made per call stays small).
            SELECT NULL::uuid AS store_id, 0::bigint AS active, 0::bigint AS repeat, 0::bigint AS new_customers,
                   0::numeric AS orders, 0::numeric AS revenue_cents, 0::numeric AS new_revenue_cents
            WHERE FALSE
        )
        {{ figures() }}
        RETURN;
    ELSIF cardinality(statuses) = 1 THEN
        RETURN QUERY
        WITH
        {{ whole_months() }}
        edge AS (
            -- The customers of the days around the whole months, with their orders (with a line) there.
            SELECT o.store_id, o.customer_id, count(*) AS orders, sum(o.revenue_cents)::bigint AS revenue_cents
            FROM retail.order_sales AS o
            WHERE o.order_date = ANY((cells).days)
              AND o.status = statuses[1]
              AND (wanted_store IS NULL OR o.store_id = wanted_store)
            GROUP BY o.store_id, o.customer_id
        ),
        edge_customers AS MATERIALIZED (
            -- Each one's orders and revenue in the whole months, and whether they are new: a first month after
            -- the period's first says so; in that month (or none folded yet) their orders before the period decide.
            SELECT e.*, coalesce(m.orders, 0) AS month_orders, coalesce(m.revenue_cents, 0) AS month_revenue,
                   coalesce(f.first_month = ANY((cells).months), false) AS in_cohorts,
                   CASE
                       WHEN f.first_month <> date_trunc('month', get_customer_metrics.period_start)::date
                           THEN f.first_month > date_trunc('month', get_customer_metrics.period_start)::date
                       -- A probe by the customer's orders (as NOT EXISTS the planner hashed every earlier order).
                       ELSE (
                           SELECT o.order_id
                           FROM retail.orders AS o
                           WHERE o.customer_id = e.customer_id AND o.store_id = e.store_id AND o.status = statuses[1]
                             AND o.order_date < get_customer_metrics.period_start
                             AND EXISTS (
                                 SELECT FROM retail.order_items AS oi
                                 WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id
                             )
                           LIMIT 1
                       ) IS NULL
                   END AS is_new
            -- Each looked up by its keys (joined, the planner read every first month: ~500,000 at large); the whole
            -- months as one range of the customer's cells (as a list, one index search per month and customer).
            FROM edge AS e
            LEFT JOIN LATERAL (
                SELECT sum(r.orders) AS orders, sum(r.revenue_cents) AS revenue_cents
                FROM retail.sales_customer_month AS r
                WHERE r.store_id = e.store_id AND r.status = statuses[1] AND r.customer_id = e.customer_id
                  AND r.month BETWEEN (cells).months[1] AND (cells).months[cardinality((cells).months)]
            ) AS m ON TRUE
            CROSS JOIN LATERAL (
                SELECT (
                    SELECT f.first_month
                    FROM retail.sales_customer_first AS f
                    WHERE f.store_id = e.store_id AND f.status = statuses[1] AND f.customer_id = e.customer_id
                ) AS first_month
            ) AS f
        ),
        edges AS (
            -- What they add to the whole months' figures: customers not active in them, repeat customers whose
            -- two orders are not both in them, new customers not in the cohorts, orders, revenue.
            SELECT e.store_id,
                   count(*) FILTER (WHERE e.month_orders = 0) AS active,
                   count(*) FILTER (WHERE e.month_orders < 2 AND e.month_orders + e.orders >= 2) AS repeat,
                   count(*) FILTER (WHERE e.is_new AND NOT e.in_cohorts) AS new_customers,
                   sum(e.orders) AS orders, sum(e.revenue_cents) AS revenue_cents,
                   coalesce(sum(e.month_revenue) FILTER (WHERE e.is_new AND NOT e.in_cohorts), 0)
                   + coalesce(sum(e.revenue_cents) FILTER (WHERE e.is_new), 0) AS new_revenue_cents
            FROM edge_customers AS e
            GROUP BY e.store_id
        )
        {{ figures() }}
        RETURN;
    END IF;
    -- Otherwise per store and customer (retail.customer_sales: the customer rollup's whole months, the lines around
    -- them).
    RETURN QUERY
    WITH in_period AS (
        -- Cents per customer, money per store (below): converted once, after aggregating, as the other tools do.
        SELECT t.store_id, t.customer_id, sum(t.orders) AS orders, sum(t.revenue_cents) AS revenue_cents
        FROM retail.customer_sales(cells, statuses, wanted_store) AS t
        GROUP BY t.store_id, t.customer_id
    ),
    -- New: no counted order (one with a line) at the store before the period: none in the customer rollup's
    -- months before the period's first month, none in that month's days before the period. A join, not NOT EXISTS:
    -- at SCALE=large the earlier customers (~1M rollup rows) do not fit a hashed subplan, and probing them per
    -- customer took 23 s.
    earlier AS (
        SELECT r.store_id, r.customer_id
        FROM retail.sales_customer_month AS r
        WHERE r.month < date_trunc('month', get_customer_metrics.period_start)::date
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        UNION
        SELECT o.store_id, o.customer_id
        FROM retail.orders AS o
        WHERE o.order_date >= date_trunc('month', get_customer_metrics.period_start)::date
          AND o.order_date < get_customer_metrics.period_start
          AND o.status = ANY(statuses)
          AND (wanted_store IS NULL OR o.store_id = wanted_store)
          AND EXISTS (
              SELECT FROM retail.order_items AS oi WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id
          )
    ),
    classified AS (
        SELECT i.*, e.customer_id IS NULL AS is_new
        FROM in_period AS i
        LEFT JOIN earlier AS e ON e.store_id = i.store_id AND e.customer_id = i.customer_id
    )
    SELECT
        s.store_name,
        count(c.customer_id),
        count(c.customer_id) FILTER (WHERE c.is_new),
        count(c.customer_id) FILTER (WHERE NOT c.is_new),
        count(c.customer_id) FILTER (WHERE c.orders >= 2),
        round(sum(c.orders)::numeric / nullif(count(c.customer_id), 0), 2),
        round(retail.money(sum(c.revenue_cents)) / nullif(count(c.customer_id), 0), 2),
        coalesce(retail.money(sum(c.revenue_cents) FILTER (WHERE c.is_new)), 0),
        coalesce(retail.money(sum(c.revenue_cents) FILTER (WHERE NOT c.is_new)), 0),
        array_to_string(statuses, ', ')
    FROM retail.stores AS s
    LEFT JOIN classified AS c ON c.store_id = s.store_id
    WHERE wanted_store IS NULL OR s.store_id = wanted_store
    GROUP BY s.store_name
    ORDER BY 2 DESC, 1;
END
$$;

COMMENT ON FUNCTION api.get_customer_metrics(date, date, api.name_text, api.order_status[]) IS
'Customer figures per store for a period: active customers, new and returning ones (with their revenue), repeat
customers, orders and revenue per active customer.

A customer counts at each store they ordered from. Counts orders of the statuses in include_statuses (default:
completed only), also when deciding who is new; measures as in get_measure_glossary.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param include_statuses Order statuses to count (default ["completed"]).
@column store The store.
@column active_customers Customers with an order counted in the period.
@column new_customers Active customers whose first counted order at the store is in the period.
@column returning_customers Active customers with an earlier counted order at the store.
@column repeat_customers Active customers with two or more orders in the period.
@column orders_per_customer Orders per active customer.
@column revenue_per_customer Revenue per active customer.
@column new_customer_revenue Revenue of the new customers in the period.
@column returning_customer_revenue Revenue of the returning customers in the period.
@column counted_statuses The order statuses counted.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_customer_metrics(date, date, api.name_text, api.order_status[])
TO zava_api_caller;
