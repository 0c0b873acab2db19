-- Stage 5: write the generated rows, each table once: customers (in the order they were drawn) with created_at =
-- their first order, orders with total_amount = the sum of their lines, then the lines. Orders and lines go in
-- the order a shop writes them, by creation time, so that a period's rows sit together on disk as they do in a
-- live database (drawn per customer, a month's lines were spread over the whole table: at large, reading the
-- lines of two partial months took ~46,000 page reads for ~52,000 lines).
--
-- A bulk load, the way pg_restore does one: the keys and indexes of the three tables are taken off first and made
-- again from their own definitions in stage 5b (0550_keys.sql), after the rows are in. One sort per index and one
-- join per foreign key cost a fraction of a random index insert per row and index and a key lookup per row (the
-- large scale writes 7 million rows). The tables are locked until the seed commits, as TRUNCATE locks them.
CREATE TEMPORARY TABLE seed_keys ON COMMIT DROP AS
WITH t AS (
    SELECT unnest(ARRAY['retail.customers', 'retail.orders', 'retail.order_items']::regclass[]) AS rel
)

SELECT
    c.conrelid::regclass::text AS table_name,
    c.conname AS key_name,
    c.contype = 'f' AS is_foreign,
    pg_get_constraintdef(c.oid) AS definition
FROM pg_constraint AS c
WHERE
    c.contype IN ('p', 'u', 'x', 'f')
    AND (c.conrelid IN (SELECT t.rel FROM t) OR c.confrelid IN (SELECT t.rel FROM t));

CREATE TEMPORARY TABLE seed_indexes ON COMMIT DROP AS
SELECT
    i.indexrelid::regclass::text AS index_name,
    pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index AS i
WHERE
    i.indrelid IN ('retail.customers'::regclass, 'retail.orders'::regclass, 'retail.order_items'::regclass)
    AND NOT EXISTS (
        SELECT FROM pg_constraint AS c
        WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')
    );

DO $$
DECLARE
    k record;
BEGIN
    FOR k IN SELECT * FROM seed_keys ORDER BY is_foreign DESC, table_name, key_name LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', k.table_name, k.key_name);
    END LOOP;
    FOR k IN SELECT * FROM seed_indexes ORDER BY index_name LOOP
        EXECUTE format('DROP INDEX %s', k.index_name);
    END LOOP;
END
$$;

INSERT INTO retail.customers (customer_id, first_name, last_name, email, phone, primary_store_id, created_at)
WITH f AS (
    SELECT
        o.customer_id,
        min(o.created_at) AS first_order
    FROM seed_orders AS o
    GROUP BY o.customer_id
)

SELECT
    c.customer_id,
    c.first_name,
    c.last_name,
    c.email,
    c.phone,
    c.store_id AS primary_store_id,
    coalesce(f.first_order, now()) AS created_at
FROM seed_customers AS c
LEFT JOIN f ON c.customer_id = f.customer_id
ORDER BY c.i;

INSERT INTO retail.orders (order_id, customer_id, store_id, order_date, total_amount, status, created_at)
WITH t AS (
    SELECT
        l.order_id,
        sum(l.total_amount) AS total
    FROM seed_items AS l
    GROUP BY l.order_id
)

SELECT
    o.order_id,
    o.customer_id,
    o.store_id,
    o.order_date,
    coalesce(t.total, 0) AS total_amount,
    o.status,
    o.created_at
FROM seed_orders AS o
LEFT JOIN t ON o.order_id = t.order_id
ORDER BY o.created_at, o.order_id;

INSERT INTO retail.order_items (
    order_item_id, order_id, store_id, product_id, quantity, unit_price, discount_percent, discount_amount,
    total_amount, created_at
)
SELECT
    l.order_item_id,
    l.order_id,
    l.store_id,
    l.product_id,
    l.quantity,
    l.unit_price,
    l.discount_percent,
    l.discount_amount,
    l.total_amount,
    l.created_at
FROM seed_items AS l
ORDER BY l.created_at, l.order_id, l.order_item_id;
