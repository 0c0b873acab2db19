SET LOCAL ROLE zava_owner;

-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql), then top_n a range domain
-- (sql/schema/1000_api_range_domains.sql); CREATE OR REPLACE cannot change a parameter's type, so the earlier
-- versions go first.
DROP FUNCTION IF EXISTS api.get_top_customers(date, date, integer, text);
DROP FUNCTION IF EXISTS api.get_top_customers(date, date, integer, api.name_text);

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

REVOKE ALL ON FUNCTION retail.email_for_caller(text, uuid) FROM public;
GRANT EXECUTE ON FUNCTION retail.email_for_caller(text, uuid)
TO zava_store_manager, zava_regional_manager, zava_head_office;

CREATE OR REPLACE FUNCTION api.get_top_customers(
    period_start date, period_end date, top_n api.top_n DEFAULT 10, store_name api.name_text DEFAULT NULL
)
RETURNS TABLE (
    rank bigint, customer varchar, store varchar, email text, orders bigint, revenue numeric,
    first_purchase date
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
BEGIN
    -- The arguments, checked once (top_n's range is its domain's).
    PERFORM retail.check_period(get_top_customers.period_start, get_top_customers.period_end);
    wanted_store := retail.store_filter(get_top_customers.store_name);
    RETURN QUERY
    WITH totals AS (
        SELECT sl.customer_id, count(DISTINCT sl.order_id) AS orders, sum(sl.revenue) AS revenue
        FROM retail.sales_lines AS sl
        WHERE sl.order_date BETWEEN get_top_customers.period_start AND get_top_customers.period_end
          AND (wanted_store IS NULL OR sl.store_id = wanted_store)
        GROUP BY sl.customer_id
    ),
    ranked AS (
        SELECT t.*, row_number() OVER (ORDER BY t.revenue DESC, t.customer_id) AS rank FROM totals AS t
    )
    SELECT
        r.rank,
        (c.first_name || ' ' || c.last_name)::varchar,
        s.store_name,
        retail.email_for_caller(c.email, c.primary_store_id),
        r.orders,
        r.revenue,
        c.created_at::date
    FROM ranked AS r
    INNER JOIN retail.customers AS c ON c.customer_id = r.customer_id
    INNER JOIN retail.stores AS s ON s.store_id = c.primary_store_id
    WHERE r.rank <= get_top_customers.top_n
    ORDER BY r.rank;
END
$$;

COMMENT ON FUNCTION api.get_top_customers(date, date, api.top_n, api.name_text) IS
'The customers who spent most in a period, with their store and order count.

Emails are shown in full only to the manager of the customer''s own store; others see them masked.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param top_n How many customers, 1 to 100 (default 10).
@param store_name Optional store; default: every store you can see.
@cache 300';

REVOKE ALL ON FUNCTION api.get_top_customers(date, date, api.top_n, api.name_text) FROM public;
GRANT EXECUTE ON FUNCTION api.get_top_customers(date, date, api.top_n, api.name_text)
TO zava_store_manager, zava_regional_manager, zava_head_office;
