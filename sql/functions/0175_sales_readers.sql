-- The sales readers: how the analytics tools read the rollups (and the lines around them). They return money in
-- cents since the rollups keep cents (sql/schema/1050); a function's result columns cannot be renamed in place, so
-- the amount-returning day_sales goes first. The others then took the period as its cells (retail.period_cells,
-- 0172) instead of its two dates.
DROP FUNCTION IF EXISTS retail.day_sales(date, date, text[], uuid, uuid);
DROP FUNCTION IF EXISTS retail.product_sales(date, date, text[], uuid, uuid);
DROP FUNCTION IF EXISTS retail.type_sales(date, date, text[], uuid, uuid);
DROP FUNCTION IF EXISTS retail.hour_sales(date, date, text[], uuid, uuid);
DROP FUNCTION IF EXISTS retail.customer_sales(date, date, date, date, text[], uuid);

-- Sales per day and store over a period, of one category or of all: the category x day rollup or the store x day
-- one, chosen here once for every tool that slices by day or store. Exact for any period (both are per day).
CREATE OR REPLACE FUNCTION retail.day_sales(
    period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid
)
RETURNS TABLE (
    order_date date, store_id uuid, orders bigint, lines bigint, units numeric, revenue_cents bigint,
    cost_cents bigint, discount_cents bigint
)
LANGUAGE sql
STABLE
AS $$
    SELECT r.order_date, r.store_id, r.orders::bigint, r.lines::bigint, r.units::numeric, r.revenue_cents,
           r.cost_cents, r.discount_cents
    FROM retail.sales_store_day AS r
    WHERE wanted_category IS NULL
      AND r.order_date BETWEEN period_start AND period_end
      AND r.status = ANY(statuses)
      AND (wanted_store IS NULL OR r.store_id = wanted_store)
    UNION ALL
    SELECT r.order_date, r.store_id, r.orders::bigint, r.lines::bigint, r.units::numeric, r.revenue_cents,
           r.cost_cents, r.discount_cents
    FROM retail.sales_category_day AS r
    WHERE r.category_id = wanted_category
      AND r.order_date BETWEEN period_start AND period_end
      AND r.status = ANY(statuses)
      AND (wanted_store IS NULL OR r.store_id = wanted_store)
$$;

COMMENT ON FUNCTION retail.day_sales(date, date, text[], uuid, uuid) IS
'Sales per day and store in a period, of one category (category x day rollup) or of all (store x day rollup).
Money in cents.';

