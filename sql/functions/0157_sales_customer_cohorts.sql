-- The customer rollup's cohorts and repeat buyers (sql/schema/1290) follow its cells. The fold (sql/functions/0160)
-- hands this what its statement changed in each customer cell, once per fold, and they move by it: a cell's orders
-- and revenue join its customer's cohort, and a customer whose first month at the store moved takes all their cells
-- from the old cohort to the new one; a customer's bit in a month's repeat buyers follows their orders there crossing
-- two. A rebuild (or an empty cohort rollup) has everything computed from the customer rollup. Defined before the
-- fold (0160), which calls it.

-- Owned by the rollup maintainer, the one role that writes the rollups.
SET LOCAL ROLE zava_rollup_writer;

-- cells: the customer cells a statement changed, with what it changed in them; NULL: everything, from the customer
-- rollup. only_if_empty: nothing if the cohorts are there already.
CREATE OR REPLACE FUNCTION retail.refresh_customer_cohorts(
    cells retail.customer_cell[], only_if_empty boolean DEFAULT FALSE
)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF only_if_empty AND EXISTS (SELECT FROM retail.sales_customer_cohort) THEN
        RETURN;
    END IF;
    IF cells IS NULL OR NOT EXISTS (SELECT FROM retail.sales_customer_cohort) THEN
        TRUNCATE retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month;
        INSERT INTO retail.sales_customer_first (store_id, status, customer_id, first_month)
        SELECT r.store_id, r.status, r.customer_id, min(r.month)
        FROM retail.sales_customer_month AS r
        GROUP BY r.store_id, r.status, r.customer_id;
        INSERT INTO retail.sales_customer_cohort (month, store_id, status, cohort, customers, orders, revenue_cents)
        SELECT r.month, r.store_id, r.status, f.first_month, count(*), sum(r.orders), sum(r.revenue_cents)
        FROM retail.sales_customer_month AS r
        INNER JOIN retail.sales_customer_first AS f
            ON r.store_id = f.store_id AND r.status = f.status AND r.customer_id = f.customer_id
        GROUP BY r.month, r.store_id, r.status, f.first_month;
        INSERT INTO retail.sales_repeat_buyers_month (month, store_id, status, chunk, buyers)
        SELECT r.month, r.store_id, r.status, retail.buyer_chunk(n.buyer_number),
               bit_or(retail.buyer_mask(n.buyer_number))
        FROM retail.sales_customer_month AS r
        INNER JOIN retail.sales_buyer_numbers AS n ON r.store_id = n.store_id AND r.customer_id = n.customer_id
        WHERE r.orders >= 2
        GROUP BY 1, 2, 3, 4;
        RETURN;
    END IF;

    -- The cohorts, moved by the changes. Each changed cell as it is now and as it was (now minus the change; a cell
    -- exists while it has an order). Each changed customer's first month as kept (before) and as it is now, each
    -- looked up by its keys.
    WITH changed AS (
        SELECT c.store_id, c.status, c.customer_id, c.month,
               coalesce(r.orders, 0) AS orders_now, coalesce(r.revenue_cents, 0) AS revenue_now,
               coalesce(r.orders, 0) - c.orders AS orders_before,
               coalesce(r.revenue_cents, 0) - c.revenue_cents AS revenue_before
        FROM unnest(cells) AS c
        LEFT JOIN retail.sales_customer_month AS r
            ON r.month = c.month AND r.store_id = c.store_id AND r.status = c.status AND r.customer_id = c.customer_id
    ),
    customers AS (
        SELECT k.*, (
            SELECT f.first_month
            FROM retail.sales_customer_first AS f
            WHERE f.store_id = k.store_id AND f.status = k.status AND f.customer_id = k.customer_id
        ) AS first_before, (
            SELECT min(r.month)
            FROM retail.sales_customer_month AS r
            WHERE r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        ) AS first_now
        FROM (SELECT DISTINCT c.store_id, c.status, c.customer_id FROM changed AS c) AS k
    ),
    moves AS (
        -- The changed cells, in the cohort they were in: their change. For a customer whose first month stayed,
        -- that is all; one whose first month moved has, on top, every cell as it is taken out of the old cohort
        -- (a changed cell as it was = as it is minus its change) and put into the new one.
        SELECT c.month, c.store_id, c.status, k.first_before AS cohort,
               (c.orders_now > 0)::integer - (c.orders_before > 0)::integer AS customers,
               c.orders_now - c.orders_before AS orders, c.revenue_now - c.revenue_before AS revenue_cents
        FROM changed AS c
        INNER JOIN customers AS k ON k.store_id = c.store_id AND k.status = c.status AND k.customer_id = c.customer_id
        WHERE k.first_before IS NOT NULL
        UNION ALL
        SELECT r.month, r.store_id, r.status, k.first_before, -1, -r.orders, -r.revenue_cents
        FROM customers AS k
        INNER JOIN retail.sales_customer_month AS r
            ON r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        WHERE k.first_before <> k.first_now
        UNION ALL
        SELECT r.month, r.store_id, r.status, k.first_now, 1, r.orders, r.revenue_cents
        FROM customers AS k
        INNER JOIN retail.sales_customer_month AS r
            ON r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        WHERE k.first_before IS DISTINCT FROM k.first_now
    ),
    delta AS (
        SELECT m.month, m.store_id, m.status, m.cohort, sum(m.customers) AS customers, sum(m.orders) AS orders,
               sum(m.revenue_cents) AS revenue_cents
        FROM moves AS m
        GROUP BY m.month, m.store_id, m.status, m.cohort
        HAVING (sum(m.customers), sum(m.orders), sum(m.revenue_cents)) <> (0, 0, 0)
    ),
    -- A cohort's month left without customers is deleted (as a rebuild would not make it); the others upserted.
    emptied AS (
        DELETE FROM retail.sales_customer_cohort AS t
        USING delta AS d
        WHERE (t.month, t.store_id, t.status, t.cohort) = (d.month, d.store_id, d.status, d.cohort)
          AND t.customers + d.customers = 0
        RETURNING t.month, t.store_id, t.status, t.cohort
    )
    INSERT INTO retail.sales_customer_cohort AS t (month, store_id, status, cohort, customers, orders, revenue_cents)
    SELECT d.month, d.store_id, d.status, d.cohort, d.customers, d.orders, d.revenue_cents
    FROM delta AS d
    WHERE NOT EXISTS (
        SELECT FROM emptied AS e
        WHERE (e.month, e.store_id, e.status, e.cohort) = (d.month, d.store_id, d.status, d.cohort)
    )
    ON CONFLICT (month, store_id, status, cohort) DO UPDATE SET
        customers = t.customers + excluded.customers, orders = t.orders + excluded.orders,
        revenue_cents = t.revenue_cents + excluded.revenue_cents;

    -- The first months kept: as they are now (gone for a customer with no cell left at the store in that status).
    WITH customers AS (
        SELECT k.*, (
            SELECT min(r.month)
            FROM retail.sales_customer_month AS r
            WHERE r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        ) AS first_now
        FROM (SELECT DISTINCT c.store_id, c.status, c.customer_id FROM unnest(cells) AS c) AS k
    ),
    gone AS (
        DELETE FROM retail.sales_customer_first AS f
        USING customers AS k
        WHERE k.first_now IS NULL
          AND f.store_id = k.store_id AND f.status = k.status AND f.customer_id = k.customer_id
    )
    INSERT INTO retail.sales_customer_first AS f (store_id, status, customer_id, first_month)
    SELECT k.store_id, k.status, k.customer_id, k.first_now FROM customers AS k WHERE k.first_now IS NOT NULL
    ON CONFLICT (store_id, status, customer_id) DO UPDATE SET first_month = excluded.first_month
    WHERE f.first_month <> excluded.first_month;

    -- The repeat buyers: a bit set where a cell's orders reached two, cleared where they fell below (the buyer
    -- numbers exist: the customer rollup's trigger gives them when a customer's first cell at a store appears).
    WITH crossed AS (
        -- Each buyer number looked up by its keys (joined, the planner read them all: ~700,000 at SCALE=large).
        SELECT c.month, c.store_id, c.status, retail.buyer_chunk(c.buyer_number) AS chunk,
               bit_or(retail.buyer_mask(c.buyer_number)) FILTER (WHERE c.orders_now >= 2) AS reached,
               bit_or(retail.buyer_mask(c.buyer_number)) FILTER (WHERE c.orders_now < 2) AS fell
        FROM (
            SELECT c.*, (
                SELECT n.buyer_number
                FROM retail.sales_buyer_numbers AS n
                WHERE n.store_id = c.store_id AND n.customer_id = c.customer_id
            ) AS buyer_number
            FROM (
                SELECT c.*, coalesce(r.orders, 0) AS orders_now, coalesce(r.orders, 0) - c.orders AS orders_before
                FROM unnest(cells) AS c
                LEFT JOIN retail.sales_customer_month AS r
                    ON r.month = c.month AND r.store_id = c.store_id AND r.status = c.status
                    AND r.customer_id = c.customer_id
            ) AS c
            WHERE (c.orders_now >= 2) <> (c.orders_before >= 2)
        ) AS c
        GROUP BY 1, 2, 3, 4
    ),
    updated AS (
        UPDATE retail.sales_repeat_buyers_month AS b
        SET buyers = (b.buyers | coalesce(x.reached, B'0'::bit(8192))) & ~coalesce(x.fell, B'0'::bit(8192))
        FROM crossed AS x
        WHERE (b.month, b.store_id, b.status, b.chunk) = (x.month, x.store_id, x.status, x.chunk)
        RETURNING b.month, b.store_id, b.status, b.chunk
    )
    INSERT INTO retail.sales_repeat_buyers_month (month, store_id, status, chunk, buyers)
    SELECT x.month, x.store_id, x.status, x.chunk, x.reached
    FROM crossed AS x
    WHERE x.reached IS NOT NULL
      AND NOT EXISTS (
          SELECT FROM updated AS u
          WHERE (u.month, u.store_id, u.status, u.chunk) = (x.month, x.store_id, x.status, x.chunk)
      );
    DELETE FROM retail.sales_repeat_buyers_month AS b
    USING (SELECT DISTINCT c.month, c.store_id, c.status FROM unnest(cells) AS c) AS c
    WHERE (b.month, b.store_id, b.status) = (c.month, c.store_id, c.status) AND bit_count(b.buyers) = 0;
