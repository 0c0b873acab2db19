-- get_top_customers' shortcut (sql/functions/0260): which customers can be among the top n of a period, found
-- without summing every customer's orders in it.
--
-- What a customer bought over all time and statuses bounds what they spent in any period (a line's total is never
-- negative): at one store, retail.sales_customer_store_total (sql/schema/1310); at every store,
-- retail.sales_customer_total (sql/schema/1280), which only a caller who sees every store may read. The exact sums
-- of the customers with the highest bounds give an n-th best sum; a customer whose bound is below it cannot be in
-- the top n. What is left to sum exactly is the customers whose bound reaches it: for three years at SCALE=large,
-- 135 of 500,000 customers at every store, 69 of Seattle's. The bounds are as of the last fold: the customers of
-- orders changed since (the log) are always candidates. A caller who sees several stores but not all (a regional
-- manager) sums every customer, as before.

-- Earlier signatures (the store came later).
DROP FUNCTION IF EXISTS retail.sales_of_customers(uuid[], date, date, text[]);
DROP FUNCTION IF EXISTS retail.top_customer_candidates(date, date, text[], integer, integer);

-- Every order with a line, with its revenue in cents: what the tools that look customers up one by one read (the
-- customer tools' exact sums, sql/functions/0250's days around the whole months). security_invoker: the caller's RLS
-- applies.
CREATE OR REPLACE VIEW retail.order_sales WITH (security_invoker = TRUE) AS
SELECT
    o.order_id,
    o.store_id,
    o.customer_id,
    o.order_date,
    o.status,
    l.revenue_cents
FROM retail.orders AS o
CROSS JOIN LATERAL (
    SELECT (100 * sum(oi.total_amount))::bigint AS revenue_cents
    FROM retail.order_items AS oi
    WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id
    HAVING count(*) > 0
) AS l;

COMMENT ON VIEW retail.order_sales IS
'Orders with at least one line, with their revenue (sum of line totals) in cents.';

GRANT SELECT ON retail.order_sales TO zava_store_manager, zava_regional_manager, zava_head_office;

-- Sales per customer of some customers in a period (at one store, or at every store the caller sees), from the
-- orders themselves (each found by its customer). Money in cents.
CREATE OR REPLACE FUNCTION retail.sales_of_customers(
    customers uuid[], period_start date, period_end date, statuses text[], wanted_store uuid
)
RETURNS TABLE (customer_id uuid, orders bigint, revenue_cents bigint)
LANGUAGE sql
STABLE
AS $$
    SELECT s.customer_id, count(*), sum(s.revenue_cents)::bigint
    FROM retail.order_sales AS s
    WHERE s.customer_id = ANY(customers)
      AND s.order_date BETWEEN period_start AND period_end
      AND s.status = ANY(statuses)
      AND (wanted_store IS NULL OR s.store_id = wanted_store)
    GROUP BY s.customer_id
$$;

COMMENT ON FUNCTION retail.sales_of_customers(uuid[], date, date, text[], uuid) IS
'Orders and revenue (cents) per customer of the given customers in a period, counting the given statuses, at
wanted_store (NULL: every store the caller sees).';

-- The customers with the highest bounds, at wanted_store or (NULL) at every store. PL/pgSQL: a query is checked
-- only when it runs, and a store manager may not read the bound over every store at all.
CREATE OR REPLACE FUNCTION retail.customers_by_bound(wanted_store uuid, how_many integer, at_least bigint)
RETURNS uuid[]
LANGUAGE plpgsql
STABLE
AS $$
BEGIN
    IF wanted_store IS NULL THEN
        RETURN ARRAY(
            SELECT t.customer_id FROM retail.sales_customer_total AS t
            WHERE t.revenue_cents >= at_least
            ORDER BY t.revenue_cents DESC, t.customer_id
            LIMIT how_many
        );
    END IF;
    RETURN ARRAY(
        SELECT t.customer_id FROM retail.sales_customer_store_total AS t
        WHERE t.store_id = wanted_store AND t.revenue_cents >= at_least
        ORDER BY t.revenue_cents DESC, t.customer_id
        LIMIT how_many
    );
END
$$;

