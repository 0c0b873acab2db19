-- The measures every analytics tool reports, defined once. The rollups (sql/schema/1030) store the additive ones
-- (orders, lines, units, revenue, cost, discount) per cell; the tools derive the rest with the formulas below and
-- count the order statuses a caller names in include_statuses (default: completed).
CREATE OR REPLACE FUNCTION api.get_measure_glossary()
RETURNS TABLE (measure text, definition text)
LANGUAGE sql
IMMUTABLE
AS $$
    VALUES
        ('revenue', 'Sum of the order lines'' total_amount: unit price x quantity minus the line discount, for the '
            || 'orders whose status is counted (include_statuses; default completed only).'),
        ('orders', 'Distinct orders with at least one line counted. Per category, product type or product: the '
            || 'orders containing one, so a split''s orders add up to more than the total.'),
        ('units', 'Sum of the quantities of the lines counted.'),
        ('customers', 'Distinct customers of the orders counted.'),
        ('average_order_value', 'revenue / orders, rounded to cents.'),
        ('discount', 'Sum of the lines'' discount_amount: what was given off the list price.'),
        ('gross_margin', 'revenue minus cost, cost being the product''s current cost x quantity.'),
        ('gross_margin_percent', '100 x gross_margin / revenue.'),
        ('returns', 'Orders with status refunded; count them with include_statuses => {refunded} or compare '
            || 'statuses with get_order_status_summary.'),
        ('order statuses', 'pending (not yet paid), completed (the default everywhere), cancelled (before '
            || 'fulfilment), refunded (returned). Every analytics result says which it counted in counted_statuses.'),
        ('period', 'Inclusive dates on the order date; at most ten years.'),
        ('new customer', 'A customer whose first counted order at that store falls in the period; returning: '
            || 'active in the period with an earlier counted order there.')
$$;

COMMENT ON FUNCTION api.get_measure_glossary() IS
'What each measure of the analytics tools means: revenue, orders, units, customers, average order value,
discount, gross margin, returns, order statuses, periods, new and returning customers.
@column measure Name of the measure as it appears in the tools'' results.
@column definition How it is computed.
@cache 3600';

GRANT EXECUTE ON FUNCTION api.get_measure_glossary() TO zava_api_caller;

-- The statuses to count, checked: at least one, none NULL; returned as text (for comparing with orders.status) in
-- the enum's order, so that counted_statuses reads the same however the caller ordered them. The hint lists the
-- enum's labels, not a copy of them.
CREATE OR REPLACE FUNCTION retail.counted_statuses(statuses api.order_status[])
RETURNS text[]
LANGUAGE plpgsql
IMMUTABLE
AS $$
DECLARE
    labels text[];
BEGIN
    IF statuses IS NULL OR cardinality(statuses) = 0 OR array_position(statuses, NULL) IS NOT NULL THEN
        labels := enum_range(NULL::api.order_status)::text[];
        RAISE EXCEPTION 'include_statuses must name at least one order status'
            USING ERRCODE = '22023', COLUMN = 'include_statuses',
            HINT = array_to_string(labels[:cardinality(labels) - 1], ', ') || ' or ' || labels[cardinality(labels)]
            || '; the default is completed';
    END IF;
    RETURN ARRAY(SELECT d.s::text FROM (SELECT DISTINCT s FROM unnest(statuses) AS s) AS d ORDER BY d.s);
END
$$;

COMMENT ON FUNCTION retail.counted_statuses(api.order_status[]) IS
'include_statuses checked (non-empty, no NULL) as text, in the order of the labels of api.order_status.';

GRANT EXECUTE ON FUNCTION retail.counted_statuses(api.order_status[]) TO zava_api_caller;

-- The first day of the whole months inside [period_start, period_end] and the day after them: the month-grain
-- rollups answer for those, the order lines for the days around them. Empty (from >= to) when no whole month fits.
CREATE OR REPLACE FUNCTION retail.whole_months(
    period_start date, period_end date, OUT month_from date, OUT month_to date
)
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT
        CASE WHEN extract(DAY FROM period_start) = 1 THEN period_start
             ELSE (date_trunc('month', period_start) + interval '1 month')::date END,
        CASE WHEN extract(DAY FROM period_end + 1) = 1 THEN period_end + 1
             ELSE date_trunc('month', period_end)::date END
