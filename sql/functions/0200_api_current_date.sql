CREATE OR REPLACE FUNCTION api.get_current_utc_date()
RETURNS TABLE (utc_now timestamptz, utc_date date, latest_order_date date)
LANGUAGE sql
STABLE
AS $$
    SELECT
        now(),
        (now() AT TIME ZONE 'UTC')::date,
        (SELECT max(o.order_date) FROM retail.orders AS o)
$$;

COMMENT ON FUNCTION api.get_current_utc_date() IS
'The current date and time in UTC, and the latest order date you can see.

Use it to turn relative periods ("last quarter", "this year") into dates. The data may end before today:
latest_order_date tells where it stops.';

GRANT EXECUTE ON FUNCTION api.get_current_utc_date() TO zava_api_caller;
