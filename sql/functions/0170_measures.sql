-- The measures every analytics tool reports, defined once. The rollups (sql/schema/1030) store the additive ones
-- (orders, lines, units, revenue, cost, discount) per cell; the tools derive the rest with the formulas below and
-- count the order statuses a caller names in include_statuses (default: completed).
CREATE OR REPLACE FUNCTION api.get_measure_glossary()
RETURNS TABLE (measure text, definition text)
LANGUAGE sql
IMMUTABLE
AS $$
    VALUES
        ('currency', 'Every amount (revenue, discount, margin, cost, price, value) is in US dollars, rounded to '
            || 'cents; the stores sell in one currency.'),
        ('revenue', 'Sum of the order lines'' total_amount: unit price x quantity minus the line discount, for the '
            || 'orders whose status is counted (include_statuses; default completed only).'),
        ('orders', 'Distinct orders with at least one line counted. Per category, product type or product: the '
            || 'orders containing one, so a split''s orders add up to more than the total.'),
        ('units', 'Sum of the quantities of the lines counted.'),
        ('customers', 'Distinct customers of the orders counted.'),
        ('average_order_value', 'revenue / orders, rounded to cents.'),
        ('discount', 'Sum of the lines'' discount_amount: what was taken off unit price x quantity, the price each '
            || 'line was sold at (which may differ from the product''s list price); revenue is after it.'),
        ('gross_margin', 'revenue minus cost, cost being the product''s current cost x quantity.'),
        ('gross_margin_percent', '100 x gross_margin / revenue.'),
        ('returns', 'Orders with status refunded; count them with include_statuses => {refunded} or compare '
            || 'statuses with get_order_status_summary. An order keeps its order date when refunded (the data has '
            || 'no refund date), so refunds in a month are that month''s orders refunded since, and a later refund '
            || 'lowers a past period''s completed revenue.'),
        ('order statuses', 'pending (not yet paid), completed (the default everywhere), cancelled (before '
            || 'fulfilment), refunded (returned). Every analytics result says which it counted in counted_statuses.'),
        ('period', 'Inclusive dates on the order date; at most ten years.'),
        ('per-store rows', 'Revenue, orders and units of the stores add up to the total; customers do not (a '
            || 'customer who ordered at two stores counts at each), and averages (average order value, orders per '
            || 'customer) are not averaged across stores: divide the summed revenue by the summed orders, or ask '
            || 'execute_sales_query for distinct customers over all stores.'),
        ('new customer', 'A customer whose first counted order at that store falls in the period; returning: '
            || 'active in the period with an earlier counted order there.')
$$;

COMMENT ON FUNCTION api.get_measure_glossary() IS
'What each measure of the analytics tools means: the currency, revenue, orders, units, customers, average order value,
discount, gross margin, returns, order statuses, periods, per-store rows, new and returning customers.
@column measure Name of the measure as it appears in the tools'' results.
@column definition How it is computed.
@cache 3600';

GRANT EXECUTE ON FUNCTION api.get_measure_glossary() TO zava_api_caller;

-- The statuses to count, checked: at least one, none NULL; returned as text (for comparing with orders.status) in
-- the enum's order, so that counted_statuses reads the same however the caller ordered them. The hint lists the
-- enum's labels, not a copy of them.
CREATE OR REPLACE FUNCTION retail.counted_statuses(statuses api.order_status[])
RETURNS text[]
LANGUAGE plpgsql
IMMUTABLE
AS $$
DECLARE
    labels text[];
BEGIN
    IF statuses IS NULL OR cardinality(statuses) = 0 OR array_position(statuses, NULL) IS NOT NULL THEN
        labels := enum_range(NULL::api.order_status)::text[];
        RAISE EXCEPTION 'include_statuses must name at least one order status'
            USING ERRCODE = '22023', COLUMN = 'include_statuses',
            HINT = array_to_string(labels[:cardinality(labels) - 1], ', ') || ' or ' || labels[cardinality(labels)]
            || '; the default is completed';
    END IF;
    RETURN ARRAY(SELECT d.s::text FROM (SELECT DISTINCT s FROM unnest(statuses) AS s) AS d ORDER BY d.s);
END
$$;

COMMENT ON FUNCTION retail.counted_statuses(api.order_status[]) IS
'include_statuses checked (non-empty, no NULL) as text, in the order of the labels of api.order_status.';

GRANT EXECUTE ON FUNCTION retail.counted_statuses(api.order_status[]) TO zava_api_caller;
-- Cents (the rollups' money, sql/schema/1050) as an amount with two decimals; the tools convert once, after they
-- aggregate.
CREATE OR REPLACE FUNCTION retail.money(cents numeric)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT round(cents / 100, 2)
$$;

COMMENT ON FUNCTION retail.money(numeric) IS 'An amount in cents as money: 123456 -> 1234.56.';

GRANT EXECUTE ON FUNCTION retail.money(numeric) TO zava_api_caller;