$$;

COMMENT ON FUNCTION retail.whole_months(date, date) IS
'[month_from, month_to): the whole months inside an inclusive period.';

GRANT EXECUTE ON FUNCTION retail.whole_months(date, date) TO zava_api_caller;

-- The days of a period outside its whole months, as at most two ranges (before the first whole month, after the
-- last): what the month-grain rollups cannot answer, read from the lines by ranges of order_date that an index
-- serves. Both ranges cover the period's days in order and never overlap; none when the period is whole months.
CREATE OR REPLACE FUNCTION retail.partial_months(period_start date, period_end date)
RETURNS TABLE (day_from date, day_to date)
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT d.day_from, d.day_to
    FROM retail.whole_months(period_start, period_end) AS m,
        LATERAL (VALUES
            (period_start, least(period_end, m.month_from - 1)),
            (greatest(period_start, m.month_from, m.month_to), period_end)
        ) AS d (day_from, day_to)
    WHERE d.day_from <= d.day_to
$$;

COMMENT ON FUNCTION retail.partial_months(date, date) IS
'The day ranges of an inclusive period that fall outside its whole months (zero, one or two).';

GRANT EXECUTE ON FUNCTION retail.partial_months(date, date) TO zava_api_caller;

-- The same one grain down, for a range of days outside whole months: its whole weeks (Monday to Sunday, the
-- product x week rollup's), and the days before and after them (at most six at each end).
CREATE OR REPLACE FUNCTION retail.whole_weeks(
    range_start date, range_end date, OUT week_from date, OUT week_to date
)
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT
        CASE WHEN extract(ISODOW FROM range_start) = 1 THEN range_start
             ELSE (date_trunc('week', range_start) + interval '1 week')::date END,
        CASE WHEN extract(ISODOW FROM range_end + 1) = 1 THEN range_end + 1
             ELSE date_trunc('week', range_end)::date END
$$;

COMMENT ON FUNCTION retail.whole_weeks(date, date) IS
'[week_from, week_to): the whole weeks (from Monday) inside an inclusive range of days.';

GRANT EXECUTE ON FUNCTION retail.whole_weeks(date, date) TO zava_api_caller;

CREATE OR REPLACE FUNCTION retail.partial_weeks(range_start date, range_end date)
RETURNS TABLE (day_from date, day_to date)
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT d.day_from, d.day_to
    FROM retail.whole_weeks(range_start, range_end) AS w,
        LATERAL (VALUES
            (range_start, least(range_end, w.week_from - 1)),
            (greatest(range_start, w.week_from, w.week_to), range_end)
        ) AS d (day_from, day_to)
    WHERE d.day_from <= d.day_to
$$;

COMMENT ON FUNCTION retail.partial_weeks(date, date) IS
'The day ranges of an inclusive range that fall outside its whole weeks (zero, one or two).';

GRANT EXECUTE ON FUNCTION retail.partial_weeks(date, date) TO zava_api_caller;

-- Cents (the rollups' money, sql/schema/1050) as an amount with two decimals; the tools convert once, after they
-- aggregate.
CREATE OR REPLACE FUNCTION retail.money(cents numeric)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT round(cents / 100, 2)
$$;

COMMENT ON FUNCTION retail.money(numeric) IS 'An amount in cents as money: 123456 -> 1234.56.';

GRANT EXECUTE ON FUNCTION retail.money(numeric) TO zava_api_caller;

-- The readers below return money in cents since the rollups keep cents (sql/schema/1050); a function's result
-- columns cannot be renamed in place, so the amount-returning versions go first.
DROP FUNCTION IF EXISTS retail.day_sales(date, date, text[], uuid, uuid);
DROP FUNCTION IF EXISTS retail.product_sales(date, date, text[], uuid, uuid);
DROP FUNCTION IF EXISTS retail.type_sales(date, date, text[], uuid, uuid);
DROP FUNCTION IF EXISTS retail.hour_sales(date, date, text[], uuid, uuid);

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

-- Sales per store and product over a period: the product x month rollup for the whole months, the product x week
-- rollup for the whole weeks of the days before and after them, the order lines for the rest (at most six days at
-- each end of each). Exact (orders add up over time: an order has one date). The caller's RLS applies to all three.
-- wanted_store / wanted_category NULL: no filter.
CREATE OR REPLACE FUNCTION retail.product_sales(
    period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid
)
RETURNS TABLE (
    store_id uuid, product_id uuid, orders bigint, units numeric, revenue_cents bigint, cost_cents bigint,
    discount_cents bigint
)
LANGUAGE sql
STABLE
AS $$
    WITH months AS (SELECT * FROM retail.whole_months(period_start, period_end)),
    cells AS (
        SELECT r.store_id, r.product_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.sales_product_month AS r, months AS m
        WHERE r.month >= m.month_from AND r.month < m.month_to
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          -- Not a join: without a category the planner drops this test (a join cost a third of the time).
          AND (
              wanted_category IS NULL
              OR r.product_id IN (SELECT p.product_id FROM retail.products AS p WHERE p.category_id = wanted_category)
          )
        UNION ALL
        SELECT r.store_id, r.product_id, r.orders::bigint, r.units::numeric, r.revenue_cents, r.cost_cents,
               r.discount_cents
        FROM retail.partial_months(period_start, period_end) AS g,
            retail.whole_weeks(g.day_from, g.day_to) AS w,
            retail.sales_product_week AS r
        WHERE r.week >= w.week_from AND r.week < w.week_to
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          AND (
              wanted_category IS NULL
              OR r.product_id IN (SELECT p.product_id FROM retail.products AS p WHERE p.category_id = wanted_category)
          )
        UNION ALL
        SELECT f.store_id, f.product_id, count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint,
               (100 * sum(f.cost_amount))::bigint, (100 * sum(f.discount_amount))::bigint
        FROM retail.partial_months(period_start, period_end) AS g,
            retail.partial_weeks(g.day_from, g.day_to) AS e
        INNER JOIN retail.sales_facts AS f ON f.order_date BETWEEN e.day_from AND e.day_to
        WHERE f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
          AND (wanted_category IS NULL OR f.category_id = wanted_category)
        GROUP BY f.store_id, f.product_id
    )
    SELECT c.store_id, c.product_id, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint,
           sum(c.cost_cents)::bigint, sum(c.discount_cents)::bigint
    FROM cells AS c
    GROUP BY c.store_id, c.product_id
$$;

COMMENT ON FUNCTION retail.product_sales(date, date, text[], uuid, uuid) IS
'Sales per store and product in a period, from the product x month and x week rollups plus the lines of the days
outside whole weeks. Money in cents.';

-- The same per store and product type, from the product type x month rollup.
CREATE OR REPLACE FUNCTION retail.type_sales(
    period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid
)
RETURNS TABLE (
    store_id uuid, type_id uuid, orders bigint, units numeric, revenue_cents bigint, cost_cents bigint,
    discount_cents bigint
)
LANGUAGE sql
STABLE
AS $$
    WITH months AS (SELECT * FROM retail.whole_months(period_start, period_end)),
    cells AS (
        SELECT r.store_id, r.type_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.sales_type_month AS r, months AS m
        WHERE r.month >= m.month_from AND r.month < m.month_to
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          AND (
              wanted_category IS NULL
              OR r.type_id IN (SELECT t.type_id FROM retail.product_types AS t WHERE t.category_id = wanted_category)
          )
        UNION ALL
        SELECT f.store_id, f.type_id, count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint,
               (100 * sum(f.cost_amount))::bigint, (100 * sum(f.discount_amount))::bigint
        FROM retail.partial_months(period_start, period_end) AS e
        INNER JOIN retail.sales_facts AS f ON f.order_date BETWEEN e.day_from AND e.day_to
        WHERE f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
          AND (wanted_category IS NULL OR f.category_id = wanted_category)
        GROUP BY f.store_id, f.type_id
    )
    SELECT c.store_id, c.type_id, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint,
           sum(c.cost_cents)::bigint, sum(c.discount_cents)::bigint
    FROM cells AS c
    GROUP BY c.store_id, c.type_id
$$;

COMMENT ON FUNCTION retail.type_sales(date, date, text[], uuid, uuid) IS
'Sales per store and product type in a period, from the type x month rollup plus the lines of partial months.
Money in cents.';

-- Sales per store and hour of the day (UTC) over a period: the hour x month rollup for the whole months plus the
-- lines of the partial ones; with a category, the lines of the whole period (the rollup has no categories).
CREATE OR REPLACE FUNCTION retail.hour_sales(
    period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid
)
RETURNS TABLE (store_id uuid, hour integer, orders bigint, units numeric, revenue_cents bigint)
LANGUAGE sql
STABLE
AS $$
    WITH cells AS (
        SELECT r.store_id, r.hour::integer AS hour, r.orders::bigint AS orders, r.units::numeric AS units,
               r.revenue_cents
        FROM retail.sales_hour_month AS r, retail.whole_months(period_start, period_end) AS m
        WHERE wanted_category IS NULL
          AND r.month >= m.month_from AND r.month < m.month_to
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        UNION ALL
        SELECT f.store_id, extract(HOUR FROM f.created_at AT TIME ZONE 'UTC')::integer, count(DISTINCT f.order_id),
               sum(f.quantity), (100 * sum(f.revenue))::bigint
        FROM retail.partial_months(period_start, period_end) AS e
        INNER JOIN retail.sales_facts AS f ON f.order_date BETWEEN e.day_from AND e.day_to
        WHERE wanted_category IS NULL
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
        GROUP BY 1, 2
        UNION ALL
        -- A twin of the branch above on purpose: one branch reading "partial months or the whole period" got a
        -- generic plan 50x slower (670 ms against 14 ms at full) from the sixth call on.
        SELECT f.store_id, extract(HOUR FROM f.created_at AT TIME ZONE 'UTC')::integer, count(DISTINCT f.order_id),
               sum(f.quantity), (100 * sum(f.revenue))::bigint
        FROM retail.sales_facts AS f
        WHERE f.category_id = wanted_category
          AND f.order_date BETWEEN period_start AND period_end
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
        GROUP BY 1, 2
    )
    SELECT c.store_id, c.hour, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint
    FROM cells AS c
    GROUP BY c.store_id, c.hour
$$;

COMMENT ON FUNCTION retail.hour_sales(date, date, text[], uuid, uuid) IS
'Sales per store and hour of the day (UTC) in a period, from the hour x month rollup plus the lines of partial
months (all lines when a category is asked for). Money in cents.';

-- Sales per store and customer over a period, for get_customer_metrics and get_top_customers (get_store_performance
-- needs only who bought, which the orders answer for less): the customer x month rollup's cells for the whole
-- months [month_from, month_to), and one row per store and customer for the lines of the days around them. Sum the
-- rows per what you report (orders add up: an order has one customer, store and date). The caller passes the whole
-- months it computed from the period (retail.whole_months) as values: read through a join with that function the
-- planner guessed 5 rows for 87,000 and sorted them on disk.
CREATE OR REPLACE FUNCTION retail.customer_sales(
    period_start date, period_end date, month_from date, month_to date, statuses text[], wanted_store uuid
)
RETURNS TABLE (store_id uuid, customer_id uuid, orders bigint, revenue_cents bigint)
LANGUAGE sql
STABLE
AS $$
    SELECT r.store_id, r.customer_id, r.orders::bigint, r.revenue_cents
    FROM retail.sales_customer_month AS r
    WHERE r.month >= month_from AND r.month < month_to
      AND r.status = ANY(statuses)
      AND (wanted_store IS NULL OR r.store_id = wanted_store)
    UNION ALL
    SELECT f.store_id, f.customer_id, count(DISTINCT f.order_id), (100 * sum(f.revenue))::bigint
    FROM retail.partial_months(period_start, period_end) AS e
    INNER JOIN retail.sales_facts AS f ON f.order_date BETWEEN e.day_from AND e.day_to
    WHERE f.status = ANY(statuses)
      AND (wanted_store IS NULL OR f.store_id = wanted_store)
    GROUP BY f.store_id, f.customer_id
$$;

COMMENT ON FUNCTION retail.customer_sales(date, date, date, date, text[], uuid) IS
'Sales per store and customer in a period, as rows to sum: the customer x month rollup for the whole months, the
lines of the days around them. Money in cents.';

GRANT EXECUTE ON FUNCTION retail.day_sales(date, date, text[], uuid, uuid),
retail.customer_sales(date, date, date, date, text[], uuid),
retail.hour_sales(date, date, text[], uuid, uuid),
retail.product_sales(date, date, text[], uuid, uuid),
retail.type_sales(date, date, text[], uuid, uuid)
TO zava_api_caller;