END
$$;

COMMENT ON FUNCTION retail.refresh_customer_cohorts(retail.customer_cell[], boolean) IS
'Moves the customer cohorts and repeat buyers (sql/schema/1290) by what a statement changed in the given customer
rollup cells; NULL: computes them all from the customer rollup.';

-- Nobody else executes it (sql/schema/1070's default privileges of the writer); zava_owner fills the rollups once
-- below.
GRANT EXECUTE ON FUNCTION retail.refresh_customer_cohorts(retail.customer_cell[], boolean) TO zava_owner;

SET LOCAL ROLE zava_owner;

-- The first version kept them by triggers on the customer rollup, which ran up to three times a fold.
DROP TRIGGER IF EXISTS sales_customer_month_cohorts_added ON retail.sales_customer_month;
DROP TRIGGER IF EXISTS sales_customer_month_cohorts_changed ON retail.sales_customer_month;
DROP TRIGGER IF EXISTS sales_customer_month_cohorts_removed ON retail.sales_customer_month;
SET LOCAL ROLE zava_rollup_writer;
DROP FUNCTION IF EXISTS retail.customer_cohorts_touched();
SET LOCAL ROLE zava_owner;

-- A database with a customer rollup from before the cohorts gets them once, here.
SELECT retail.refresh_customer_cohorts(NULL, only_if_empty => TRUE);
