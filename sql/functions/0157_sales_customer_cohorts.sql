-- The customer rollup's cohorts and repeat buyers (sql/schema/1290) follow its cells: after a statement changes
-- cells, the customers it touched get their first month at the store looked up again, and the months of each store
-- and status whose cells changed, or whose customers' first month moved, are recomputed from the customer rollup.
-- Statement-level triggers, so whoever writes the rollup (the fold, a rebuild) keeps them; named after the buyer
-- bitmaps' triggers (sql/functions/0155), so they run after them (a new buyer has a number then). An empty cohort
-- rollup (a rebuild truncated it) is refilled whole.

{#- The cohorts and repeat buyers of the customer rollup's cells: of the months in `groups` (the months of a store
    and status to recompute), or of every month. -#}
{% macro recompute(only_groups) -%}
INSERT INTO retail.sales_customer_cohort (month, store_id, status, cohort, customers, orders, revenue_cents)
    SELECT r.month, r.store_id, r.status, f.first_month, count(*), sum(r.orders), sum(r.revenue_cents)
    FROM retail.sales_customer_month AS r
    {%- if only_groups %}
    INNER JOIN unnest(groups) AS g ON r.month = g.month AND r.store_id = g.store_id AND r.status = g.status
    {%- endif %}
    INNER JOIN retail.sales_customer_first AS f
        ON r.store_id = f.store_id AND r.status = f.status AND r.customer_id = f.customer_id
    GROUP BY r.month, r.store_id, r.status, f.first_month;

    INSERT INTO retail.sales_repeat_buyers_month (month, store_id, status, chunk, buyers)
    SELECT r.month, r.store_id, r.status, retail.buyer_chunk(n.buyer_number), bit_or(retail.buyer_mask(n.buyer_number))
    FROM retail.sales_customer_month AS r
    {%- if only_groups %}
    INNER JOIN unnest(groups) AS g ON r.month = g.month AND r.store_id = g.store_id AND r.status = g.status
    {%- endif %}
    INNER JOIN retail.sales_buyer_numbers AS n ON r.store_id = n.store_id AND r.customer_id = n.customer_id
    WHERE r.orders >= 2
    GROUP BY 1, 2, 3, 4;
{%- endmacro %}

-- Owned by the rollup maintainer, the one role that writes the rollups.
SET LOCAL ROLE zava_rollup_writer;

-- cells NULL: everything, from the customer rollup. only_if_empty: nothing if the cohorts are there already.
CREATE OR REPLACE FUNCTION retail.refresh_customer_cohorts(
    cells retail.customer_cell[], only_if_empty boolean DEFAULT FALSE
)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    firsts retail.customer_cell[];
    moved retail.customer_cell[];
    groups retail.customer_cell[];
