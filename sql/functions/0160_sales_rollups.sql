{% from "rollups.sql" import rollups, fold_into, rebuild, rollup_tables, add_buyers %}
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
    customer_cells retail.customer_cell[];
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
               date_trunc('quarter', s.order_date)::date AS quarter, date_trunc('year', s.order_date)::date AS year,
               s.status, extract(HOUR FROM s.created_at AT TIME ZONE retail.business_time_zone())::smallint AS hour,
               s.customer_id, s.product_id,
               s.category_id, s.type_id, s.quantity, (s.total_amount * 100)::bigint AS revenue,
               (s.cost * s.quantity * 100)::bigint AS cost, (s.discount_amount * 100)::bigint AS discount
        FROM signed AS s
    ),
    -- Each rollup's part (sql/macros/rollups.sql): per order and cell first, then per cell, then upserted.
{%- for table in rollups %}
    {{ fold_into(table) }}{{ "," if not loop.last }}
{%- endfor %}
    SELECT
        (SELECT count(*) FROM taken),
        ARRAY(
            SELECT ROW(d.store_id, d.status, d.customer_id, d.month, d.orders, d.revenue)::retail.customer_cell
            FROM sales_customer_month_delta AS d
        )
    INTO folded, customer_cells;
    -- The customer cohorts and repeat buyers, moved by what it changed in the customer cells (sql/functions/0157).
    PERFORM retail.refresh_customer_cohorts(customer_cells);
    RETURN folded;
END
$$;

COMMENT ON FUNCTION jobs.fold_sales_changes() IS
'Moves the orders changed since the last fold, in the sales rollups, from what they were to what they are.
@every 1';

-- The server runs it (its login), and the owner for the seed and the tests.
GRANT EXECUTE ON FUNCTION jobs.fold_sales_changes() TO zava_mcp, zava_owner;

-- Rebuild every rollup from the base tables: after a bulk load that ran without triggers (seed.py). The fold keeps
-- them exact otherwise, with the same cells a rebuild makes (it deletes the ones a change empties).
CREATE OR REPLACE FUNCTION retail.rebuild_sales_rollups(only_if_empty boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- A rollup added to a database that has the others is empty (the buyer bitmaps too): everything is rebuilt then.
    IF only_if_empty
{%- for table in rollups %}
        AND EXISTS (SELECT FROM retail.{{ table }})
{%- endfor %}
        AND EXISTS (SELECT FROM retail.sales_buyers_month)
        THEN
        RETURN;
    END IF;
    -- The log too: the rebuild reads every change it holds. Its lock waits for writers in flight and holds back
    -- new ones (their log rows) until the rebuild commits, so nothing is counted twice or lost.
    TRUNCATE {{ rollup_tables() }}, retail.sales_changes;
{%- for table in rollups %}
    {{ rebuild(table) }}
{%- endfor %}
    -- The buyer bitmaps, which the customer rollup's triggers (sql/functions/0155) filled unless they did not fire
    -- (seed.py's bulk load runs with session_replication_role = replica).
    IF NOT EXISTS (SELECT FROM retail.sales_buyers_month) THEN
        {{ add_buyers("retail.sales_customer_month") }}
    END IF;
    -- The customer cohorts and repeat buyers (sql/functions/0157) likewise, after the buyer numbers.
    PERFORM retail.refresh_customer_cohorts(NULL, only_if_empty => true);
    ANALYZE {{ rollup_tables() }};
END
$$;

COMMENT ON FUNCTION retail.rebuild_sales_rollups(boolean) IS
'Recomputes the sales rollups from the order lines (after a bulk load without triggers).';

-- Nobody else executes them: PUBLIC does not (sql/schema/1070's default privileges of the writer).
-- The seed rebuilds as the migrating user, through zava_owner.
GRANT EXECUTE ON FUNCTION retail.rebuild_sales_rollups(boolean) TO zava_owner;

-- A database that had orders before the rollups existed gets them built once, here; and every rollup is rebuilt
-- when a versioned file asked for it (retail.rollup_rebuild_requests, sql/schema/1360), in this transaction, with
-- the functions just installed.
DO $$
BEGIN
    IF EXISTS (SELECT FROM retail.rollup_rebuild_requests WHERE done_at IS NULL) THEN
        PERFORM retail.rebuild_sales_rollups();
        UPDATE retail.rollup_rebuild_requests SET done_at = now() WHERE done_at IS NULL;
    ELSE
        PERFORM retail.rebuild_sales_rollups(only_if_empty => true);
    END IF;
END
$$;
