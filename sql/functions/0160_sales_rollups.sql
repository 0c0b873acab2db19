-- Every line of every order, with the measures of the glossary (sql/functions/0170) and the order's status, date
-- and store. security_invoker: the caller's RLS applies. The tools read the rollups (sql/schema/1030); this view is
-- what they add for the days a month-grain rollup cannot split, and what the rollups are rebuilt from.
CREATE OR REPLACE VIEW retail.sales_facts WITH (security_invoker = true) AS
SELECT
    oi.store_id,
    o.order_id,
    o.customer_id,
    o.order_date,
    o.status::text AS status,
    o.created_at,
    oi.product_id,
    p.category_id,
    p.type_id,
    oi.quantity,
    oi.total_amount AS revenue,
    oi.discount_amount,
    p.cost * oi.quantity AS cost_amount
FROM retail.order_items AS oi
INNER JOIN retail.orders AS o ON oi.order_id = o.order_id AND oi.store_id = o.store_id
INNER JOIN retail.products AS p ON oi.product_id = p.product_id;

COMMENT ON VIEW retail.sales_facts IS
'Lines of orders of every status, with revenue after discounts, cost at the product''s cost, and discount.';

GRANT SELECT ON retail.sales_facts
TO zava_store_manager, zava_regional_manager, zava_head_office, zava_rollup_writer;

-- The maintenance functions belong to zava_rollup_writer (sql/schema/1020): created as it, they run as it.
SET LOCAL ROLE zava_rollup_writer;