BEGIN
    IF only_if_empty AND EXISTS (SELECT FROM retail.sales_customer_cohort) THEN
        RETURN;
    END IF;
    IF cells IS NULL THEN
        TRUNCATE retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month;
        INSERT INTO retail.sales_customer_first (store_id, status, customer_id, first_month)
        SELECT r.store_id, r.status, r.customer_id, min(r.month)
        FROM retail.sales_customer_month AS r
        GROUP BY r.store_id, r.status, r.customer_id;
        {{ recompute(only_groups=False) }}
        RETURN;
    END IF;

    -- The touched customers' first months now (NULL: they have no cell left there), and those that moved.
    firsts := ARRAY(
        SELECT ROW(k.store_id, k.status, k.customer_id, (
            SELECT min(r.month)
            FROM retail.sales_customer_month AS r
            WHERE r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        ))::retail.customer_cell
        FROM (SELECT DISTINCT c.store_id, c.status, c.customer_id FROM unnest(cells) AS c) AS k
    );
    moved := ARRAY(
        SELECT ROW(n.store_id, n.status, n.customer_id, n.month)::retail.customer_cell
        FROM unnest(firsts) AS n
        LEFT JOIN retail.sales_customer_first AS f
            ON f.store_id = n.store_id AND f.status = n.status AND f.customer_id = n.customer_id
        WHERE n.month IS DISTINCT FROM f.first_month
    );
    DELETE FROM retail.sales_customer_first AS f
    USING unnest(moved) AS m
    WHERE m.month IS NULL AND f.store_id = m.store_id AND f.status = m.status AND f.customer_id = m.customer_id;
    INSERT INTO retail.sales_customer_first AS f (store_id, status, customer_id, first_month)
    SELECT m.store_id, m.status, m.customer_id, m.month FROM unnest(moved) AS m WHERE m.month IS NOT NULL
    ON CONFLICT (store_id, status, customer_id) DO UPDATE SET first_month = excluded.first_month;
    -- The months to recompute: those of the changed cells, and every month of a customer whose first moved.
    groups := ARRAY(
        SELECT DISTINCT ROW(g.store_id, g.status, NULL::uuid, g.month)::retail.customer_cell
        FROM (
            SELECT c.store_id, c.status, c.month FROM unnest(cells) AS c
            UNION ALL
            SELECT r.store_id, r.status, r.month
            FROM unnest(moved) AS m
            INNER JOIN retail.sales_customer_month AS r
                ON r.store_id = m.store_id AND r.status = m.status AND r.customer_id = m.customer_id
        ) AS g
    );
    DELETE FROM retail.sales_customer_cohort AS t
    USING unnest(groups) AS g
    WHERE t.month = g.month AND t.store_id = g.store_id AND t.status = g.status;
    DELETE FROM retail.sales_repeat_buyers_month AS t
    USING unnest(groups) AS g
    WHERE t.month = g.month AND t.store_id = g.store_id AND t.status = g.status;

    {{ recompute(only_groups=True) }}
END
$$;

COMMENT ON FUNCTION retail.refresh_customer_cohorts(retail.customer_cell[], boolean) IS
'Recomputes the customer cohorts and repeat buyers (sql/schema/1290) for the customers and months of the given
customer rollup cells; NULL: all of them.';

-- One function for the three triggers below: each names the cells it saw touched_cells.
CREATE OR REPLACE FUNCTION retail.customer_cohorts_touched()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT FROM retail.sales_customer_cohort) THEN
        PERFORM retail.refresh_customer_cohorts(ARRAY(
            SELECT ROW(c.store_id, c.status, c.customer_id, c.month)::retail.customer_cell FROM touched_cells AS c
        ));
    ELSE
        PERFORM retail.refresh_customer_cohorts(NULL);
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION retail.customer_cohorts_touched() IS
'Trigger: recomputes the customer cohorts and repeat buyers that the customer rollup''s added, changed or deleted
cells touch.';

-- Nobody else executes them (sql/schema/1070's default privileges of the writer); zava_owner creates the triggers
-- and fills the rollups once below.
GRANT EXECUTE ON FUNCTION retail.customer_cohorts_touched(),
retail.refresh_customer_cohorts(retail.customer_cell[], boolean)
TO zava_owner;

SET LOCAL ROLE zava_owner;

CREATE OR REPLACE TRIGGER sales_customer_month_cohorts_added
AFTER INSERT ON retail.sales_customer_month
REFERENCING NEW TABLE AS touched_cells
FOR EACH STATEMENT EXECUTE FUNCTION retail.customer_cohorts_touched();

CREATE OR REPLACE TRIGGER sales_customer_month_cohorts_changed
AFTER UPDATE ON retail.sales_customer_month
REFERENCING NEW TABLE AS touched_cells
FOR EACH STATEMENT EXECUTE FUNCTION retail.customer_cohorts_touched();

CREATE OR REPLACE TRIGGER sales_customer_month_cohorts_removed
AFTER DELETE ON retail.sales_customer_month
REFERENCING OLD TABLE AS touched_cells
FOR EACH STATEMENT EXECUTE FUNCTION retail.customer_cohorts_touched();

-- A database with a customer rollup from before the cohorts gets them once, here.
SELECT retail.refresh_customer_cohorts(NULL, only_if_empty => TRUE);
