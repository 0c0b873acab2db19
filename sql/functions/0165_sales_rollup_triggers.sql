-- The triggers that keep the sales rollups (sql/schema/1030, 1040) exact: each event hands the changed orders (and
-- what they were) to retail.apply_sales_change (sql/functions/0160). The functions belong to zava_rollup_writer,
-- the triggers to the tables' owner.
SET LOCAL ROLE zava_rollup_writer;

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

-- A product's cost, category or type changed: every order with a line of it moves (its lines' cost, category and
-- type cells). A catalog edit, rare; at SCALE=large one product has about 11,000 orders.
CREATE OR REPLACE FUNCTION retail.products_updated()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM retail.apply_sales_change(
        ARRAY(
            SELECT DISTINCT oi.order_id
            FROM new_products AS n
            INNER JOIN old_products AS o ON o.product_id = n.product_id
            INNER JOIN retail.order_items AS oi ON oi.product_id = n.product_id
            WHERE (n.cost, n.category_id, n.type_id) IS DISTINCT FROM (o.cost, o.category_id, o.type_id)
        ),
        old_products => ARRAY(SELECT o::retail.products FROM old_products AS o)
    );
    RETURN NULL;
END
$$;

-- Row-level and BEFORE: the order's lines are still there to subtract; their cascaded deletion then finds no order.
-- The order itself (old_orders) is what goes, not another store's order with the same order_id.
CREATE OR REPLACE FUNCTION retail.orders_deleting()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM retail.apply_sales_change(ARRAY[OLD.order_id], old_orders => ARRAY[OLD], removing => true);
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

-- Nobody else executes them: PUBLIC does not (sql/schema/1070's default privileges of the writer).
-- zava_owner creates the triggers (it owns the tables).
GRANT EXECUTE ON FUNCTION retail.order_items_inserted(), retail.order_items_updated(), retail.order_items_deleted(),
retail.orders_updated(), retail.orders_deleting(), retail.products_updated(), retail.sales_truncated()
TO zava_owner;

COMMENT ON FUNCTION retail.order_items_inserted() IS 'Trigger: new order lines join the sales rollups.';
COMMENT ON FUNCTION retail.order_items_updated() IS 'Trigger: changed order lines move in the sales rollups.';
COMMENT ON FUNCTION retail.order_items_deleted() IS 'Trigger: deleted order lines leave the sales rollups.';
COMMENT ON FUNCTION retail.orders_updated() IS
'Trigger: an order whose date, store or status changed moves its lines to other rollup cells.';
COMMENT ON FUNCTION retail.products_updated() IS
'Trigger: a product whose cost, category or type changed moves its orders'' lines in the sales rollups.';
COMMENT ON FUNCTION retail.orders_deleting() IS 'Trigger: a deleted order leaves the sales rollups with its lines.';
COMMENT ON FUNCTION retail.sales_truncated() IS 'Trigger: emptied orders empty the sales rollups.';

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

CREATE OR REPLACE TRIGGER products_rollup_update
AFTER UPDATE ON retail.products
REFERENCING OLD TABLE AS old_products NEW TABLE AS new_products
FOR EACH STATEMENT EXECUTE FUNCTION retail.products_updated();

CREATE OR REPLACE TRIGGER orders_rollup_delete
BEFORE DELETE ON retail.orders
FOR EACH ROW EXECUTE FUNCTION retail.orders_deleting();

CREATE OR REPLACE TRIGGER orders_rollup_truncate
AFTER TRUNCATE ON retail.orders
FOR EACH STATEMENT EXECUTE FUNCTION retail.sales_truncated();

CREATE OR REPLACE TRIGGER order_items_rollup_truncate
AFTER TRUNCATE ON retail.order_items
FOR EACH STATEMENT EXECUTE FUNCTION retail.sales_truncated();
