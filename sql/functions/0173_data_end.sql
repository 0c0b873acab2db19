-- Where the caller's data ends, and how many days of a span come before that: the tools that compare a period with
-- a whole one say how much of it the data covers (calendar_days, days_counted), and the inventory tools and prompts
-- take the data's last day as "today". Under the caller's row-level security (SECURITY INVOKER).
CREATE OR REPLACE FUNCTION retail.last_order_date(wanted_store uuid)
RETURNS date
LANGUAGE sql
STABLE
AS $$
    SELECT max(o.order_date) FROM retail.orders AS o WHERE wanted_store IS NULL OR o.store_id = wanted_store
$$;

COMMENT ON FUNCTION retail.last_order_date(uuid) IS
'The last order date the caller can see, of wanted_store when given (NULL: of every store it sees).';

-- The days from first_day to last_day that are not after data_end (none: 0; no data_end: all of them).
CREATE OR REPLACE FUNCTION retail.days_with_data(first_day date, last_day date, data_end date)
RETURNS integer
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT greatest(0, least(last_day, data_end) - first_day + 1)
$$;

COMMENT ON FUNCTION retail.days_with_data(date, date, date) IS
'Days of first_day..last_day up to data_end: how much of a period the data covers.';

GRANT EXECUTE ON FUNCTION retail.last_order_date(uuid), retail.days_with_data(date, date, date) TO zava_api_caller;
