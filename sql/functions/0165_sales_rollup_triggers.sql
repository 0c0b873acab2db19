{% from "rollups.sql" import rollup_tables %}
-- The triggers that log what a write changes for the sales rollups (sql/schema/1180): the changed rows as they were
-- before, nothing more; jobs.fold_sales_changes (sql/functions/0160) takes them into the rollups. Statement-level,
-- so a multi-row write pays once. The functions belong to zava_rollup_writer (the only role that may write the
-- log), the triggers to the tables' owner.
SET LOCAL ROLE zava_rollup_writer;

-- New lines: only that they were not there. An order without lines contributes nothing, so new orders log nothing.
CREATE OR REPLACE FUNCTION retail.order_lines_inserted()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO retail.sales_changes (subject, order_id, store_id, order_item_id, was_absent)
    SELECT 'line', n.order_id, n.store_id, n.order_item_id, true FROM new_lines AS n;
    RETURN NULL;
END
$$;

-- Changed or deleted lines (UPDATE and DELETE share it): each as it was, unless what the rollups sum of it is as
-- it was (a line's key, order, product, quantity and amounts).
CREATE OR REPLACE FUNCTION retail.order_lines_changed()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO retail.sales_changes (
        subject, order_id, store_id, order_item_id, product_id, quantity, total_amount, discount_amount
    )
    SELECT 'line', o.order_id, o.store_id, o.order_item_id, o.product_id, o.quantity, o.total_amount,
           o.discount_amount
    FROM old_lines AS o
    WHERE NOT EXISTS (
        SELECT FROM retail.order_items AS n
        WHERE n.order_item_id = o.order_item_id AND n.store_id = o.store_id
          AND (n.order_id, n.product_id, n.quantity, n.total_amount, n.discount_amount)
          = (o.order_id, o.product_id, o.quantity, o.total_amount, o.discount_amount)
    );
    RETURN NULL;
END
$$;

-- Changed or deleted orders: each as it was, unless its date, status, creation time and customer are as they were.
-- A deleted order's lines go with it (ON DELETE CASCADE) and log themselves.
CREATE OR REPLACE FUNCTION retail.orders_changed()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO retail.sales_changes (subject, order_id, store_id, order_date, status, created_at, customer_id)
    SELECT 'order', o.order_id, o.store_id, o.order_date, o.status, o.created_at, o.customer_id
    FROM old_orders AS o
    WHERE NOT EXISTS (
        SELECT FROM retail.orders AS n
        WHERE n.order_id = o.order_id AND n.store_id = o.store_id
          AND (n.order_date, n.status, n.created_at, n.customer_id)
          = (o.order_date, o.status, o.created_at, o.customer_id)
    );
    RETURN NULL;
END
$$;

-- A product whose cost, category or type changed: every line of it moves (its cost, category and type cells). A
-- catalog edit, rare; at SCALE=large one product has about 11,000 orders, which the fold recomputes.
CREATE OR REPLACE FUNCTION retail.products_changed()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO retail.sales_changes (subject, product_id, cost, category_id, type_id)
    SELECT 'product', o.product_id, o.cost, o.category_id, o.type_id
    FROM old_products AS o
    WHERE NOT EXISTS (
        SELECT FROM retail.products AS n
        WHERE n.product_id = o.product_id AND (n.cost, n.category_id, n.type_id) = (o.cost, o.category_id, o.type_id)
    );
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION retail.sales_truncated()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    TRUNCATE {{ rollup_tables() }}, retail.sales_changes;
    RETURN NULL;
END
$$;

-- Nobody else executes them: PUBLIC does not (sql/schema/1070's default privileges of the writer).
-- zava_owner creates the triggers (it owns the tables).
GRANT EXECUTE ON FUNCTION retail.order_lines_inserted(), retail.order_lines_changed(), retail.orders_changed(),
retail.products_changed(), retail.sales_truncated()
TO zava_owner;

COMMENT ON FUNCTION retail.order_lines_inserted() IS 'Trigger: logs new order lines for the sales rollups.';
COMMENT ON FUNCTION retail.order_lines_changed() IS
'Trigger: logs changed or deleted order lines, as they were, for the sales rollups.';
COMMENT ON FUNCTION retail.orders_changed() IS
'Trigger: logs orders whose date, status or creation time changed, or that were deleted, as they were.';
COMMENT ON FUNCTION retail.products_changed() IS
'Trigger: logs products whose cost, category or type changed, as they were, for the sales rollups.';
COMMENT ON FUNCTION retail.sales_truncated() IS 'Trigger: emptied orders empty the sales rollups and their log.';

SET LOCAL ROLE zava_owner;

-- The triggers of the first design (rollups upserted in the writing transaction), replaced below.
DROP TRIGGER IF EXISTS orders_rollup_delete ON retail.orders;

CREATE OR REPLACE TRIGGER order_items_rollup_insert
AFTER INSERT ON retail.order_items
REFERENCING NEW TABLE AS new_lines
FOR EACH STATEMENT EXECUTE FUNCTION retail.order_lines_inserted();

CREATE OR REPLACE TRIGGER order_items_rollup_update
AFTER UPDATE ON retail.order_items
REFERENCING OLD TABLE AS old_lines
FOR EACH STATEMENT EXECUTE FUNCTION retail.order_lines_changed();

CREATE OR REPLACE TRIGGER order_items_rollup_delete
AFTER DELETE ON retail.order_items
REFERENCING OLD TABLE AS old_lines
FOR EACH STATEMENT EXECUTE FUNCTION retail.order_lines_changed();

CREATE OR REPLACE TRIGGER orders_rollup_update
AFTER UPDATE ON retail.orders
REFERENCING OLD TABLE AS old_orders
FOR EACH STATEMENT EXECUTE FUNCTION retail.orders_changed();

CREATE OR REPLACE TRIGGER orders_rollup_deleted
AFTER DELETE ON retail.orders
REFERENCING OLD TABLE AS old_orders
FOR EACH STATEMENT EXECUTE FUNCTION retail.orders_changed();

CREATE OR REPLACE TRIGGER products_rollup_update
AFTER UPDATE ON retail.products
REFERENCING OLD TABLE AS old_products
FOR EACH STATEMENT EXECUTE FUNCTION retail.products_changed();

CREATE OR REPLACE TRIGGER orders_rollup_truncate
AFTER TRUNCATE ON retail.orders
FOR EACH STATEMENT EXECUTE FUNCTION retail.sales_truncated();

CREATE OR REPLACE TRIGGER order_items_rollup_truncate
AFTER TRUNCATE ON retail.order_items
FOR EACH STATEMENT EXECUTE FUNCTION retail.sales_truncated();

-- The first design's functions, which no trigger calls any more.
SET LOCAL ROLE zava_rollup_writer;
DROP FUNCTION IF EXISTS retail.order_items_inserted();
DROP FUNCTION IF EXISTS retail.order_items_updated();
DROP FUNCTION IF EXISTS retail.order_items_deleted();
DROP FUNCTION IF EXISTS retail.orders_updated();
DROP FUNCTION IF EXISTS retail.orders_deleting();
DROP FUNCTION IF EXISTS retail.products_updated();
DROP FUNCTION IF EXISTS retail.apply_sales_change(
    uuid[], retail.order_items[], retail.order_items[], retail.orders[], boolean, retail.products[]
);
