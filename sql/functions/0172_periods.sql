-- The first day of the whole months inside [period_start, period_end] and the day after them: the month-grain
-- rollups answer for those, the order lines for the days around them. Empty (from >= to) when no whole month fits.
CREATE OR REPLACE FUNCTION retail.whole_months(
    period_start date, period_end date, OUT month_from date, OUT month_to date
)
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT
        CASE WHEN extract(DAY FROM period_start) = 1 THEN period_start
             ELSE (date_trunc('month', period_start) + interval '1 month')::date END,
        CASE WHEN extract(DAY FROM period_end + 1) = 1 THEN period_end + 1
             ELSE date_trunc('month', period_end)::date END
$$;

COMMENT ON FUNCTION retail.whole_months(date, date) IS
'[month_from, month_to): the whole months inside an inclusive period.';

GRANT EXECUTE ON FUNCTION retail.whole_months(date, date) TO zava_api_caller;

-- The days of a period outside its whole months, as at most two ranges (before the first whole month, after the
-- last): what the month-grain rollups cannot answer, read from the lines by ranges of order_date that an index
-- serves. Both ranges cover the period's days in order and never overlap; none when the period is whole months.
CREATE OR REPLACE FUNCTION retail.partial_months(period_start date, period_end date)
RETURNS TABLE (day_from date, day_to date)
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT d.day_from, d.day_to
    FROM retail.whole_months(period_start, period_end) AS m,
        LATERAL (VALUES
            (period_start, least(period_end, m.month_from - 1)),
            (greatest(period_start, m.month_from, m.month_to), period_end)
        ) AS d (day_from, day_to)
    WHERE d.day_from <= d.day_to
$$;

COMMENT ON FUNCTION retail.partial_months(date, date) IS
'The day ranges of an inclusive period that fall outside its whole months (zero, one or two).';

GRANT EXECUTE ON FUNCTION retail.partial_months(date, date) TO zava_api_caller;

-- The same one grain down, for a range of days outside whole months: its whole weeks (Monday to Sunday, the
-- product x week rollup's), and the days before and after them (at most six at each end).
CREATE OR REPLACE FUNCTION retail.whole_weeks(
    range_start date, range_end date, OUT week_from date, OUT week_to date
)
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT
        CASE WHEN extract(ISODOW FROM range_start) = 1 THEN range_start
             ELSE (date_trunc('week', range_start) + interval '1 week')::date END,
        CASE WHEN extract(ISODOW FROM range_end + 1) = 1 THEN range_end + 1
             ELSE date_trunc('week', range_end)::date END
$$;

COMMENT ON FUNCTION retail.whole_weeks(date, date) IS
'[week_from, week_to): the whole weeks (from Monday) inside an inclusive range of days.';

GRANT EXECUTE ON FUNCTION retail.whole_weeks(date, date) TO zava_api_caller;

CREATE OR REPLACE FUNCTION retail.partial_weeks(range_start date, range_end date)
RETURNS TABLE (day_from date, day_to date)
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT d.day_from, d.day_to
    FROM retail.whole_weeks(range_start, range_end) AS w,
        LATERAL (VALUES
            (range_start, least(range_end, w.week_from - 1)),
            (greatest(range_start, w.week_from, w.week_to), range_end)
        ) AS d (day_from, day_to)
    WHERE d.day_from <= d.day_to
$$;

COMMENT ON FUNCTION retail.partial_weeks(date, date) IS
'The day ranges of an inclusive range that fall outside its whole weeks (zero, one or two).';

GRANT EXECUTE ON FUNCTION retail.partial_weeks(date, date) TO zava_api_caller;

-- A period as the cells the rollups answer it with (the type's comment, sql/schema/1220), from the ranges above.
-- Callers compute it once, into a variable, and pass it to the readers (0175): planned with the call's values it is
-- one constant, whose lists the planner sees; in a generic plan one parameter, read per row at no cost.
CREATE OR REPLACE FUNCTION retail.period_cells(period_start date, period_end date)
RETURNS retail.period_cells
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT ROW(
        period_start,
        period_end,
        ARRAY(
            SELECT d::date
            FROM retail.whole_months(period_start, period_end) AS m,
                generate_series(m.month_from::timestamp, m.month_to - 1, interval '1 month') AS d
            ORDER BY d
        ),
        ARRAY(
            SELECT d::date
            FROM retail.partial_months(period_start, period_end) AS e,
                retail.whole_weeks(e.day_from, e.day_to) AS w,
                generate_series(w.week_from::timestamp, w.week_to - 1, interval '1 week') AS d
            ORDER BY d
        ),
        ARRAY(
            SELECT d::date
            FROM retail.partial_months(period_start, period_end) AS e,
                generate_series(e.day_from::timestamp, e.day_to, interval '1 day') AS d
            ORDER BY d
        ),
        ARRAY(
            SELECT d::date
            FROM retail.partial_months(period_start, period_end) AS e,
                retail.partial_weeks(e.day_from, e.day_to) AS x,
                generate_series(x.day_from::timestamp, x.day_to, interval '1 day') AS d
            ORDER BY d
        )
    )::retail.period_cells
$$;

COMMENT ON FUNCTION retail.period_cells(date, date) IS
'An inclusive period as its whole months, the whole weeks and the days around them (see type retail.period_cells).';

GRANT EXECUTE ON FUNCTION retail.period_cells(date, date) TO zava_api_caller;