COMMENT ON FUNCTION retail.customers_by_bound(uuid, integer, bigint) IS
'Up to how_many customers whose bound (sales over all time) at wanted_store, or at every store (NULL), is at least
at_least, highest first.';

-- The customers who may be among the top_n of the period at wanted_store (NULL: every store the caller sees), or
-- NULL when the shortcut does not pay or has no bound for the caller: the caller then sums every customer. One
-- store has its bound; every store only for a caller who sees them all. At most `most` candidates (by default 25
-- per customer asked for, and 250; then NULL): each is found by its own orders (~45 us at full), so a few hundred
-- cost what summing a short period costs, and a short period's top sums are far below most customers' bounds.
CREATE OR REPLACE FUNCTION retail.top_customer_candidates(
    period_start date, period_end date, statuses text[], top_n integer, wanted_store uuid, most integer DEFAULT NULL
)
RETURNS uuid[]
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    store uuid := coalesce(wanted_store, retail.get_current_user_store());
    nth_best bigint;
    candidates uuid[];
BEGIN
    IF store IS NULL AND NOT retail.caller_sees_every_store() THEN
        RETURN NULL;
    END IF;
    most := coalesce(most, 25 * top_n + 250);
    -- A lower bound of the final n-th best sum: the n-th best among the customers with the highest bounds.
    SELECT s.revenue_cents INTO nth_best
    FROM retail.sales_of_customers(
        retail.customers_by_bound(store, 10 * top_n + 20, 0), period_start, period_end, statuses, store
    ) AS s
    ORDER BY s.revenue_cents DESC
    OFFSET top_n - 1
    LIMIT 1;
    IF nth_best IS NULL THEN  -- fewer than top_n of them bought in the period
        RETURN NULL;
    END IF;
    candidates := retail.customers_by_bound(store, most + 1, nth_best);
    IF cardinality(candidates) > most THEN
        RETURN NULL;
    END IF;
    RETURN candidates || retail.unfolded_customers(store);
END
$$;

COMMENT ON FUNCTION retail.top_customer_candidates(date, date, text[], integer, uuid, integer) IS
'The customers who can be among the top_n spenders of a period at wanted_store (NULL: every store the caller sees;
every other customer''s bound is below the n-th best sum), or NULL when there would be more than `most` or there is
no bound for the caller.';

GRANT EXECUTE ON FUNCTION retail.sales_of_customers(uuid[], date, date, text[], uuid),
retail.customers_by_bound(uuid, integer, bigint),
retail.top_customer_candidates(date, date, text[], integer, uuid, integer)
TO zava_api_caller;

-- Owned by the rollup maintainer, the one role that reads the log.
SET LOCAL ROLE zava_rollup_writer;

-- Its earlier signature (every store only).
DROP FUNCTION IF EXISTS retail.unfolded_customers();

-- The customers of the orders changed since the last fold (as they were, and as they are) at a store (NULL: at
-- every store): their rows of the bounds may be behind. Only for a caller who sees that store (every store for
-- NULL); others get none.
CREATE OR REPLACE FUNCTION retail.unfolded_customers(wanted_store uuid)
RETURNS uuid[]
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN
            wanted_store IS NULL AND retail.caller_sees_every_store()
            OR wanted_store = ANY(retail.get_user_store_list())
            THEN ARRAY(
                SELECT c.customer_id
                FROM retail.sales_changes AS c
                WHERE c.customer_id IS NOT NULL AND (wanted_store IS NULL OR c.store_id = wanted_store)
                UNION
                SELECT o.customer_id
                FROM retail.sales_changes AS c
                INNER JOIN retail.orders AS o ON o.order_id = c.order_id AND o.store_id = c.store_id
                WHERE wanted_store IS NULL OR c.store_id = wanted_store
            )
        ELSE '{}'
    END
$$;

COMMENT ON FUNCTION retail.unfolded_customers(uuid) IS
'The customers of orders changed since the last fold of the sales rollups at wanted_store (NULL: every store);
empty unless the caller sees that store (every store).';

GRANT EXECUTE ON FUNCTION retail.unfolded_customers(uuid) TO zava_api_caller;

SET LOCAL ROLE zava_owner;