-- Sales per store and product over a period: the product x year, x quarter and x month rollups for the whole years,
-- the whole quarters outside them and the months left, the product x week rollup for the whole weeks of the days
-- before and after them, the order lines for the rest (at most six days at each end of each). Exact (orders add up
-- over time: an order has one date). The caller's RLS applies to all of them.
-- The period comes as its cells (retail.period_cells, computed once by the caller); wanted_store / wanted_category
-- NULL: no filter.
CREATE OR REPLACE FUNCTION retail.product_sales(
    cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid
)
RETURNS TABLE (
    store_id uuid, product_id uuid, orders bigint, units numeric, revenue_cents bigint, cost_cents bigint,
    discount_cents bigint
)
LANGUAGE sql
STABLE
AS $$
    WITH parts AS (
{#- One branch per product rollup: its table, its cell column and the period's cells it reads. #}
{%- for table, cell, cells in [
        ("sales_product_year", "year", "years"),
        ("sales_product_quarter", "quarter", "quarters"),
        ("sales_product_month", "month", "lone_months"),
        ("sales_product_week", "week", "weeks"),
    ] %}
        SELECT r.store_id, r.product_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.{{ table }} AS r
        WHERE r.{{ cell }} = ANY((cells).{{ cells }})
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          -- Not a join: without a category the planner drops this test (a join cost a third of the time).
          AND (
              wanted_category IS NULL
              OR r.product_id IN (SELECT p.product_id FROM retail.products AS p WHERE p.category_id = wanted_category)
          )
        UNION ALL
{%- endfor %}
        SELECT f.store_id, f.product_id, count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint,
               (100 * sum(f.cost_amount))::bigint, (100 * sum(f.discount_amount))::bigint
        FROM retail.sales_facts AS f
        WHERE f.order_date = ANY((cells).edge_days)
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
          AND (wanted_category IS NULL OR f.category_id = wanted_category)
        GROUP BY f.store_id, f.product_id
    )
    SELECT c.store_id, c.product_id, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint,
           sum(c.cost_cents)::bigint, sum(c.discount_cents)::bigint
    FROM parts AS c
    GROUP BY c.store_id, c.product_id
$$;

COMMENT ON FUNCTION retail.product_sales(retail.period_cells, text[], uuid, uuid) IS
'Sales per store and product in a period, from the product x year, quarter, month and week rollups plus the lines
of the days outside whole weeks. Money in cents.';

-- The same per store and product type, from the product type x month rollup.
CREATE OR REPLACE FUNCTION retail.type_sales(
    cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid
)
RETURNS TABLE (
    store_id uuid, type_id uuid, orders bigint, units numeric, revenue_cents bigint, cost_cents bigint,
    discount_cents bigint
)
LANGUAGE sql
STABLE
AS $$
    WITH parts AS (
        SELECT r.store_id, r.type_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.sales_type_month AS r
        WHERE r.month = ANY((cells).months)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          AND (
              wanted_category IS NULL
              OR r.type_id IN (SELECT t.type_id FROM retail.product_types AS t WHERE t.category_id = wanted_category)
          )
        UNION ALL
        SELECT f.store_id, f.type_id, count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint,
               (100 * sum(f.cost_amount))::bigint, (100 * sum(f.discount_amount))::bigint
        FROM retail.sales_facts AS f
        WHERE f.order_date = ANY((cells).days)
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
          AND (wanted_category IS NULL OR f.category_id = wanted_category)
        GROUP BY f.store_id, f.type_id
    )
    SELECT c.store_id, c.type_id, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint,
           sum(c.cost_cents)::bigint, sum(c.discount_cents)::bigint
    FROM parts AS c
    GROUP BY c.store_id, c.type_id
$$;

COMMENT ON FUNCTION retail.type_sales(retail.period_cells, text[], uuid, uuid) IS
'Sales per store and product type in a period, from the type x month rollup plus the lines of partial months.
Money in cents.';

-- Sales per store and hour of the day (the chain's time zone, 0140) over a period: the hour x month rollup for the
-- whole months plus the lines of the partial ones; with a category, the lines of the whole period (the rollup has no
-- categories).
CREATE OR REPLACE FUNCTION retail.hour_sales(
    cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid
)
RETURNS TABLE (store_id uuid, hour integer, orders bigint, units numeric, revenue_cents bigint)
LANGUAGE sql
STABLE
AS $$
    WITH parts AS (
        SELECT r.store_id, r.hour::integer AS hour, r.orders::bigint AS orders, r.units::numeric AS units,
               r.revenue_cents
        FROM retail.sales_hour_month AS r
        WHERE wanted_category IS NULL
          AND r.month = ANY((cells).months)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        UNION ALL
        SELECT f.store_id, extract(HOUR FROM f.created_at AT TIME ZONE retail.business_time_zone())::integer,
               count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint
        FROM retail.sales_facts AS f
        WHERE wanted_category IS NULL
          AND f.order_date = ANY((cells).days)
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
        GROUP BY 1, 2
        UNION ALL
        -- A twin of the branch above on purpose: one branch reading "partial months or the whole period" got a
        -- generic plan 50x slower (670 ms against 14 ms at full) from the sixth call on.
        SELECT f.store_id, extract(HOUR FROM f.created_at AT TIME ZONE retail.business_time_zone())::integer,
               count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint
        FROM retail.sales_facts AS f
        WHERE f.category_id = wanted_category
          AND f.order_date BETWEEN (cells).first_day AND (cells).last_day
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
        GROUP BY 1, 2
    )
    SELECT c.store_id, c.hour, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint
    FROM parts AS c
    GROUP BY c.store_id, c.hour
$$;

COMMENT ON FUNCTION retail.hour_sales(retail.period_cells, text[], uuid, uuid) IS
'Sales per store and hour of the day (the chain''s time zone) in a period, from the hour x month rollup plus the
lines of partial months (all lines when a category is asked for). Money in cents.';

-- Sales per store and customer over a period, for get_customer_metrics and get_top_customers (get_store_performance
-- needs only who bought, which the orders answer for less): the customer x month rollup's cells for the whole
-- months, and one row per store and customer for the lines of the days around them. Sum the rows per what you
-- report (orders add up: an order has one customer, store and date).
CREATE OR REPLACE FUNCTION retail.customer_sales(cells retail.period_cells, statuses text[], wanted_store uuid)
RETURNS TABLE (store_id uuid, customer_id uuid, orders bigint, revenue_cents bigint)
LANGUAGE sql
STABLE
AS $$
    SELECT r.store_id, r.customer_id, r.orders::bigint, r.revenue_cents
    FROM retail.sales_customer_month AS r
    WHERE r.month = ANY((cells).months)
      AND r.status = ANY(statuses)
      AND (wanted_store IS NULL OR r.store_id = wanted_store)
    UNION ALL
    SELECT f.store_id, f.customer_id, count(DISTINCT f.order_id), (100 * sum(f.revenue))::bigint
    FROM retail.sales_facts AS f
    WHERE f.order_date = ANY((cells).days)
      AND f.status = ANY(statuses)
      AND (wanted_store IS NULL OR f.store_id = wanted_store)
    GROUP BY f.store_id, f.customer_id
$$;

COMMENT ON FUNCTION retail.customer_sales(retail.period_cells, text[], uuid) IS
'Sales per store and customer in a period, as rows to sum: the customer x month rollup for the whole months, the
lines of the days around them. Money in cents.';

-- Distinct customers per store in a period: the buyer bitmaps (sql/schema/1260) of the whole months ORed per chunk
-- and their bits counted, plus the buyers of the days around them whose bit is not set (a customer without a number
-- bought nothing before the last fold). Orders count with a line, as everywhere.
CREATE OR REPLACE FUNCTION retail.buyer_counts(cells retail.period_cells, statuses text[], wanted_store uuid)
RETURNS TABLE (store_id uuid, customers bigint)
LANGUAGE sql
STABLE
AS $$
    WITH month_buyers AS (
        SELECT r.store_id, r.chunk, bit_or(r.buyers) AS buyers
        FROM retail.sales_buyers_month AS r
        WHERE r.month = ANY((cells).months)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        GROUP BY r.store_id, r.chunk
    ),
    day_buyers AS (
        SELECT DISTINCT o.store_id, o.customer_id
        FROM retail.orders AS o
        WHERE o.order_date = ANY((cells).days)
          AND o.status = ANY(statuses)
          AND (wanted_store IS NULL OR o.store_id = wanted_store)
          AND EXISTS (
              SELECT FROM retail.order_items AS oi WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id
          )
    ),
    counted AS (
        SELECT m.store_id, sum(bit_count(m.buyers)) AS customers
        FROM month_buyers AS m
        GROUP BY m.store_id
        UNION ALL
        SELECT d.store_id, count(*)
        FROM day_buyers AS d
        LEFT JOIN retail.sales_buyer_numbers AS n ON d.store_id = n.store_id AND d.customer_id = n.customer_id
        LEFT JOIN month_buyers AS m ON d.store_id = m.store_id AND retail.buyer_chunk(n.buyer_number) = m.chunk
        WHERE m.buyers IS NULL OR get_bit(m.buyers, retail.buyer_bit(n.buyer_number)) = 0
        GROUP BY d.store_id
    )
    SELECT c.store_id, sum(c.customers)::bigint
    FROM counted AS c
    GROUP BY c.store_id
$$;

COMMENT ON FUNCTION retail.buyer_counts(retail.period_cells, text[], uuid) IS
'Distinct customers per store in a period: the buyer bitmaps of the whole months plus the buyers of the other
days.';

GRANT EXECUTE ON FUNCTION retail.day_sales(date, date, text[], uuid, uuid),
retail.buyer_counts(retail.period_cells, text[], uuid),
retail.customer_sales(retail.period_cells, text[], uuid),
retail.hour_sales(retail.period_cells, text[], uuid, uuid),
retail.product_sales(retail.period_cells, text[], uuid, uuid),
retail.type_sales(retail.period_cells, text[], uuid, uuid)
TO zava_api_caller;
