-- MCP prompts and the completion of their arguments, served by the generic shim (shim/prompts.py):
--
-- * A prompt is every function of schema prompts that returns text (one value, not SETOF). Name = the function's
--   name; description and argument descriptions from COMMENT ON FUNCTION (@param lines, as for tools); arguments =
--   its parameters, required unless they have a default. prompts/get calls it under the caller's identity and role,
--   in a READ ONLY transaction (mcp.call_tool), and the text becomes one user message. So a prompt only ever reads
--   what the caller may see, and an argument it rejects with 22023 reaches the client as invalid params.
-- * A completer is a function prompts.complete_<argument>(prefix text [, context jsonb]) RETURNS SETOF text: it
--   completes the argument of that name in every prompt, run as the caller too (RLS decides which store names a
--   store manager gets); context holds the prompt's other arguments already filled in, as {"name": "value"}. An
--   enum argument needs no completer: the shim completes it from the enum's labels.
--
-- The texts tell the model which tools (schema api) to call, with which arguments.

-- The stores the caller can see whose name, or a word of it, starts with the prefix (any case); prefixes first.
CREATE OR REPLACE FUNCTION prompts.complete_store_name(prefix text)
RETURNS SETOF text
LANGUAGE sql
STABLE
AS $$
    SELECT s.store_name::text
    FROM retail.stores AS s
    WHERE strpos(' ' || lower(s.store_name), ' ' || lower(coalesce(prefix, ''))) > 0
    ORDER BY NOT starts_with(lower(s.store_name), lower(coalesce(prefix, ''))), s.store_name
$$;

-- The categories whose name, or a word of it, starts with the prefix (any case); prefixes first.
CREATE OR REPLACE FUNCTION prompts.complete_category_name(prefix text)
RETURNS SETOF text
LANGUAGE sql
STABLE
AS $$
    SELECT c.category_name::text
    FROM retail.categories AS c
    WHERE strpos(' ' || lower(c.category_name), ' ' || lower(coalesce(prefix, ''))) > 0
    ORDER BY NOT starts_with(lower(c.category_name), lower(coalesce(prefix, ''))), c.category_name
$$;

