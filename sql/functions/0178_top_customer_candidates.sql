-- get_top_customers' shortcut for a caller who sees every store (sql/functions/0260): which customers can be among
-- the top n of a period, found without summing every customer's orders in it.
--
-- Every customer's sales over all time, stores and statuses (retail.sales_customer_total) bound what they spent in
-- any period at any stores (a line's total is never negative). The exact sums of the customers with the highest
-- bounds give a tenth-best sum (for top_n 10); a customer whose bound is below it cannot be in the top n. What is
-- left to sum exactly is the customers whose bound reaches it: 135 of 500,000 for three years at SCALE=large. The
-- bound is as of the last fold: the customers of orders changed since (the log) are always candidates.

-- Sales per customer of some customers in a period, from the orders themselves (each found by its customer): an
-- order counts with a line, as everywhere. The caller's RLS applies. Money in cents.
CREATE OR REPLACE FUNCTION retail.sales_of_customers(
    customers uuid[], period_start date, period_end date, statuses text[]
)
RETURNS TABLE (customer_id uuid, orders bigint, revenue_cents bigint)
LANGUAGE sql
STABLE
AS $$
    SELECT o.customer_id, count(*), sum(l.revenue_cents)::bigint
    FROM retail.orders AS o
    CROSS JOIN LATERAL (
        SELECT (100 * sum(oi.total_amount))::bigint AS revenue_cents
        FROM retail.order_items AS oi
        WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id
        HAVING count(*) > 0
    ) AS l
    WHERE o.customer_id = ANY(customers)
      AND o.order_date BETWEEN period_start AND period_end
      AND o.status = ANY(statuses)
    GROUP BY o.customer_id
$$;

COMMENT ON FUNCTION retail.sales_of_customers(uuid[], date, date, text[]) IS
'Orders and revenue (cents) per customer of the given customers in a period, counting the given statuses.';

-- The customers who may be among the top_n of the period, or NULL when the shortcut does not pay (or the caller
-- does not see every store): the caller then sums every customer. At most `most` candidates (by default 25 per
-- customer asked for, and 250; then NULL): each is found by its own orders (~45 us at full), so a few hundred cost
-- what summing a short period costs, and a short period's top sums are far below most customers' bounds.
CREATE OR REPLACE FUNCTION retail.top_customer_candidates(
    period_start date, period_end date, statuses text[], top_n integer, most integer DEFAULT NULL
)
RETURNS uuid[]
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    nth_best bigint;
    candidates uuid[];
BEGIN
    IF NOT retail.caller_sees_every_store() THEN
        RETURN NULL;
    END IF;
    most := coalesce(most, 25 * top_n + 250);
    -- A lower bound of the final n-th best sum: the n-th best among the customers with the highest bounds.
    SELECT s.revenue_cents INTO nth_best
    FROM retail.sales_of_customers(
        ARRAY(
            SELECT t.customer_id FROM retail.sales_customer_total AS t
            ORDER BY t.revenue_cents DESC, t.customer_id
            LIMIT 10 * top_n + 20
        ),
        period_start, period_end, statuses
    ) AS s
    ORDER BY s.revenue_cents DESC
    OFFSET top_n - 1
    LIMIT 1;
    IF nth_best IS NULL THEN  -- fewer than top_n of them bought in the period
        RETURN NULL;
    END IF;
    candidates := ARRAY(
        SELECT t.customer_id FROM retail.sales_customer_total AS t
        WHERE t.revenue_cents >= nth_best
        ORDER BY t.revenue_cents DESC
        LIMIT most + 1
    );
    IF cardinality(candidates) > most THEN
        RETURN NULL;
    END IF;
    RETURN candidates || retail.unfolded_customers();
END
$$;

COMMENT ON FUNCTION retail.top_customer_candidates(date, date, text[], integer, integer) IS
'The customers who can be among the top_n spenders of a period (every other customer''s bound is below the n-th best
sum), or NULL when the caller does not see every store or there would be more than `most`.';

GRANT EXECUTE ON FUNCTION retail.sales_of_customers(uuid[], date, date, text[]),
retail.top_customer_candidates(date, date, text[], integer, integer)
TO zava_api_caller;

-- Owned by the rollup maintainer, the one role that reads the log.
SET LOCAL ROLE zava_rollup_writer;

-- The customers of the orders changed since the last fold (as they were, and as they are): their rows of
-- retail.sales_customer_total may be behind. Only for a caller who sees every store, like that table; others get
-- none.
CREATE OR REPLACE FUNCTION retail.unfolded_customers()
RETURNS uuid[]
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN retail.caller_sees_every_store() THEN ARRAY(
        SELECT c.customer_id
        FROM retail.sales_changes AS c
        WHERE c.customer_id IS NOT NULL
        UNION
        SELECT o.customer_id
        FROM retail.sales_changes AS c
        INNER JOIN retail.orders AS o ON o.order_id = c.order_id AND o.store_id = c.store_id
    ) ELSE '{}' END
$$;

COMMENT ON FUNCTION retail.unfolded_customers() IS
'The customers of orders changed since the last fold of the sales rollups; empty unless the caller sees every
store.';

GRANT EXECUTE ON FUNCTION retail.unfolded_customers() TO zava_api_caller;

SET LOCAL ROLE zava_owner;