-- Apply the change of some orders to the rollups: subtract what the orders contributed before, add what they
-- contribute now. "Before" is the orders' old rows (old_orders, else their current rows) with their old lines
-- (current lines, minus new_lines, plus old_lines) and their products' old rows (old_products, else current);
-- "now" is their current rows, lines and products (without the orders of old_orders when removing: they are
-- being deleted). An order contributes 1 to the orders of every cell one of its lines falls in, so orders stay
-- exact per grain. An order is its (order_id, store_id) and a line its (order_item_id, store_id), the tables' keys
-- (sql/schema/1160): changed names order ids, and two stores' orders that share one are each kept apart.
-- Concurrent writers of one order are serialised on a transaction advisory lock of the order's bucket (one of
-- 1,024), taken in bucket order before anything is read (READ COMMITTED: each statement below then sees the other's
-- committed lines). A lock per order ran out of the shared lock table (max_locks_per_transaction) when one UPDATE
-- refunded two months of orders at SCALE=large; a bucket bounds what one transaction holds.
-- Signature before old_products, dropped so that no caller reaches a version that ignores changed products.
DROP FUNCTION IF EXISTS retail.apply_sales_change(
    uuid[], retail.order_items[], retail.order_items[], retail.orders[], boolean
);
CREATE OR REPLACE FUNCTION retail.apply_sales_change(
    changed uuid[],
    old_lines retail.order_items[] DEFAULT '{}',
    new_lines retail.order_items[] DEFAULT '{}',
    old_orders retail.orders[] DEFAULT '{}',
    removing boolean DEFAULT false,
    old_products retail.products[] DEFAULT '{}'
)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- Planning the statement below costs ~1 ms, running it ~0.2 ms for one order; its plan does not depend on the
-- values (a few orders by key), so it is planned once per session.
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    -- Key: "ROLL" in the high 32 bits, the bucket in the low ones.
    PERFORM pg_catalog.pg_advisory_xact_lock((1380928588::bigint << 32) + s.bucket)
    FROM (
        SELECT DISTINCT pg_catalog.hashtextextended(c::text, 17) & 1023 AS bucket FROM unnest(changed) AS c
        ORDER BY 1
    ) AS s;
    WITH before_orders AS (
        SELECT o.order_id, o.store_id, o.order_date, o.status::text AS status, o.created_at
        FROM unnest(old_orders) AS o
        UNION ALL
        SELECT o.order_id, o.store_id, o.order_date, o.status::text, o.created_at
        FROM retail.orders AS o
        WHERE o.order_id = ANY(changed)
          AND NOT EXISTS (
              SELECT FROM unnest(old_orders) AS x WHERE x.order_id = o.order_id AND x.store_id = o.store_id
          )
    ),
    after_orders AS (
        SELECT o.order_id, o.store_id, o.order_date, o.status::text AS status, o.created_at
        FROM retail.orders AS o
        WHERE o.order_id = ANY(changed)
          AND NOT (removing AND EXISTS (
              SELECT FROM unnest(old_orders) AS x WHERE x.order_id = o.order_id AND x.store_id = o.store_id
          ))
    ),
    current_lines AS (
        SELECT oi.order_item_id, oi.order_id, oi.store_id, oi.product_id, oi.quantity, oi.total_amount,
               oi.discount_amount
        FROM retail.order_items AS oi
        WHERE oi.order_id = ANY(changed)
    ),
    before_lines AS (
        SELECT cl.* FROM current_lines AS cl
        WHERE NOT EXISTS (
            SELECT FROM unnest(new_lines) AS n WHERE n.order_item_id = cl.order_item_id AND n.store_id = cl.store_id
        )
        UNION ALL
        SELECT ol.order_item_id, ol.order_id, ol.store_id, ol.product_id, ol.quantity, ol.total_amount,
               ol.discount_amount
        FROM unnest(old_lines) AS ol
    ),
    signed AS (
        SELECT 1 AS sign, ao.*, cl.product_id, cl.quantity, cl.total_amount, cl.discount_amount
        FROM after_orders AS ao
        INNER JOIN current_lines AS cl ON cl.order_id = ao.order_id AND cl.store_id = ao.store_id
        UNION ALL
        SELECT -1, bo.*, bl.product_id, bl.quantity, bl.total_amount, bl.discount_amount
        FROM before_orders AS bo
        INNER JOIN before_lines AS bl ON bl.order_id = bo.order_id AND bl.store_id = bo.store_id
    ),
    -- A line's product as it was (old_products) on the before side, as it is on the other. Money in cents.
    facts AS (
        SELECT s.sign, s.order_id, s.store_id, s.order_date, date_trunc('month', s.order_date)::date AS month,
               s.status, extract(HOUR FROM s.created_at AT TIME ZONE 'UTC')::smallint AS hour, s.product_id,
               coalesce(op.category_id, p.category_id) AS category_id, coalesce(op.type_id, p.type_id) AS type_id,
               s.quantity, (s.total_amount * 100)::bigint AS revenue,
               (coalesce(op.cost, p.cost) * s.quantity * 100)::bigint AS cost,
               (s.discount_amount * 100)::bigint AS discount
        FROM signed AS s
        INNER JOIN retail.products AS p ON p.product_id = s.product_id
        LEFT JOIN unnest(old_products) AS op ON op.product_id = s.product_id AND s.sign = -1
    ),
    -- Per order and cell first (one order counts once per cell), then per cell.
    store_day AS (
        SELECT order_date, store_id, status, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.order_date, f.store_id, f.status, f.order_id, f.sign, count(*) AS lines,
                     sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5) AS per_order
        GROUP BY 1, 2, 3
    ),
    category_day AS (
        SELECT order_date, store_id, status, category_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.order_date, f.store_id, f.status, f.category_id, f.order_id, f.sign, count(*) AS lines,
                     sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    type_month AS (
        SELECT month, store_id, status, type_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.month, f.store_id, f.status, f.type_id, f.order_id, f.sign, count(*) AS lines,
                     sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    product_month AS (
        SELECT month, store_id, status, product_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.month, f.store_id, f.status, f.product_id, f.order_id, f.sign, count(*) AS lines,
                     sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    w1 AS (
        INSERT INTO retail.sales_store_day AS t
        SELECT * FROM store_day WHERE (orders, lines, units, revenue, cost, discount) <> (0, 0, 0, 0, 0, 0)
        ON CONFLICT (order_date, store_id, status) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    w2 AS (
        INSERT INTO retail.sales_category_day AS t
        SELECT * FROM category_day WHERE (orders, lines, units, revenue, cost, discount) <> (0, 0, 0, 0, 0, 0)
        ON CONFLICT (order_date, store_id, status, category_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    hour_month AS (
        SELECT month, store_id, status, hour, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.month, f.store_id, f.status, f.hour, f.order_id, f.sign, count(*) AS lines,
                     sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    w3 AS (
        INSERT INTO retail.sales_type_month AS t
        SELECT * FROM type_month WHERE (orders, lines, units, revenue, cost, discount) <> (0, 0, 0, 0, 0, 0)
        ON CONFLICT (month, store_id, status, type_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    w4 AS (
        INSERT INTO retail.sales_hour_month AS t
        SELECT * FROM hour_month WHERE (orders, lines, units, revenue, cost, discount) <> (0, 0, 0, 0, 0, 0)
        ON CONFLICT (month, store_id, status, hour) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    )
    INSERT INTO retail.sales_product_month AS t
    SELECT * FROM product_month WHERE (orders, lines, units, revenue, cost, discount) <> (0, 0, 0, 0, 0, 0)
    ON CONFLICT (month, store_id, status, product_id) DO UPDATE SET
        orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
        revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
        discount_cents = t.discount_cents + excluded.discount_cents;
END
$$;

COMMENT ON FUNCTION retail.apply_sales_change(
    uuid[], retail.order_items[], retail.order_items[], retail.orders[], boolean, retail.products[]
) IS
'Moves the contribution of the changed orders in the sales rollups from what they were to what they are.';

-- Rebuild every rollup from the base tables: after a bulk load that ran without triggers (seed.py), or to drop the
-- cells a rebuild would not have (all zero). Exact either way.
CREATE OR REPLACE FUNCTION retail.rebuild_sales_rollups(only_if_empty boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A rollup added to a database that has the others is empty: everything is rebuilt then.
    IF only_if_empty AND EXISTS (SELECT FROM retail.sales_store_day) AND EXISTS (SELECT FROM retail.sales_hour_month)
        THEN
        RETURN;
    END IF;
    TRUNCATE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month,
    retail.sales_hour_month;
    INSERT INTO retail.sales_store_day
    SELECT f.order_date, f.store_id, f.status, count(DISTINCT f.order_id), count(*), sum(f.quantity),
           (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3;
    INSERT INTO retail.sales_category_day
    SELECT f.order_date, f.store_id, f.status, f.category_id, count(DISTINCT f.order_id), count(*), sum(f.quantity),
           (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_type_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, f.type_id, count(DISTINCT f.order_id),
           count(*), sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_product_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, f.product_id, count(DISTINCT f.order_id),
           count(*), sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_hour_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status,
           extract(HOUR FROM f.created_at AT TIME ZONE 'UTC'), count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    ANALYZE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month,
    retail.sales_hour_month;
END
$$;

COMMENT ON FUNCTION retail.rebuild_sales_rollups(boolean) IS
'Recomputes the sales rollups from the order lines (after a bulk load without triggers, or to compact them).';

-- Nobody else executes them: PUBLIC does not (sql/schema/1070's default privileges of the writer).
-- The seed rebuilds as the migrating user, through zava_owner.
GRANT EXECUTE ON FUNCTION retail.rebuild_sales_rollups(boolean) TO zava_owner;

-- A database that had orders before the rollups existed gets them built once, here.
SELECT retail.rebuild_sales_rollups(only_if_empty => true);
