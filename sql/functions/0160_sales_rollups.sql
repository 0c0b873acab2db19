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

-- Fold the changes written since the last fold (retail.sales_changes, sql/schema/1180) into the rollups: every
-- changed order moves from what the rollups hold of it to what it is now. One statement, so one snapshot: the rows
-- it deletes from the log are exactly those it read, and the orders it reads now include exactly their changes (a
-- write committed meanwhile is in neither, and waits for the next fold). "Before" is, per row, the first change
-- logged since the last fold (the row as it was then, or absent for a new line); rows without a logged change are
-- as they are now. An order contributes 1 to the orders of every cell one of its lines falls in, so orders stay
-- exact per grain. An order is its (order_id, store_id) and a line its (order_item_id, store_id); changed names
-- order ids, so two stores' orders that share one are both recomputed and each kept apart. One fold at a time:
-- a second caller returns at once with 0. Returns how many logged changes were folded.
CREATE OR REPLACE FUNCTION jobs.fold_sales_changes()
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    folded bigint;
BEGIN
    -- Key: "FOLD" in the high 32 bits.
    IF NOT pg_catalog.pg_try_advisory_xact_lock(1179602000::bigint << 32) THEN
        RETURN 0;
    END IF;
    WITH taken AS (
        DELETE FROM retail.sales_changes RETURNING *
    ),
    first_orders AS (
        SELECT DISTINCT ON (t.order_id, t.store_id) t.*
        FROM taken AS t WHERE t.subject = 'order'
        ORDER BY t.order_id, t.store_id, t.change_id
    ),
    first_lines AS (
        SELECT DISTINCT ON (t.order_item_id, t.store_id) t.*
        FROM taken AS t WHERE t.subject = 'line'
        ORDER BY t.order_item_id, t.store_id, t.change_id
    ),
    first_products AS (
        SELECT DISTINCT ON (t.product_id) t.*
        FROM taken AS t WHERE t.subject = 'product'
        ORDER BY t.product_id, t.change_id
    ),
    -- The orders a change touched: logged orders and lines (as they were), the orders lines moved to, and the
    -- orders with a line of a changed product.
    changed AS (
        SELECT t.order_id FROM taken AS t WHERE t.subject IN ('order', 'line')
        UNION
        SELECT oi.order_id FROM first_lines AS f
        INNER JOIN retail.order_items AS oi ON oi.order_item_id = f.order_item_id AND oi.store_id = f.store_id
        UNION
        SELECT oi.order_id FROM first_products AS f
        INNER JOIN retail.order_items AS oi ON oi.product_id = f.product_id
    ),
    after_orders AS (
        SELECT o.order_id, o.store_id, o.order_date, o.status::text AS status, o.created_at, o.customer_id
        FROM retail.orders AS o
        WHERE o.order_id IN (SELECT c.order_id FROM changed AS c)
    ),
    before_orders AS (
        SELECT a.* FROM after_orders AS a
        WHERE NOT EXISTS (SELECT FROM first_orders AS f WHERE f.order_id = a.order_id AND f.store_id = a.store_id)
        UNION ALL
        SELECT f.order_id, f.store_id, f.order_date, f.status, f.created_at, f.customer_id FROM first_orders AS f
    ),
    after_lines AS (
        SELECT oi.order_item_id, oi.order_id, oi.store_id, oi.product_id, oi.quantity, oi.total_amount,
               oi.discount_amount
        FROM retail.order_items AS oi
        WHERE oi.order_id IN (SELECT c.order_id FROM changed AS c)
    ),
    before_lines AS (
        SELECT a.* FROM after_lines AS a
        WHERE NOT EXISTS (
            SELECT FROM first_lines AS f WHERE f.order_item_id = a.order_item_id AND f.store_id = a.store_id
        )
        UNION ALL
        SELECT f.order_item_id, f.order_id, f.store_id, f.product_id, f.quantity, f.total_amount, f.discount_amount
        FROM first_lines AS f WHERE NOT f.was_absent
    ),
    -- A line's product as it was (first_products) on the before side, as it is on the other.
    signed AS (
        SELECT 1 AS sign, ao.*, al.product_id, al.quantity, al.total_amount, al.discount_amount, p.category_id,
               p.type_id, p.cost
        FROM after_orders AS ao
        INNER JOIN after_lines AS al ON al.order_id = ao.order_id AND al.store_id = ao.store_id
        INNER JOIN retail.products AS p ON p.product_id = al.product_id
        UNION ALL
        SELECT -1, bo.*, bl.product_id, bl.quantity, bl.total_amount, bl.discount_amount,
               coalesce(fp.category_id, p.category_id), coalesce(fp.type_id, p.type_id), coalesce(fp.cost, p.cost)
        FROM before_orders AS bo
        INNER JOIN before_lines AS bl ON bl.order_id = bo.order_id AND bl.store_id = bo.store_id
        INNER JOIN retail.products AS p ON p.product_id = bl.product_id
        LEFT JOIN first_products AS fp ON fp.product_id = bl.product_id
    ),
    -- Money in cents.
    facts AS (
        SELECT s.sign, s.order_id, s.store_id, s.order_date, date_trunc('month', s.order_date)::date AS month,
               date_trunc('week', s.order_date)::date AS week,
               s.status, extract(HOUR FROM s.created_at AT TIME ZONE 'UTC')::smallint AS hour, s.customer_id,
               s.product_id,
               s.category_id, s.type_id, s.quantity, (s.total_amount * 100)::bigint AS revenue,
               (s.cost * s.quantity * 100)::bigint AS cost, (s.discount_amount * 100)::bigint AS discount
        FROM signed AS s
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
    ),
    w5 AS (
        INSERT INTO retail.sales_product_month AS t
        SELECT * FROM product_month WHERE (orders, lines, units, revenue, cost, discount) <> (0, 0, 0, 0, 0, 0)
        ON CONFLICT (month, store_id, status, product_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    customer_month AS (
        SELECT month, store_id, status, customer_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.month, f.store_id, f.status, f.customer_id, f.order_id, f.sign, count(*) AS lines,
                     sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    w6 AS (
        INSERT INTO retail.sales_customer_month AS t
        SELECT * FROM customer_month WHERE (orders, lines, units, revenue, cost, discount) <> (0, 0, 0, 0, 0, 0)
        ON CONFLICT (month, store_id, status, customer_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    product_week AS (
        SELECT week, store_id, status, product_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.week, f.store_id, f.status, f.product_id, f.order_id, f.sign, count(*) AS lines,
                     sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    w7 AS (
        INSERT INTO retail.sales_product_week AS t
        SELECT * FROM product_week WHERE (orders, lines, units, revenue, cost, discount) <> (0, 0, 0, 0, 0, 0)
        ON CONFLICT (week, store_id, status, product_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    )
    SELECT count(*) INTO folded FROM taken;
    RETURN folded;
END
$$;

COMMENT ON FUNCTION jobs.fold_sales_changes() IS
'Moves the orders changed since the last fold, in the sales rollups, from what they were to what they are.
@every 1';

-- The server runs it (its login), and the owner for the seed and the tests.
GRANT EXECUTE ON FUNCTION jobs.fold_sales_changes() TO zava_mcp, zava_owner;

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
        AND EXISTS (SELECT FROM retail.sales_customer_month) AND EXISTS (SELECT FROM retail.sales_product_week)
        THEN
        RETURN;
    END IF;
    -- The log too: the rebuild reads every change it holds. Its lock waits for writers in flight and holds back
    -- new ones (their log rows) until the rebuild commits, so nothing is counted twice or lost.
    TRUNCATE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month,
    retail.sales_hour_month, retail.sales_customer_month, retail.sales_product_week, retail.sales_changes;
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
    INSERT INTO retail.sales_customer_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, f.customer_id, count(DISTINCT f.order_id),
           count(*), sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_product_week
    SELECT date_trunc('week', f.order_date)::date, f.store_id, f.status, f.product_id, count(DISTINCT f.order_id),
           count(*), sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    ANALYZE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month,
    retail.sales_hour_month, retail.sales_customer_month, retail.sales_product_week;
END
$$;

COMMENT ON FUNCTION retail.rebuild_sales_rollups(boolean) IS
'Recomputes the sales rollups from the order lines (after a bulk load without triggers, or to compact them).';

-- Nobody else executes them: PUBLIC does not (sql/schema/1070's default privileges of the writer).
-- The seed rebuilds as the migrating user, through zava_owner.
GRANT EXECUTE ON FUNCTION retail.rebuild_sales_rollups(boolean) TO zava_owner;

-- A database that had orders before the rollups existed gets them built once, here.
SELECT retail.rebuild_sales_rollups(only_if_empty => true);