CREATE OR REPLACE FUNCTION prompts.weekly_store_review(store_name text, week_ending date DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    wanted_store uuid := retail.store_filter(weekly_store_review.store_name);
    store_label text;
    last_day date;
    data_end date;
BEGIN
    IF wanted_store IS NULL THEN
        RAISE EXCEPTION 'store_name is required'
            USING ERRCODE = '22023', HINT = 'complete the store_name argument: it offers the stores you can see';
    END IF;
    -- PostgreSQL's date input also takes infinity and BC dates, which would render an unusable period.
    IF NOT weekly_store_review.week_ending BETWEEN date '2000-01-07' AND date '2100-12-31' THEN
        RAISE EXCEPTION 'week_ending must be a date from 2000-01-07 to 2100-12-31, written YYYY-MM-DD'
            USING ERRCODE = '22023', COLUMN = 'week_ending';
    END IF;
    SELECT s.store_name INTO store_label FROM retail.stores AS s WHERE s.store_id = wanted_store;
    data_end := retail.last_order_date(wanted_store);
    last_day := coalesce(weekly_store_review.week_ending, data_end, current_date);
    RETURN format(
        $text$Write the weekly review of %1$s for the seven days from %2$s to %3$s, for its store manager.

Take every figure from this server's tools, called with store_name '%1$s', period_start '%2$s' and period_end '%3$s' wherever a tool takes them. Never estimate a figure; say so when a tool returns no rows.%4$s
1. get_store_performance: revenue, orders, average order value, gross margin, and the growth against the seven days before.
2. get_sales_by_period with grain 'day': the daily pattern; name the strongest and the weakest day.
3. get_sales_by_dimension with dimension 'category': which categories carried the week, and their shares.
4. get_top_products with top_n 5: the week's best sellers.
5. get_customer_metrics: active, new and returning customers.
6. get_stockout_risk with horizon_days 14, then get_low_stock: what must be reordered before next week.

Then write the review: a three-line summary, what went well, what needs attention, and at most five concrete actions for next week, each backed by a figure from the tools.$text$,
        store_label, to_char(last_day - 6, 'YYYY-MM-DD'), to_char(last_day, 'YYYY-MM-DD'),
        CASE
            WHEN data_end IS NULL OR last_day - 6 > data_end
                THEN format(' The store''s orders end on %s, before this week: every tool will find no sales; say so '
                    || 'and suggest a week that has them.', coalesce(to_char(data_end, 'YYYY-MM-DD'), 'no day'))
            WHEN last_day > data_end
                THEN format(' The store''s orders end on %s, inside this week: the days after it have no sales, so '
                    || 'say the week is partial and do not compare it as a whole one.', to_char(data_end, 'YYYY-MM-DD'))
            ELSE ''
        END
    );
END
$$;

CREATE OR REPLACE FUNCTION prompts.category_deep_dive(
    category_name text, grain api.time_grain DEFAULT 'month', store_name text DEFAULT NULL
)
RETURNS text
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    wanted_category uuid := retail.category_filter(category_deep_dive.category_name);
    wanted_store uuid := retail.store_filter(category_deep_dive.store_name);
    category_label text;
    store_label text;
    last_day date;
BEGIN
    IF wanted_category IS NULL THEN
        RAISE EXCEPTION 'category_name is required'
            USING ERRCODE = '22023', HINT = 'complete the category_name argument: it offers the categories';
    END IF;
    SELECT c.category_name INTO category_label FROM retail.categories AS c WHERE c.category_id = wanted_category;
    SELECT s.store_name INTO store_label FROM retail.stores AS s WHERE s.store_id = wanted_store;
    last_day := coalesce(
        retail.last_order_date(wanted_store),
        current_date
    );
    RETURN format(
        $text$Analyse the category %1$s over the twelve months from %2$s to %3$s, by %4$s, for %5$s.

Take every figure from this server's tools, called with category_name '%1$s', period_start '%2$s' and period_end '%3$s'%6$s wherever a tool takes them. Never estimate a figure; say so when a tool returns no rows.
1. get_sales_by_period with grain '%4$s': the trend of revenue, units and gross margin; point out peaks, dips and the direction of the latest periods.
2. get_seasonal_trend: the strong and weak calendar months (seasonality index), to tell seasonality from real change.
3. get_category_growth with year %7$s: how %1$s grew against the year before, compared with the other categories.%8$s
4. get_top_products, once with rank_by 'revenue' and once with rank_by 'quantity': the products that carry the category.
5. get_sales_by_dimension with dimension 'product_type' and category_name '%1$s', once for this period and once for the twelve months before (period_start '%9$s', period_end '%10$s'): which product types of the category grow or shrink.
6. get_low_stock: best sellers of the category that are about to run out.

Then report: the trend in two sentences, the seasonality, the drivers (product types and products), the risks, and three recommendations on range, pricing or stock, each backed by a figure from the tools.$text$,
        category_label,
        to_char((last_day - interval '1 year')::date + 1, 'YYYY-MM-DD'),
        to_char(last_day, 'YYYY-MM-DD'),
        category_deep_dive.grain,
        coalesce(store_label, 'every store you can see'),
        CASE WHEN store_label IS NOT NULL THEN format(', store_name ''%s''', store_label) ELSE '' END,
        extract(YEAR FROM last_day),
        CASE
            WHEN last_day < make_date(extract(YEAR FROM last_day)::integer, 12, 31)
                THEN format(
                    ' The data ends on %s, so that year is set against a whole one: say so, and do not read its growth '
                    || 'as a trend.', to_char(last_day, 'YYYY-MM-DD')
                )
            ELSE ''
        END,
        to_char((last_day - interval '2 years')::date + 1, 'YYYY-MM-DD'),
        to_char((last_day - interval '1 year')::date, 'YYYY-MM-DD')
    );
END
$$;

CREATE OR REPLACE FUNCTION prompts.stock_risk_check(store_name text DEFAULT NULL, horizon_days integer DEFAULT 30)
RETURNS text
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    wanted_store uuid := retail.store_filter(stock_risk_check.store_name);
    horizon integer := retail.check_range('horizon_days', stock_risk_check.horizon_days, 1, 365);
    store_label text;
    last_day date;
BEGIN
    SELECT s.store_name INTO store_label FROM retail.stores AS s WHERE s.store_id = wanted_store;
    last_day := coalesce(
        retail.last_order_date(wanted_store),
        current_date
    );
    RETURN format(
        $text$Check the stock of %1$s: what runs out within %2$s days, and what to reorder first.

Take every figure from this server's tools%3$s. Never estimate a figure; say so when a tool returns no rows.
1. get_stockout_risk with horizon_days %2$s: the products that will run out at their recent sales velocity, or already have.
2. get_low_stock: the products at or below the stock threshold, with their days of cover.
3. get_top_products with period_start '%4$s', period_end '%5$s' (the last 90 days of sales) and top_n 100: which of the products at risk are best sellers (for one store's sellers, call it with that store_name).
4. get_inventory_value: where stock and money are tied up, and how many products are out of stock.
5. get_slow_movers with lookback_days 90: the stock that does not sell, by the money tied up in it.

Then give a reorder list, most urgent first (product, store, stock level, days of cover, why it matters), and from the slow movers the stock that could be moved between stores or discounted.$text$,
        coalesce(store_label, 'every store you can see'),
        horizon,
        CASE WHEN store_label IS NOT NULL THEN format(', called with store_name ''%s''', store_label) ELSE '' END,
        to_char(last_day - 89, 'YYYY-MM-DD'),
        to_char(last_day, 'YYYY-MM-DD')
    );
END
$$;

COMMENT ON FUNCTION prompts.complete_store_name(text) IS
'Completes a store_name argument: the stores the caller can see whose name (or a word of it) starts with prefix.';
COMMENT ON FUNCTION prompts.complete_category_name(text) IS
'Completes a category_name argument: the categories whose name (or a word of it) starts with prefix.';
COMMENT ON FUNCTION prompts.weekly_store_review(text, date) IS
'Weekly review of one store: performance, daily pattern, categories, best sellers, customers and stock to reorder.
@param store_name The store, e.g. ''Zava Retail Seattle'' (only the stores you can see).
@param week_ending Last day of the seven days to review (YYYY-MM-DD); default: the store''s latest order date.';
COMMENT ON FUNCTION prompts.category_deep_dive(text, api.time_grain, text) IS
'Deep dive into one category over the last twelve months: trend, seasonality, growth, drivers and stock risks.
@param category_name The category, e.g. ''Garden & Outdoor''.
@param grain Time grain of the trend: day, week, month, quarter or year (default month).
@param store_name Optional store; default: every store you can see.';
COMMENT ON FUNCTION prompts.stock_risk_check(text, integer) IS
'Stock risk check: what runs out soon, what is low, which best sellers are at risk, and a reorder list.
@param store_name Optional store; default: every store you can see.
@param horizon_days Days ahead to look, 1 to 365 (default 30).';

GRANT EXECUTE ON FUNCTION prompts.complete_store_name(text), prompts.complete_category_name(text),
prompts.weekly_store_review(text, date), prompts.category_deep_dive(text, api.time_grain, text),
prompts.stock_risk_check(text, integer)
TO zava_api_caller;
