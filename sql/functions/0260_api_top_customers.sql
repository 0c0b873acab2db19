-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql), then top_n a range domain
-- (sql/schema/1000_api_range_domains.sql); CREATE OR REPLACE cannot change a parameter's type, so the earlier
-- versions go first.
DROP FUNCTION IF EXISTS api.get_top_customers(date, date, integer, text);
DROP FUNCTION IF EXISTS api.get_top_customers(date, date, integer, api.name_text);
-- Then it learnt which order statuses to count, and its columns said what they are (primary_store, customer_since).
DROP FUNCTION IF EXISTS api.get_top_customers(date, date, api.top_n, api.name_text);

-- Contact details stay with the customer's own store: only its store manager sees the email in full.
CREATE OR REPLACE FUNCTION retail.email_for_caller(email text, primary_store_id uuid)
RETURNS text
LANGUAGE sql
STABLE
AS $$
    SELECT CASE
        WHEN primary_store_id = retail.get_current_user_store() THEN email
        ELSE left(email, 1) || '***@' || split_part(email, '@', 2)
    END
$$;

COMMENT ON FUNCTION retail.email_for_caller(text, uuid) IS
'The email in full for the manager of the customer''s store, masked (j***@example.com) for everyone else.';

GRANT EXECUTE ON FUNCTION retail.email_for_caller(text, uuid)
TO zava_api_caller;

CREATE OR REPLACE FUNCTION api.get_top_customers(
    period_start date, period_end date, top_n api.top_n DEFAULT 10, store_name api.name_text DEFAULT NULL,
    include_statuses api.order_status[] DEFAULT '{completed}'
)
RETURNS TABLE (
    rank bigint, customer varchar, primary_store varchar, email text, orders bigint, revenue numeric,
    customer_since date, counted_statuses text
)
LANGUAGE plpgsql
STABLE
-- Planned for each call's arguments: PL/pgSQL's generic plan (from a connection's sixth call on) cannot see the
-- period and was measured slower for this tool (BENCHMARKS.md, planner traps); the others keep it.
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    statuses text [];
    cells retail.period_cells;
    candidates uuid[];
BEGIN
    -- The arguments, checked once (top_n's range is its domain's).
    PERFORM retail.check_period(get_top_customers.period_start, get_top_customers.period_end);
    wanted_store := retail.store_filter(get_top_customers.store_name);
    statuses := retail.counted_statuses(get_top_customers.include_statuses);
    cells := retail.period_cells(get_top_customers.period_start, get_top_customers.period_end);
    -- For one store, or for a caller who sees every store, only the customers who can be among the top n are
    -- summed (sql/functions/0178); for anyone else, or when that would be too many, every customer.
    candidates := retail.top_customer_candidates(
        get_top_customers.period_start, get_top_customers.period_end, statuses, get_top_customers.top_n,
        wanted_store
    );
    RETURN QUERY
    -- Per customer: the candidates' own orders, or everyone's sales (retail.customer_sales: the customer rollup's
    -- whole months, the lines around them); one branch runs (the plan is made for this call's values).
    -- The top n by a bounded sort (LIMIT) of the totals in cents, ranked before the customers are joined and turned
    -- into money afterwards: a rank over every customer sorted them all (~50,000 at full, ~400,000 at large). A
    -- customer of a store the caller does not manage who bought at one it does keeps the rank its orders there earn;
    -- the customer's record stays its store's (row-level security), so name, store, email and since are NULL.
    WITH totals AS (
        SELECT t.customer_id, t.orders, t.revenue_cents
        FROM retail.sales_of_customers(
            candidates, get_top_customers.period_start, get_top_customers.period_end, statuses, wanted_store
        ) AS t
        WHERE candidates IS NOT NULL
        UNION ALL
        SELECT t.customer_id, sum(t.orders)::bigint, sum(t.revenue_cents)::bigint
        FROM retail.customer_sales(cells, statuses, wanted_store) AS t
        WHERE candidates IS NULL
        GROUP BY t.customer_id
    ),
    top AS (
        SELECT t.* FROM totals AS t
        ORDER BY t.revenue_cents DESC, t.customer_id
        LIMIT get_top_customers.top_n
    ),
    ranked AS (
        SELECT t.*, row_number() OVER (ORDER BY t.revenue_cents DESC, t.customer_id) AS rank FROM top AS t
    )
    SELECT
        r.rank,
        (c.first_name || ' ' || c.last_name)::varchar,
        s.store_name,
        retail.email_for_caller(c.email, c.primary_store_id),
        r.orders,
        retail.money(r.revenue_cents),
        (c.created_at AT TIME ZONE retail.business_time_zone())::date,
        array_to_string(statuses, ', ')
    FROM ranked AS r
    LEFT JOIN retail.customers AS c ON c.customer_id = r.customer_id
    LEFT JOIN retail.stores AS s ON s.store_id = c.primary_store_id
    ORDER BY r.rank;
END
$$;

COMMENT ON FUNCTION api.get_top_customers(date, date, api.top_n, api.name_text, api.order_status[]) IS
'The customers who spent most in a period (at store_name, or at every store you can see), with their primary
store, order count and how long they have been customers.

Emails are shown in full only to the manager of the customer''s primary store; others see them masked. A customer
of a store you do not manage who bought at one you do is ranked by those orders, without name, primary store,
email or customer_since (null: the record stays with its store). Counts orders of the statuses in include_statuses
(default: completed only); measures as in get_measure_glossary.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param top_n How many customers, 1 to 100 (default 10).
@param store_name Optional store where the orders were placed; default: every store you can see.
@param include_statuses Order statuses to count (default ["completed"]).
@column rank 1 for the biggest spender; ties by customer id.
@column customer First and last name; null for a customer of a store you do not manage.
@column primary_store The customer''s home store (from the customer record, not where these orders were placed);
    null for a customer of a store you do not manage.
@column email Full for the manager of the primary store, else masked (j***@example.com); null as customer.
@column orders The customer''s orders counted in the period.
@column revenue What those orders came to, after discounts.
@column customer_since The day the customer account was created (not a purchase date); null as customer.
@column counted_statuses The order statuses counted.
@cache 300';

GRANT EXECUTE ON FUNCTION api.get_top_customers(date, date, api.top_n, api.name_text, api.order_status[])
TO zava_api_caller;
