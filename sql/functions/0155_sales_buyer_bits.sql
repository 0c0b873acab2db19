{% from "rollups.sql" import add_buyers %}
-- The buyer bitmaps (sql/schema/1260) follow the customer rollup's cells: a cell added sets its customer's bit in
-- its (month, store, status), a cell deleted clears it (the fold deletes the cells a change empties). Statement-level
-- triggers on the rollup, so whoever writes it (the fold, a rebuild) keeps them; its cells are never updated in
-- their keys. Emptying the rollup empties them too: they are among the rollups that a rebuild and truncated orders
-- truncate. Numbered before the fold (0160) so that a rebuild it runs at migration fills them too.

-- The layout of a buyer number in the bitmaps, in one place: chunk n, bit i holds number 8192n + i.
CREATE OR REPLACE FUNCTION retail.buyer_chunk(buyer_number integer)
RETURNS integer
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN buyer_number / 8192;

CREATE OR REPLACE FUNCTION retail.buyer_bit(buyer_number integer)
RETURNS integer
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN buyer_number % 8192;

-- The bitmap of a chunk with only this number's bit set.
CREATE OR REPLACE FUNCTION retail.buyer_mask(buyer_number integer)
RETURNS bit
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN B'1'::bit(8192) >> retail.buyer_bit(buyer_number);

COMMENT ON FUNCTION retail.buyer_chunk(integer) IS 'The bitmap chunk of a buyer number (sales_buyers_month).';
COMMENT ON FUNCTION retail.buyer_bit(integer) IS 'The bit of a buyer number within its chunk.';
COMMENT ON FUNCTION retail.buyer_mask(integer) IS 'A chunk with only this buyer number''s bit set.';

GRANT EXECUTE ON FUNCTION retail.buyer_chunk(integer), retail.buyer_bit(integer), retail.buyer_mask(integer)
TO zava_api_caller, zava_rollup_writer;

SET LOCAL ROLE zava_rollup_writer;

-- Cells added: their customers numbered at the store if new there (after the store's last number; one writer of
-- the rollup at a time, and the unique key refuses a number given twice), then their bits set.
CREATE OR REPLACE FUNCTION retail.customer_cells_added()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    {{ add_buyers("added_cells") }}
    RETURN NULL;
END
$$;

-- Cells deleted: their bits cleared, and a bitmap left with none deleted (as a rebuild would not make it).
CREATE OR REPLACE FUNCTION retail.customer_cells_removed()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE retail.sales_buyers_month AS b
    SET buyers = b.buyers & ~g.buyers
    FROM (
        SELECT r.month, r.store_id, r.status, retail.buyer_chunk(n.buyer_number) AS chunk,
               bit_or(retail.buyer_mask(n.buyer_number)) AS buyers
        FROM removed_cells AS r
        INNER JOIN retail.sales_buyer_numbers AS n ON r.store_id = n.store_id AND r.customer_id = n.customer_id
        GROUP BY 1, 2, 3, 4
    ) AS g
    WHERE b.month = g.month AND b.store_id = g.store_id AND b.status = g.status AND b.chunk = g.chunk;

    DELETE FROM retail.sales_buyers_month AS b
    USING (SELECT DISTINCT r.month, r.store_id, r.status FROM removed_cells AS r) AS g
    WHERE b.month = g.month AND b.store_id = g.store_id AND b.status = g.status AND bit_count(b.buyers) = 0;
    RETURN NULL;
END
$$;

-- Nobody else executes them (sql/schema/1070's default privileges of the writer); zava_owner creates the triggers.
GRANT EXECUTE ON FUNCTION retail.customer_cells_added(), retail.customer_cells_removed() TO zava_owner;

COMMENT ON FUNCTION retail.customer_cells_added() IS
'Trigger: numbers the new buyers of the customer rollup''s added cells and sets their bits (sales_buyers_month).';
COMMENT ON FUNCTION retail.customer_cells_removed() IS
'Trigger: clears the bits of the customer rollup''s deleted cells (sales_buyers_month).';

SET LOCAL ROLE zava_owner;

CREATE OR REPLACE TRIGGER sales_customer_month_buyers_added
AFTER INSERT ON retail.sales_customer_month
REFERENCING NEW TABLE AS added_cells
FOR EACH STATEMENT EXECUTE FUNCTION retail.customer_cells_added();

CREATE OR REPLACE TRIGGER sales_customer_month_buyers_removed
AFTER DELETE ON retail.sales_customer_month
REFERENCING OLD TABLE AS removed_cells
FOR EACH STATEMENT EXECUTE FUNCTION retail.customer_cells_removed();
