SET LOCAL ROLE zava_owner;

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
INNER JOIN retail.orders AS o ON oi.order_id = o.order_id
INNER JOIN retail.products AS p ON oi.product_id = p.product_id;

COMMENT ON VIEW retail.sales_facts IS
'Lines of orders of every status, with revenue after discounts, cost at the product''s cost, and discount.';

GRANT SELECT ON retail.sales_facts
TO zava_store_manager, zava_regional_manager, zava_head_office, zava_rollup_writer;

-- The maintenance functions belong to zava_rollup_writer (sql/schema/1020): created as it, they run as it.
SET LOCAL ROLE zava_rollup_writer;

-- Apply the change of some orders to the rollups: subtract what the orders contributed before, add what they
-- contribute now. "Before" is the orders' old rows (old_orders, else their current rows) with their old lines
-- (current lines, minus new_lines, plus old_lines); "now" is their current rows and lines (nothing when
-- removing). An order contributes 1 to the orders of every cell one of its lines falls in, so orders stay exact
-- per grain. Concurrent writers of one order are serialised on a transaction advisory lock per order, taken before
-- anything is read (READ COMMITTED: each statement below then sees the other's committed lines).
CREATE OR REPLACE FUNCTION retail.apply_sales_change(
    changed uuid[],
    old_lines retail.order_items[] DEFAULT '{}',
    new_lines retail.order_items[] DEFAULT '{}',
    old_orders retail.orders[] DEFAULT '{}',
    removing boolean DEFAULT false
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
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(c::text, 17))
    FROM (SELECT DISTINCT c FROM unnest(changed) AS c ORDER BY c) AS s;
    WITH before_orders AS (
        SELECT o.order_id, o.store_id, o.order_date, o.status::text AS status, o.created_at
        FROM unnest(old_orders) AS o
        UNION ALL
        SELECT o.order_id, o.store_id, o.order_date, o.status::text, o.created_at
        FROM retail.orders AS o
        WHERE o.order_id = ANY(changed) AND o.order_id <> ALL(ARRAY(SELECT x.order_id FROM unnest(old_orders) AS x))
    ),
    after_orders AS (
        SELECT o.order_id, o.store_id, o.order_date, o.status::text AS status, o.created_at
        FROM retail.orders AS o
        WHERE o.order_id = ANY(changed) AND NOT removing
    ),
    current_lines AS (
        SELECT oi.order_item_id, oi.order_id, oi.product_id, oi.quantity, oi.total_amount, oi.discount_amount
        FROM retail.order_items AS oi
        WHERE oi.order_id = ANY(changed)
    ),
    before_lines AS (
        SELECT cl.* FROM current_lines AS cl
        WHERE cl.order_item_id <> ALL(ARRAY(SELECT n.order_item_id FROM unnest(new_lines) AS n))
        UNION ALL
        SELECT ol.order_item_id, ol.order_id, ol.product_id, ol.quantity, ol.total_amount, ol.discount_amount
        FROM unnest(old_lines) AS ol
    ),
    signed AS (
        SELECT 1 AS sign, ao.*, cl.product_id, cl.quantity, cl.total_amount, cl.discount_amount
        FROM after_orders AS ao INNER JOIN current_lines AS cl ON cl.order_id = ao.order_id
        UNION ALL
        SELECT -1, bo.*, bl.product_id, bl.quantity, bl.total_amount, bl.discount_amount
        FROM before_orders AS bo INNER JOIN before_lines AS bl ON bl.order_id = bo.order_id
    ),
    facts AS (
        SELECT s.sign, s.order_id, s.store_id, s.order_date, date_trunc('month', s.order_date)::date AS month,
               s.status, extract(HOUR FROM s.created_at AT TIME ZONE 'UTC')::smallint AS hour, s.product_id,
               p.category_id, p.type_id, s.quantity, s.total_amount AS revenue,
               p.cost * s.quantity AS cost, s.discount_amount AS discount
        FROM signed AS s INNER JOIN retail.products AS p ON p.product_id = s.product_id
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
        SELECT * FROM store_day WHERE orders <> 0 OR lines <> 0 OR revenue <> 0 OR units <> 0
        ON CONFLICT (order_date, store_id, status) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue = t.revenue + excluded.revenue, cost = t.cost + excluded.cost,
            discount = t.discount + excluded.discount
    ),
    w2 AS (
        INSERT INTO retail.sales_category_day AS t
        SELECT * FROM category_day WHERE orders <> 0 OR lines <> 0 OR revenue <> 0 OR units <> 0
        ON CONFLICT (order_date, store_id, status, category_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue = t.revenue + excluded.revenue, cost = t.cost + excluded.cost,
            discount = t.discount + excluded.discount
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
        SELECT * FROM type_month WHERE orders <> 0 OR lines <> 0 OR revenue <> 0 OR units <> 0
        ON CONFLICT (month, store_id, status, type_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue = t.revenue + excluded.revenue, cost = t.cost + excluded.cost,
            discount = t.discount + excluded.discount
    ),
    w4 AS (
        INSERT INTO retail.sales_hour_month AS t
        SELECT * FROM hour_month WHERE orders <> 0 OR lines <> 0 OR revenue <> 0 OR units <> 0
        ON CONFLICT (month, store_id, status, hour) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue = t.revenue + excluded.revenue, cost = t.cost + excluded.cost,
            discount = t.discount + excluded.discount
    )
    INSERT INTO retail.sales_product_month AS t
    SELECT * FROM product_month WHERE orders <> 0 OR lines <> 0 OR revenue <> 0 OR units <> 0
    ON CONFLICT (month, store_id, status, product_id) DO UPDATE SET
        orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
        revenue = t.revenue + excluded.revenue, cost = t.cost + excluded.cost,
        discount = t.discount + excluded.discount;
END
$$;

COMMENT ON FUNCTION retail.apply_sales_change(
    uuid[], retail.order_items[], retail.order_items[], retail.orders[],
    boolean
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
           sum(f.revenue), sum(f.cost_amount), sum(f.discount_amount)
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3;
    INSERT INTO retail.sales_category_day
    SELECT f.order_date, f.store_id, f.status, f.category_id, count(DISTINCT f.order_id), count(*), sum(f.quantity),
           sum(f.revenue), sum(f.cost_amount), sum(f.discount_amount)
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_type_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, f.type_id, count(DISTINCT f.order_id),
           count(*), sum(f.quantity), sum(f.revenue), sum(f.cost_amount), sum(f.discount_amount)
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_product_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, f.product_id, count(DISTINCT f.order_id),
           count(*), sum(f.quantity), sum(f.revenue), sum(f.cost_amount), sum(f.discount_amount)
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_hour_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status,
           extract(HOUR FROM f.created_at AT TIME ZONE 'UTC'), count(DISTINCT f.order_id), count(*),
           sum(f.quantity), sum(f.revenue), sum(f.cost_amount), sum(f.discount_amount)
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    ANALYZE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month,
    retail.sales_hour_month;
END
$$;

COMMENT ON FUNCTION retail.rebuild_sales_rollups(boolean) IS
'Recomputes the sales rollups from the order lines (after a bulk load without triggers, or to compact them).';

-- The triggers: statement-level, so a multi-row write pays once. A transition table serves one event only, hence
-- one trigger (and function) per event.
CREATE OR REPLACE FUNCTION retail.order_items_inserted()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM retail.apply_sales_change(
        ARRAY(SELECT DISTINCT n.order_id FROM new_lines AS n),
        new_lines => ARRAY(SELECT n::retail.order_items FROM new_lines AS n)
    );
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION retail.order_items_updated()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM retail.apply_sales_change(
        ARRAY(SELECT n.order_id FROM new_lines AS n UNION SELECT o.order_id FROM old_lines AS o),
        old_lines => ARRAY(SELECT o::retail.order_items FROM old_lines AS o),
        new_lines => ARRAY(SELECT n::retail.order_items FROM new_lines AS n)
    );
    RETURN NULL;
END
$$;

-- Lines deleted with their order (ON DELETE CASCADE) find no order: orders_deleting took them out already.
CREATE OR REPLACE FUNCTION retail.order_items_deleted()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM retail.apply_sales_change(
        ARRAY(SELECT DISTINCT o.order_id FROM old_lines AS o),
        old_lines => ARRAY(SELECT o::retail.order_items FROM old_lines AS o)
    );
    RETURN NULL;
END
$$;

-- An order's date, store, status or creation time changed: its lines move to other cells.
CREATE OR REPLACE FUNCTION retail.orders_updated()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM retail.apply_sales_change(
        ARRAY(
            SELECT n.order_id FROM new_orders AS n INNER JOIN old_orders AS o ON o.order_id = n.order_id
            WHERE (n.order_date, n.store_id, n.status, n.created_at)
                IS DISTINCT FROM (o.order_date, o.store_id, o.status, o.created_at)
        ),
        old_orders => ARRAY(SELECT o::retail.orders FROM old_orders AS o)
    );
    RETURN NULL;
END
$$;

-- Row-level and BEFORE: the order's lines are still there to subtract; their cascaded deletion then finds no order.
CREATE OR REPLACE FUNCTION retail.orders_deleting()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM retail.apply_sales_change(ARRAY[OLD.order_id], removing => true);
    RETURN OLD;
END
$$;

CREATE OR REPLACE FUNCTION retail.sales_truncated()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    TRUNCATE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month,
    retail.sales_hour_month;
    RETURN NULL;
END
$$;


-- Functions the writer creates are executable by PUBLIC by default (0100's default privileges are the owner's).
REVOKE ALL ON FUNCTION retail.apply_sales_change(
    uuid[], retail.order_items[], retail.order_items[], retail.orders[], boolean
) FROM public;
REVOKE ALL ON FUNCTION retail.rebuild_sales_rollups(boolean), retail.order_items_inserted(),
retail.order_items_updated(), retail.order_items_deleted(), retail.orders_updated(), retail.orders_deleting(),
retail.sales_truncated() FROM public;
-- zava_owner creates the triggers (it owns the tables) and the seed rebuilds as the migrating user.
GRANT EXECUTE ON FUNCTION retail.order_items_inserted(), retail.order_items_updated(),
retail.order_items_deleted(), retail.orders_updated(), retail.orders_deleting(), retail.sales_truncated(),
retail.rebuild_sales_rollups(boolean)
TO zava_owner;

COMMENT ON FUNCTION retail.order_items_inserted() IS 'Trigger: new order lines join the sales rollups.';
COMMENT ON FUNCTION retail.order_items_updated() IS 'Trigger: changed order lines move in the sales rollups.';
COMMENT ON FUNCTION retail.order_items_deleted() IS 'Trigger: deleted order lines leave the sales rollups.';
COMMENT ON FUNCTION retail.orders_updated() IS
'Trigger: an order whose date, store or status changed moves its lines to other rollup cells.';
COMMENT ON FUNCTION retail.orders_deleting() IS 'Trigger: a deleted order leaves the sales rollups with its lines.';
COMMENT ON FUNCTION retail.sales_truncated() IS 'Trigger: emptied orders empty the sales rollups.';

-- A database that had orders before the rollups existed gets them built once, here.
SELECT retail.rebuild_sales_rollups(only_if_empty => true);

SET LOCAL ROLE zava_owner;

CREATE OR REPLACE TRIGGER order_items_rollup_insert
AFTER INSERT ON retail.order_items
REFERENCING NEW TABLE AS new_lines
FOR EACH STATEMENT EXECUTE FUNCTION retail.order_items_inserted();

CREATE OR REPLACE TRIGGER order_items_rollup_update
AFTER UPDATE ON retail.order_items
REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
FOR EACH STATEMENT EXECUTE FUNCTION retail.order_items_updated();

CREATE OR REPLACE TRIGGER order_items_rollup_delete
AFTER DELETE ON retail.order_items
REFERENCING OLD TABLE AS old_lines
FOR EACH STATEMENT EXECUTE FUNCTION retail.order_items_deleted();

CREATE OR REPLACE TRIGGER orders_rollup_update
AFTER UPDATE ON retail.orders
REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders
FOR EACH STATEMENT EXECUTE FUNCTION retail.orders_updated();

CREATE OR REPLACE TRIGGER orders_rollup_delete
BEFORE DELETE ON retail.orders
FOR EACH ROW EXECUTE FUNCTION retail.orders_deleting();

CREATE OR REPLACE TRIGGER orders_rollup_truncate
AFTER TRUNCATE ON retail.orders
FOR EACH STATEMENT EXECUTE FUNCTION retail.sales_truncated();

CREATE OR REPLACE TRIGGER order_items_rollup_truncate
AFTER TRUNCATE ON retail.order_items
FOR EACH STATEMENT EXECUTE FUNCTION retail.sales_truncated();
