--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: api; Type: SCHEMA; Schema: -; Owner: zava_owner
--

CREATE SCHEMA api;

ALTER SCHEMA api OWNER TO zava_owner;

--
-- Name: SCHEMA api; Type: COMMENT; Schema: -; Owner: zava_owner
--

COMMENT ON SCHEMA api IS 'Functions exposed as MCP tools by the generic shim (server.py).';

--
-- Name: auth; Type: SCHEMA; Schema: -; Owner: zava_owner
--

CREATE SCHEMA auth;

ALTER SCHEMA auth OWNER TO zava_owner;

--
-- Name: SCHEMA auth; Type: COMMENT; Schema: -; Owner: zava_owner
--

COMMENT ON SCHEMA auth IS 'Identity to request-role mapping, called by the server login before each tool call.';

--
-- Name: extensions; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA extensions;

ALTER SCHEMA extensions OWNER TO postgres;

--
-- Name: jobs; Type: SCHEMA; Schema: -; Owner: zava_owner
--

CREATE SCHEMA jobs;

ALTER SCHEMA jobs OWNER TO zava_owner;

--
-- Name: SCHEMA jobs; Type: COMMENT; Schema: -; Owner: zava_owner
--

COMMENT ON SCHEMA jobs IS 'Functions the MCP server runs on a schedule (@every in their comment), not tools.';

--
-- Name: mcp; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA mcp;

ALTER SCHEMA mcp OWNER TO postgres;

--
-- Name: SCHEMA mcp; Type: COMMENT; Schema: -; Owner: postgres
--

COMMENT ON SCHEMA mcp IS 'The MCP shim''s contract: mcp.call_tool runs one tool call as the caller, identity in the setting mcp.identity.';

--
-- Name: mcp_migrations; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA mcp_migrations;

ALTER SCHEMA mcp_migrations OWNER TO postgres;

--
-- Name: migrations; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA migrations;

ALTER SCHEMA migrations OWNER TO postgres;

--
-- Name: prompts; Type: SCHEMA; Schema: -; Owner: zava_owner
--

CREATE SCHEMA prompts;

ALTER SCHEMA prompts OWNER TO zava_owner;

--
-- Name: SCHEMA prompts; Type: COMMENT; Schema: -; Owner: zava_owner
--

COMMENT ON SCHEMA prompts IS 'Functions served as MCP prompts (text-returning) and argument completers (complete_<argument>) by the shim.';

--
-- Name: retail; Type: SCHEMA; Schema: -; Owner: zava_owner
--

CREATE SCHEMA retail;

ALTER SCHEMA retail OWNER TO zava_owner;

--
-- Name: SCHEMA retail; Type: COMMENT; Schema: -; Owner: zava_owner
--

COMMENT ON SCHEMA retail IS 'Zava Retail data: stores, customers, catalog, inventory, orders. Read through RLS.';

--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;

--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';

--
-- Name: vector; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA extensions;

--
-- Name: EXTENSION vector; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION vector IS 'vector data type and ivfflat and hnsw access methods';

--
-- Name: calendar_year; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.calendar_year AS integer
	CONSTRAINT calendar_year_range CHECK (((VALUE >= 2000) AND (VALUE <= 2100)));

ALTER DOMAIN api.calendar_year OWNER TO zava_owner;

--
-- Name: DOMAIN calendar_year; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.calendar_year IS 'A calendar year as a tool argument: 2000 to 2100.';

--
-- Name: comparison; Type: TYPE; Schema: api; Owner: zava_owner
--

CREATE TYPE api.comparison AS ENUM (
    'previous_period',
    'same_period_last_year'
);

ALTER TYPE api.comparison OWNER TO zava_owner;

--
-- Name: TYPE comparison; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON TYPE api.comparison IS 'What a period is compared with: the period just before it, or the same dates a year earlier.';

--
-- Name: embedding_source; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.embedding_source AS text
	CONSTRAINT embedding_source_length CHECK (((length(VALUE) >= 1) AND (length(VALUE) <= 2000)));

ALTER DOMAIN api.embedding_source OWNER TO zava_owner;

--
-- Name: DOMAIN embedding_source; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.embedding_source IS 'The text the server embedded for this call''s vector argument (1 to 2,000 characters); filled in by the server.';

--
-- Name: horizon_days; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.horizon_days AS integer
	CONSTRAINT horizon_days_range CHECK (((VALUE >= 1) AND (VALUE <= 365)));

ALTER DOMAIN api.horizon_days OWNER TO zava_owner;

--
-- Name: DOMAIN horizon_days; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.horizon_days IS 'Days ahead a tool looks: 1 to 365.';

--
-- Name: lookback_days; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.lookback_days AS integer
	CONSTRAINT lookback_days_range CHECK (((VALUE >= 7) AND (VALUE <= 730)));

ALTER DOMAIN api.lookback_days OWNER TO zava_owner;

--
-- Name: DOMAIN lookback_days; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.lookback_days IS 'Days of past sales a tool measures over: 7 to 730.';

--
-- Name: name_text; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.name_text AS text
	CONSTRAINT name_text_length CHECK ((char_length(VALUE) <= 200));

ALTER DOMAIN api.name_text OWNER TO zava_owner;

--
-- Name: DOMAIN name_text; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.name_text IS 'A store, category or table name as a tool argument: at most 200 characters.';

--
-- Name: order_status; Type: TYPE; Schema: api; Owner: zava_owner
--

CREATE TYPE api.order_status AS ENUM (
    'pending',
    'completed',
    'cancelled',
    'refunded'
);

ALTER TYPE api.order_status OWNER TO zava_owner;

--
-- Name: rank_metric; Type: TYPE; Schema: api; Owner: zava_owner
--

CREATE TYPE api.rank_metric AS ENUM (
    'revenue',
    'quantity'
);

ALTER TYPE api.rank_metric OWNER TO zava_owner;

--
-- Name: sales_dimension; Type: TYPE; Schema: api; Owner: zava_owner
--

CREATE TYPE api.sales_dimension AS ENUM (
    'category',
    'product_type',
    'product',
    'store'
);

ALTER TYPE api.sales_dimension OWNER TO zava_owner;

--
-- Name: sales_pattern; Type: TYPE; Schema: api; Owner: zava_owner
--

CREATE TYPE api.sales_pattern AS ENUM (
    'hour_of_day',
    'day_of_week'
);

ALTER TYPE api.sales_pattern OWNER TO zava_owner;

--
-- Name: search_max_rows; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.search_max_rows AS integer
	CONSTRAINT search_max_rows_range CHECK (((VALUE >= 1) AND (VALUE <= 40)));

ALTER DOMAIN api.search_max_rows OWNER TO zava_owner;

--
-- Name: DOMAIN search_max_rows; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.search_max_rows IS 'How many products a search returns: 1 to 40.';

--
-- Name: similarity; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.similarity AS double precision
	CONSTRAINT similarity_range CHECK (((VALUE >= (0)::double precision) AND (VALUE <= (1)::double precision)));

ALTER DOMAIN api.similarity OWNER TO zava_owner;

--
-- Name: DOMAIN similarity; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.similarity IS 'A cosine similarity threshold as a tool argument: 0 to 1.';

--
-- Name: sql_text; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.sql_text AS text
	CONSTRAINT sql_text_length CHECK ((char_length(VALUE) <= 20000));

ALTER DOMAIN api.sql_text OWNER TO zava_owner;

--
-- Name: DOMAIN sql_text; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.sql_text IS 'An ad-hoc SQL statement as a tool argument: at most 20,000 characters.';

--
-- Name: stock_threshold; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.stock_threshold AS integer
	CONSTRAINT stock_threshold_range CHECK (((VALUE >= 0) AND (VALUE <= 100000)));

ALTER DOMAIN api.stock_threshold OWNER TO zava_owner;

--
-- Name: DOMAIN stock_threshold; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.stock_threshold IS 'A stock level threshold as a tool argument: 0 to 100,000 units.';

--
-- Name: time_grain; Type: TYPE; Schema: api; Owner: zava_owner
--

CREATE TYPE api.time_grain AS ENUM (
    'day',
    'week',
    'month',
    'quarter',
    'year'
);

ALTER TYPE api.time_grain OWNER TO zava_owner;

--
-- Name: top_n; Type: DOMAIN; Schema: api; Owner: zava_owner
--

CREATE DOMAIN api.top_n AS integer
	CONSTRAINT top_n_range CHECK (((VALUE >= 1) AND (VALUE <= 100)));

ALTER DOMAIN api.top_n OWNER TO zava_owner;

--
-- Name: DOMAIN top_n; Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON DOMAIN api.top_n IS 'How many rows a ranking tool returns: 1 to 100.';

--
-- Name: access_level; Type: TYPE; Schema: retail; Owner: zava_owner
--

CREATE TYPE retail.access_level AS ENUM (
    'store_manager',
    'regional_manager',
    'head_office'
);

ALTER TYPE retail.access_level OWNER TO zava_owner;

--
-- Name: customer_cell; Type: TYPE; Schema: retail; Owner: zava_owner
--

CREATE TYPE retail.customer_cell AS (
	store_id uuid,
	status text,
	customer_id uuid,
	month date,
	orders integer,
	revenue_cents bigint
);

ALTER TYPE retail.customer_cell OWNER TO zava_owner;

--
-- Name: TYPE customer_cell; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TYPE retail.customer_cell IS 'A cell of the customer rollup (store, status, customer, month) and what one statement added to its orders and
revenue (negative: taken away).';

--
-- Name: period_cells; Type: TYPE; Schema: retail; Owner: zava_owner
--

CREATE TYPE retail.period_cells AS (
	first_day date,
	last_day date,
	months date[],
	weeks date[],
	days date[],
	edge_days date[],
	years date[],
	quarters date[],
	lone_months date[]
);

ALTER TYPE retail.period_cells OWNER TO zava_owner;

--
-- Name: TYPE period_cells; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TYPE retail.period_cells IS 'An inclusive period [first_day, last_day] as the first days of its whole months (months), the Mondays of the
whole weeks among the other days (weeks), the days outside whole months (days), and the days outside both
(edge_days); its whole months again as whole years (years), whole quarters outside them (quarters) and the months
outside both (lone_months).';

--
-- Name: execute_sales_query(api.sql_text); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.execute_sales_query(postgresql_query api.sql_text) RETURNS jsonb
    LANGUAGE plpgsql
    SET work_mem TO '4MB'
    SET hash_mem_multiplier TO '1'
    SET max_parallel_workers_per_gather TO '0'
    SET jit TO 'off'
    SET temp_file_limit TO '1GB'
    AS $_$
DECLARE
    row_cap CONSTANT integer := 500;
    memory_mb CONSTANT integer := 256;
    work_mem_mb CONSTANT integer := 4;
    result_cap CONSTANT bigint := memory_mb / 16 * 1048576::bigint;
    max_work_areas CONSTANT integer := (memory_mb - 64 - 3 * (memory_mb / 16)) / work_mem_mb;
    caller_role text := current_user;
    prepared record;
    wrapped text;
    plan json;
    plan_tree jsonb;
    plan_text text;
    work_areas integer;
    loops boolean;
    subplan jsonb;
    failure text;
    raw json[] := '{}';
    empty_row record;
    bytes bigint := 0;
    rows_out jsonb := '[]';
    columns_out jsonb;
    n integer := 0;
    truncated boolean := false;
    rec record;
BEGIN
    IF postgresql_query IS NULL OR pg_catalog.btrim(postgresql_query) = '' THEN
        RAISE EXCEPTION 'postgresql_query is empty' USING ERRCODE = '22023', COLUMN = 'postgresql_query';
    END IF;
    IF pg_catalog.length(postgresql_query) > 20000 THEN
        RAISE EXCEPTION 'postgresql_query is longer than 20,000 characters'
            USING ERRCODE = '22023', COLUMN = 'postgresql_query';
    END IF;
    IF NOT pg_catalog.current_setting('transaction_read_only')::boolean THEN
        RAISE EXCEPTION 'ad-hoc queries run only in read-only transactions' USING ERRCODE = '25006';
    END IF;
    IF pg_catalog.current_setting('standard_conforming_strings') <> 'on' THEN  -- how adhoc_statement reads ''
        RAISE EXCEPTION 'ad-hoc queries need standard_conforming_strings on' USING ERRCODE = '55000';
    END IF;
    SELECT * INTO prepared FROM retail.adhoc_statement(postgresql_query);
    -- q.*, not q: a column of the caller's named q would be taken for the row (row_to_json of that column).
    wrapped := 'SELECT pg_catalog.row_to_json(q.*) AS r FROM (' || prepared.statement || E'\n) AS q';

    SET LOCAL ROLE zava_sql_reader;
    BEGIN
        EXECUTE 'EXPLAIN (VERBOSE, FORMAT JSON) ' || wrapped INTO plan;
    EXCEPTION WHEN syntax_error THEN
        -- Inside the wrapping subquery a second statement or a write is a syntax error too: say what is allowed.
        GET STACKED DIAGNOSTICS failure = MESSAGE_TEXT;
        RAISE EXCEPTION '%', failure USING ERRCODE = '42601',
            HINT = 'send exactly one SELECT (WITH ... SELECT is fine): no second statement after a semicolon, no '
            'INSERT, UPDATE, DELETE or DDL';
    WHEN insufficient_privilege THEN
        GET STACKED DIAGNOSTICS failure = MESSAGE_TEXT;
        IF failure LIKE 'permission denied for table %' THEN  -- a column it may not read: SELECT * on customers
            RAISE EXCEPTION '%', failure USING ERRCODE = '42501',
                HINT = 'ad-hoc queries read the columns get_multiple_table_schemas lists, not customers'' email '
                'or phone (get_top_customers shows them to the customer''s own store manager): name the columns '
                'instead of *';
        END IF;
        RAISE EXCEPTION '%', failure USING ERRCODE = '42501',
            HINT = 'ad-hoc queries read the retail tables and call built-in functions, except those that change '
            'settings, read server statistics, sizes or other sessions, or build values without bound (repeat, '
            'lpad, rpad, format, concat, replace, regexp_replace, string_agg, array_agg, json_agg, jsonb_agg, '
            'json_object_agg, xmlagg, query_to_xml ...): return rows and columns instead';
    END;
    EXECUTE 'SET LOCAL ROLE ' || pg_catalog.quote_ident(caller_role);

    plan_tree := plan::jsonb;
    plan_text := plan::text;
    SELECT
        coalesce(pg_catalog.sum(CASE
            WHEN p.node ->> 'Node Type' = 'Incremental Sort' THEN 2
            WHEN p.node ->> 'Node Type' IN ('Sort', 'Hash', 'SetOp', 'WindowAgg', 'Materialize', 'Memoize',
                'CTE Scan', 'Function Scan', 'Table Function Scan', 'Bitmap Heap Scan', 'Recursive Union') THEN 1
            WHEN p.node ->> 'Node Type' = 'Aggregate' AND p.node ->> 'Strategy' IN ('Hashed', 'Mixed') THEN 1
            ELSE 0
        END), 0),
        coalesce(pg_catalog.bool_or(p.node ->> 'Node Type' IN ('Recursive Union', 'WorkTable Scan')), false)
    INTO work_areas, loops
    FROM pg_catalog.jsonb_path_query(plan_tree, 'strict $.**') AS p (node)
    WHERE pg_catalog.jsonb_typeof(p.node) = 'object' AND p.node ? 'Node Type';
    IF loops THEN
        RAISE EXCEPTION 'recursive queries are not allowed in ad-hoc queries' USING ERRCODE = '54001';
    END IF;
    FOR subplan IN
        SELECT p.node FROM pg_catalog.jsonb_path_query(plan_tree, 'strict $.**') AS p (node)
        WHERE pg_catalog.jsonb_typeof(p.node) = 'object' AND p.node ? 'Subplan Name'
    LOOP
        IF plan_text ~ ('hashed ' || (subplan ->> 'Subplan Name') || '\M')
            AND pg_catalog.jsonb_path_exists(subplan, ('strict $.** ? (@."Node Type" like_regex "^(Function Scan|'
                || 'ProjectSet|Table Function Scan|Values Scan|CTE Scan|WorkTable Scan|Nested Loop|Hash Join|'
                || 'Merge Join)$")')::jsonpath)
            THEN
            RAISE EXCEPTION 'NOT IN (subquery) over a join or a set-returning function is not allowed in ad-hoc queries'
                USING ERRCODE = '54001',
                HINT = 'PostgreSQL keeps its values in memory without a bound; write NOT EXISTS (...) instead';
        END IF;
        IF plan_text ~ ('hashed ' || (subplan ->> 'Subplan Name') || '\M') THEN
            work_areas := work_areas + 1;  -- its hash table of the subquery's distinct values
        END IF;
    END LOOP;
    IF work_areas + prepared.sort_areas > max_work_areas THEN
        RAISE EXCEPTION 'the query needs % sorts, hashes or materialisations; ad-hoc queries may use %',
            work_areas + prepared.sort_areas, max_work_areas USING ERRCODE = '54001',
            HINT = 'each may hold ' || work_mem_mb || ' MB: use fewer subqueries, DISTINCTs and ORDER BYs';
    END IF;

    SET LOCAL ROLE zava_sql_reader;
    FOR rec IN EXECUTE wrapped LOOP
        IF n = row_cap THEN
            truncated := true;
            EXIT;
        END IF;
        bytes := bytes + pg_catalog.octet_length(rec.r::text);
        IF bytes > result_cap THEN
            RAISE EXCEPTION 'the result is larger than % MB', result_cap / 1048576 USING ERRCODE = '54000',
                HINT = 'select fewer or shorter columns, or fewer rows';
        END IF;
        n := n + 1;
        raw[n] := rec.r;
    END LOOP;
    EXECUTE 'SET LOCAL ROLE ' || pg_catalog.quote_ident(caller_role);

    IF n = 0 THEN
        -- No row to read the names from (an empty result came back with "columns": []): the query, stopped by
        -- LIMIT 0 before its first row is computed, into a record, which PL/pgSQL then shapes as the result with
        -- every column null.
        SET LOCAL ROLE zava_sql_reader;
        EXECUTE 'SELECT * FROM (' || prepared.statement || E'\n) AS s LIMIT 0' INTO empty_row;
        EXECUTE 'SET LOCAL ROLE ' || pg_catalog.quote_ident(caller_role);
        SELECT pg_catalog.jsonb_agg(k) INTO columns_out
        FROM pg_catalog.json_object_keys(pg_catalog.row_to_json(empty_row)) AS k;
    ELSE
        SELECT pg_catalog.jsonb_agg(k) INTO columns_out FROM pg_catalog.json_object_keys(raw[1]) AS k;
        SELECT pg_catalog.jsonb_agg(
            -- A row of no columns (SELECT with an empty list) is [], not null.
            coalesce((SELECT pg_catalog.jsonb_agg(v.value ORDER BY v.ordinality)
                FROM pg_catalog.json_each(u.r) WITH ORDINALITY AS v), '[]') ORDER BY u.i)
        INTO rows_out
        FROM pg_catalog.unnest(raw) WITH ORDINALITY AS u (r, i);
    END IF;
    RETURN pg_catalog.jsonb_build_object(
        'columns', coalesce(columns_out, '[]'), 'rows', rows_out, 'row_count', n, 'truncated', truncated,
        'row_cap', row_cap);
END
$_$;

ALTER FUNCTION api.execute_sales_query(postgresql_query api.sql_text) OWNER TO zava_owner;

--
-- Name: FUNCTION execute_sales_query(postgresql_query api.sql_text); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.execute_sales_query(postgresql_query api.sql_text) IS 'Run one read-only PostgreSQL SELECT over the retail tables and get the rows back (at most 500; truncated says
when more were cut).

You only see rows of the stores you may see. Call get_multiple_table_schemas first for table and column names.
Tables are in schema retail (retail.orders, retail.order_items, retail.sales_lines ...). One statement only (a
trailing semicolon is fine); no writes, no settings, no recursive queries; built-in functions except those that
read server statistics or build values without bound (repeat, lpad, rpad, format, concat, replace, string_agg,
array_agg, json_agg ...; use || a few times instead); customers'' email and phone are not readable here; a
statement timeout applies.
@param postgresql_query One SELECT statement, e.g. SELECT store_id, count(*) FROM retail.orders GROUP BY 1.
@readonly';

--
-- Name: get_category_growth(api.calendar_year, api.calendar_year, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_category_growth(year api.calendar_year, compare_year api.calendar_year DEFAULT NULL::integer, store_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(rank bigint, category character varying, revenue numeric, compare_revenue numeric, growth numeric, growth_percent numeric, days_counted integer, compare_days_counted integer, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
DECLARE
    this_year integer;
    that_year integer;
    wanted_store uuid;
    statuses text [];
    data_end date;
BEGIN
    -- The arguments, checked once (the years' range is their domain's).
    IF get_category_growth.year IS NULL THEN
        RAISE EXCEPTION 'year is required' USING ERRCODE = '22023', COLUMN = 'year';
    END IF;
    this_year := get_category_growth.year;
    that_year := coalesce(get_category_growth.compare_year, get_category_growth.year - 1);
    IF that_year = this_year THEN  -- it once answered growth 0 everywhere, as if that meant something
        RAISE EXCEPTION 'compare_year is the year itself (%): nothing to compare', this_year
            USING ERRCODE = '22023', COLUMN = 'compare_year', HINT = 'leave it out to compare with the year before';
    END IF;
    wanted_store := retail.store_filter(get_category_growth.store_name);
    statuses := retail.counted_statuses(get_category_growth.include_statuses);
    -- Where the caller's data stops (or the store's): a year's days after it are not counted.
    data_end := retail.last_order_date(wanted_store);
    RETURN QUERY
    WITH yearly AS (
        SELECT r.category_id,
               retail.money(sum(r.revenue_cents) FILTER (WHERE extract(YEAR FROM r.order_date) = this_year)) AS revenue,
               retail.money(sum(r.revenue_cents) FILTER (WHERE extract(YEAR FROM r.order_date) = that_year))
                   AS compare_revenue
        FROM retail.sales_category_day AS r
        WHERE (r.order_date BETWEEN make_date(this_year, 1, 1) AND make_date(this_year, 12, 31)
               OR r.order_date BETWEEN make_date(that_year, 1, 1) AND make_date(that_year, 12, 31))
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        GROUP BY r.category_id
    )
    SELECT
        row_number() OVER (ORDER BY coalesce(y.revenue, 0) - coalesce(y.compare_revenue, 0) DESC, c.category_name),
        c.category_name,
        coalesce(y.revenue, 0),
        coalesce(y.compare_revenue, 0),
        coalesce(y.revenue, 0) - coalesce(y.compare_revenue, 0),
        round(100 * (coalesce(y.revenue, 0) - y.compare_revenue) / nullif(y.compare_revenue, 0), 2),
        retail.days_with_data(make_date(this_year, 1, 1), make_date(this_year, 12, 31), data_end),
        retail.days_with_data(make_date(that_year, 1, 1), make_date(that_year, 12, 31), data_end),
        array_to_string(statuses, ', ')
    FROM retail.categories AS c
    LEFT JOIN yearly AS y ON y.category_id = c.category_id
    ORDER BY 1;
END
$$;

ALTER FUNCTION api.get_category_growth(year api.calendar_year, compare_year api.calendar_year, store_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_category_growth(year api.calendar_year, compare_year api.calendar_year, store_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_category_growth(year api.calendar_year, compare_year api.calendar_year, store_name api.name_text, include_statuses api.order_status[]) IS 'Revenue per category in a year against another year (default: the year before), ranked by growth in money. A
year the data does not yet cover to its end (the current one) is set against a whole year: days_counted (or
compare_days_counted) under 365 says so; then say it, or compare the same days of both years
(get_sales_by_dimension by category for each span).

Counts orders of the statuses in include_statuses (default: completed only); measures as in get_measure_glossary.
@param year The year to look at, 2000 to 2100, e.g. 2025.
@param compare_year The year to compare with, 2000 to 2100 (default: year - 1).
@param store_name Optional store; default: every store you can see.
@param include_statuses Order statuses to count (default ["completed"]).
@column rank 1 for the largest growth in money.
@column category The category.
@column revenue Revenue in year.
@column compare_revenue Revenue in compare_year.
@column growth revenue - compare_revenue.
@column growth_percent Growth in percent of compare_revenue; empty when that was zero.
@column days_counted Days of year up to the last order date you can see (365 or 366 when the data covers it all).
@column compare_days_counted The same for compare_year.
@column counted_statuses The order statuses counted.
@cache 300';

--
-- Name: get_current_utc_date(); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_current_utc_date() RETURNS TABLE(utc_now timestamp with time zone, utc_date date, latest_order_date date)
    LANGUAGE sql STABLE
    AS $$
    SELECT
        now(),
        (now() AT TIME ZONE 'UTC')::date,
        (SELECT max(o.order_date) FROM retail.orders AS o)
$$;

ALTER FUNCTION api.get_current_utc_date() OWNER TO zava_owner;

--
-- Name: FUNCTION get_current_utc_date(); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_current_utc_date() IS 'The current date and time in UTC, and the latest order date you can see.

Use it to turn relative periods ("last quarter", "this year") into dates. The data may end before today:
latest_order_date tells where it stops.';

--
-- Name: get_customer_metrics(date, date, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_customer_metrics(period_start date, period_end date, store_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(store character varying, active_customers bigint, new_customers bigint, returning_customers bigint, repeat_customers bigint, orders_per_customer numeric, revenue_per_customer numeric, new_customer_revenue numeric, returning_customer_revenue numeric, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    statuses text [];
    cells retail.period_cells;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_customer_metrics.period_start, get_customer_metrics.period_end);
    wanted_store := retail.store_filter(get_customer_metrics.store_name);
    statuses := retail.counted_statuses(get_customer_metrics.include_statuses);
    cells := retail.period_cells(get_customer_metrics.period_start, get_customer_metrics.period_end);
    -- One status: per store, the whole months from the cohorts and the buyer bitmaps (sql/schema/1290), and only the
    -- customers of the days around them (partial months) one by one.
    IF cardinality(statuses) = 1 AND cardinality((cells).days) = 0 THEN
        RETURN QUERY
        WITH
        
        cohorts AS (
            -- New customers are counted in their first month (their cohort's own), their revenue is that of the
            -- cohorts that start inside the whole months.
            SELECT c.store_id, sum(c.orders)::bigint AS orders, sum(c.revenue_cents)::bigint AS revenue_cents,
                   coalesce(sum(c.customers) FILTER (WHERE c.cohort = c.month), 0)::bigint AS new_customers,
                   coalesce(sum(c.revenue_cents) FILTER (WHERE c.cohort >= (cells).months[1]), 0)::bigint
                       AS new_revenue_cents
            FROM retail.sales_customer_cohort AS c
            WHERE c.month = ANY((cells).months)
              AND c.status = statuses[1]
              AND (wanted_store IS NULL OR c.store_id = wanted_store)
            GROUP BY c.store_id
        ),
        months AS (
            -- Per store and chunk of buyer numbers, month by month: the buyers, those who bought twice in the
            -- month, and everyone who bought in an earlier month of the period.
            SELECT b.store_id, b.chunk, b.buyers, r.buyers AS twice_in_month,
                   bit_or(b.buyers) OVER (
                       PARTITION BY b.store_id, b.chunk ORDER BY b.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                   ) AS earlier
            FROM retail.sales_buyers_month AS b
            LEFT JOIN retail.sales_repeat_buyers_month AS r
                ON r.month = b.month AND r.store_id = b.store_id AND r.status = b.status AND r.chunk = b.chunk
            WHERE b.month = ANY((cells).months)
              AND b.status = statuses[1]
              AND (wanted_store IS NULL OR b.store_id = wanted_store)
        ),
        chunks AS (
            -- Two orders or more: bought in two months, or twice in one.
            SELECT m.store_id, bit_count(bit_or(m.buyers)) AS active,
                   bit_count(
                       coalesce(bit_or(m.buyers & m.earlier), B'0'::bit(8192))
                       | coalesce(bit_or(m.twice_in_month), B'0'::bit(8192))
                   ) AS repeat
            FROM months AS m
            GROUP BY m.store_id, m.chunk
        ),
        buyers AS (
            SELECT c.store_id, sum(c.active)::bigint AS active, sum(c.repeat)::bigint AS repeat
            FROM chunks AS c
            GROUP BY c.store_id
        ),

        edges AS (
            -- No days around the whole months: nothing to add (a plan made per call stays small).
            SELECT NULL::uuid AS store_id, 0::bigint AS active, 0::bigint AS repeat, 0::bigint AS new_customers,
                   0::numeric AS orders, 0::numeric AS revenue_cents, 0::numeric AS new_revenue_cents
            WHERE FALSE
        )
        
        SELECT
            s.store_name,
            v.active,
            v.new_customers,
            v.active - v.new_customers,
            v.repeat,
            round(v.orders::numeric / nullif(v.active, 0), 2),
            round(retail.money(v.revenue_cents) / nullif(v.active, 0), 2),
            coalesce(retail.money(CASE WHEN v.new_customers > 0 THEN v.new_revenue_cents END), 0),
            coalesce(
                retail.money(CASE WHEN v.active > v.new_customers THEN v.revenue_cents - v.new_revenue_cents END),
                0
            ),
            array_to_string(statuses, ', ')
        FROM retail.stores AS s
        LEFT JOIN buyers AS b ON b.store_id = s.store_id
        LEFT JOIN cohorts AS c ON c.store_id = s.store_id
        LEFT JOIN edges AS x ON x.store_id = s.store_id
        CROSS JOIN LATERAL (
            SELECT
                coalesce(b.active, 0) + coalesce(x.active, 0) AS active,
                coalesce(b.repeat, 0) + coalesce(x.repeat, 0) AS repeat,
                coalesce(c.new_customers, 0) + coalesce(x.new_customers, 0) AS new_customers,
                coalesce(c.orders, 0) + coalesce(x.orders, 0) AS orders,
                coalesce(c.revenue_cents, 0) + coalesce(x.revenue_cents, 0) AS revenue_cents,
                coalesce(c.new_revenue_cents, 0) + coalesce(x.new_revenue_cents, 0) AS new_revenue_cents
        ) AS v
        WHERE wanted_store IS NULL OR s.store_id = wanted_store
        ORDER BY 2 DESC, 1;

        RETURN;
    ELSIF cardinality(statuses) = 1 THEN
        RETURN QUERY
        WITH
        
        cohorts AS (
            -- New customers are counted in their first month (their cohort's own), their revenue is that of the
            -- cohorts that start inside the whole months.
            SELECT c.store_id, sum(c.orders)::bigint AS orders, sum(c.revenue_cents)::bigint AS revenue_cents,
                   coalesce(sum(c.customers) FILTER (WHERE c.cohort = c.month), 0)::bigint AS new_customers,
                   coalesce(sum(c.revenue_cents) FILTER (WHERE c.cohort >= (cells).months[1]), 0)::bigint
                       AS new_revenue_cents
            FROM retail.sales_customer_cohort AS c
            WHERE c.month = ANY((cells).months)
              AND c.status = statuses[1]
              AND (wanted_store IS NULL OR c.store_id = wanted_store)
            GROUP BY c.store_id
        ),
        months AS (
            -- Per store and chunk of buyer numbers, month by month: the buyers, those who bought twice in the
            -- month, and everyone who bought in an earlier month of the period.
            SELECT b.store_id, b.chunk, b.buyers, r.buyers AS twice_in_month,
                   bit_or(b.buyers) OVER (
                       PARTITION BY b.store_id, b.chunk ORDER BY b.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                   ) AS earlier
            FROM retail.sales_buyers_month AS b
            LEFT JOIN retail.sales_repeat_buyers_month AS r
                ON r.month = b.month AND r.store_id = b.store_id AND r.status = b.status AND r.chunk = b.chunk
            WHERE b.month = ANY((cells).months)
              AND b.status = statuses[1]
              AND (wanted_store IS NULL OR b.store_id = wanted_store)
        ),
        chunks AS (
            -- Two orders or more: bought in two months, or twice in one.
            SELECT m.store_id, bit_count(bit_or(m.buyers)) AS active,
                   bit_count(
                       coalesce(bit_or(m.buyers & m.earlier), B'0'::bit(8192))
                       | coalesce(bit_or(m.twice_in_month), B'0'::bit(8192))
                   ) AS repeat
            FROM months AS m
            GROUP BY m.store_id, m.chunk
        ),
        buyers AS (
            SELECT c.store_id, sum(c.active)::bigint AS active, sum(c.repeat)::bigint AS repeat
            FROM chunks AS c
            GROUP BY c.store_id
        ),

        edge AS (
            -- The customers of the days around the whole months, with their orders (with a line) there.
            SELECT o.store_id, o.customer_id, count(*) AS orders, sum(o.revenue_cents)::bigint AS revenue_cents
            FROM retail.order_sales AS o
            WHERE o.order_date = ANY((cells).days)
              AND o.status = statuses[1]
              AND (wanted_store IS NULL OR o.store_id = wanted_store)
            GROUP BY o.store_id, o.customer_id
        ),
        edge_customers AS MATERIALIZED (
            -- Each one's orders and revenue in the whole months, and whether they are new: a first month after
            -- the period's first says so; in that month (or none folded yet) their orders before the period decide.
            SELECT e.*, coalesce(m.orders, 0) AS month_orders, coalesce(m.revenue_cents, 0) AS month_revenue,
                   coalesce(f.first_month = ANY((cells).months), false) AS in_cohorts,
                   CASE
                       WHEN f.first_month <> date_trunc('month', get_customer_metrics.period_start)::date
                           THEN f.first_month > date_trunc('month', get_customer_metrics.period_start)::date
                       -- A probe by the customer's orders (as NOT EXISTS the planner hashed every earlier order).
                       ELSE (
                           SELECT o.order_id
                           FROM retail.orders AS o
                           WHERE o.customer_id = e.customer_id AND o.store_id = e.store_id AND o.status = statuses[1]
                             AND o.order_date < get_customer_metrics.period_start
                             AND EXISTS (
                                 SELECT FROM retail.order_items AS oi
                                 WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id
                             )
                           LIMIT 1
                       ) IS NULL
                   END AS is_new
            -- Each looked up by its keys (joined, the planner read every first month: ~500,000 at large); the whole
            -- months as one range of the customer's cells (as a list, one index search per month and customer).
            FROM edge AS e
            LEFT JOIN LATERAL (
                SELECT sum(r.orders) AS orders, sum(r.revenue_cents) AS revenue_cents
                FROM retail.sales_customer_month AS r
                WHERE r.store_id = e.store_id AND r.status = statuses[1] AND r.customer_id = e.customer_id
                  AND r.month BETWEEN (cells).months[1] AND (cells).months[cardinality((cells).months)]
            ) AS m ON TRUE
            CROSS JOIN LATERAL (
                SELECT (
                    SELECT f.first_month
                    FROM retail.sales_customer_first AS f
                    WHERE f.store_id = e.store_id AND f.status = statuses[1] AND f.customer_id = e.customer_id
                ) AS first_month
            ) AS f
        ),
        edges AS (
            -- What they add to the whole months' figures: customers not active in them, repeat customers whose
            -- two orders are not both in them, new customers not in the cohorts, orders, revenue.
            SELECT e.store_id,
                   count(*) FILTER (WHERE e.month_orders = 0) AS active,
                   count(*) FILTER (WHERE e.month_orders < 2 AND e.month_orders + e.orders >= 2) AS repeat,
                   count(*) FILTER (WHERE e.is_new AND NOT e.in_cohorts) AS new_customers,
                   sum(e.orders) AS orders, sum(e.revenue_cents) AS revenue_cents,
                   coalesce(sum(e.month_revenue) FILTER (WHERE e.is_new AND NOT e.in_cohorts), 0)
                   + coalesce(sum(e.revenue_cents) FILTER (WHERE e.is_new), 0) AS new_revenue_cents
            FROM edge_customers AS e
            GROUP BY e.store_id
        )
        
        SELECT
            s.store_name,
            v.active,
            v.new_customers,
            v.active - v.new_customers,
            v.repeat,
            round(v.orders::numeric / nullif(v.active, 0), 2),
            round(retail.money(v.revenue_cents) / nullif(v.active, 0), 2),
            coalesce(retail.money(CASE WHEN v.new_customers > 0 THEN v.new_revenue_cents END), 0),
            coalesce(
                retail.money(CASE WHEN v.active > v.new_customers THEN v.revenue_cents - v.new_revenue_cents END),
                0
            ),
            array_to_string(statuses, ', ')
        FROM retail.stores AS s
        LEFT JOIN buyers AS b ON b.store_id = s.store_id
        LEFT JOIN cohorts AS c ON c.store_id = s.store_id
        LEFT JOIN edges AS x ON x.store_id = s.store_id
        CROSS JOIN LATERAL (
            SELECT
                coalesce(b.active, 0) + coalesce(x.active, 0) AS active,
                coalesce(b.repeat, 0) + coalesce(x.repeat, 0) AS repeat,
                coalesce(c.new_customers, 0) + coalesce(x.new_customers, 0) AS new_customers,
                coalesce(c.orders, 0) + coalesce(x.orders, 0) AS orders,
                coalesce(c.revenue_cents, 0) + coalesce(x.revenue_cents, 0) AS revenue_cents,
                coalesce(c.new_revenue_cents, 0) + coalesce(x.new_revenue_cents, 0) AS new_revenue_cents
        ) AS v
        WHERE wanted_store IS NULL OR s.store_id = wanted_store
        ORDER BY 2 DESC, 1;

        RETURN;
    END IF;
    -- Otherwise per store and customer (retail.customer_sales: the customer rollup's whole months, the lines around
    -- them).
    RETURN QUERY
    WITH in_period AS (
        -- Cents per customer, money per store (below): converted once, after aggregating, as the other tools do.
        SELECT t.store_id, t.customer_id, sum(t.orders) AS orders, sum(t.revenue_cents) AS revenue_cents
        FROM retail.customer_sales(cells, statuses, wanted_store) AS t
        GROUP BY t.store_id, t.customer_id
    ),
    -- New: no counted order (one with a line) at the store before the period: none in the customer rollup's
    -- months before the period's first month, none in that month's days before the period. A join, not NOT EXISTS:
    -- at SCALE=large the earlier customers (~1M rollup rows) do not fit a hashed subplan, and probing them per
    -- customer took 23 s.
    earlier AS (
        SELECT r.store_id, r.customer_id
        FROM retail.sales_customer_month AS r
        WHERE r.month < date_trunc('month', get_customer_metrics.period_start)::date
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        UNION
        SELECT o.store_id, o.customer_id
        FROM retail.orders AS o
        WHERE o.order_date >= date_trunc('month', get_customer_metrics.period_start)::date
          AND o.order_date < get_customer_metrics.period_start
          AND o.status = ANY(statuses)
          AND (wanted_store IS NULL OR o.store_id = wanted_store)
          AND EXISTS (
              SELECT FROM retail.order_items AS oi WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id
          )
    ),
    classified AS (
        SELECT i.*, e.customer_id IS NULL AS is_new
        FROM in_period AS i
        LEFT JOIN earlier AS e ON e.store_id = i.store_id AND e.customer_id = i.customer_id
    )
    SELECT
        s.store_name,
        count(c.customer_id),
        count(c.customer_id) FILTER (WHERE c.is_new),
        count(c.customer_id) FILTER (WHERE NOT c.is_new),
        count(c.customer_id) FILTER (WHERE c.orders >= 2),
        round(sum(c.orders)::numeric / nullif(count(c.customer_id), 0), 2),
        round(retail.money(sum(c.revenue_cents)) / nullif(count(c.customer_id), 0), 2),
        coalesce(retail.money(sum(c.revenue_cents) FILTER (WHERE c.is_new)), 0),
        coalesce(retail.money(sum(c.revenue_cents) FILTER (WHERE NOT c.is_new)), 0),
        array_to_string(statuses, ', ')
    FROM retail.stores AS s
    LEFT JOIN classified AS c ON c.store_id = s.store_id
    WHERE wanted_store IS NULL OR s.store_id = wanted_store
    GROUP BY s.store_name
    ORDER BY 2 DESC, 1;
END
$$;

ALTER FUNCTION api.get_customer_metrics(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_customer_metrics(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_customer_metrics(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[]) IS 'Customer figures per store for a period: active customers, new and returning ones (with their revenue), repeat
customers, orders and revenue per active customer.

A customer counts at each store they ordered from. Counts orders of the statuses in include_statuses (default:
completed only), also when deciding who is new; measures as in get_measure_glossary.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param include_statuses Order statuses to count (default ["completed"]).
@column store The store.
@column active_customers Customers with an order counted in the period.
@column new_customers Active customers whose first counted order at the store is in the period.
@column returning_customers Active customers with an earlier counted order at the store.
@column repeat_customers Active customers with two or more orders in the period.
@column orders_per_customer Orders per active customer.
@column revenue_per_customer Revenue per active customer.
@column new_customer_revenue Revenue of the new customers in the period.
@column returning_customer_revenue Revenue of the returning customers in the period.
@column counted_statuses The order statuses counted.
@cache 300';

--
-- Name: get_inventory_value(api.name_text); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_inventory_value(store_name api.name_text DEFAULT NULL::text) RETURNS TABLE(store character varying, category character varying, products bigint, units bigint, value_at_cost numeric, value_at_price numeric, out_of_stock bigint)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
BEGIN
    -- The argument, checked once.
    wanted_store := retail.store_filter(get_inventory_value.store_name);
    -- Summed per store and category id first, then named: grouping the joined names of every stock row cost
    -- a third more (head office at small, 3,240 stock rows: ~3.1 against ~2.3 ms).
    RETURN QUERY
    SELECT s.store_name, c.category_name, t.products, t.units, t.value_at_cost, t.value_at_price, t.out_of_stock
    FROM (
        SELECT
            i.store_id,
            p.category_id,
            count(*) AS products,
            sum(i.stock_level) AS units,
            sum(i.stock_level * p.cost) AS value_at_cost,
            sum(i.stock_level * p.base_price) AS value_at_price,
            count(*) FILTER (WHERE i.stock_level = 0) AS out_of_stock
        FROM retail.inventory AS i
        INNER JOIN retail.products AS p ON p.product_id = i.product_id
        WHERE wanted_store IS NULL OR i.store_id = wanted_store
        GROUP BY i.store_id, p.category_id
    ) AS t
    INNER JOIN retail.stores AS s ON s.store_id = t.store_id
    INNER JOIN retail.categories AS c ON c.category_id = t.category_id
    ORDER BY s.store_name, c.category_name;
END
$$;

ALTER FUNCTION api.get_inventory_value(store_name api.name_text) OWNER TO zava_owner;

--
-- Name: FUNCTION get_inventory_value(store_name api.name_text); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_inventory_value(store_name api.name_text) IS 'Stock on hand per store and category: products stocked, units, value at cost and at list price, and how many
products are out of stock.
@param store_name Optional store; default: every store you can see.
@column store The store.
@column category The category.
@column products Products stocked (with an inventory record, also at zero).
@column units Units on hand.
@column value_at_cost Units x the product''s cost.
@column value_at_price Units x the product''s list price.
@column out_of_stock Products with zero units.
@cache 60';

--
-- Name: get_low_stock(api.stock_threshold, api.name_text, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_low_stock(threshold api.stock_threshold DEFAULT 10, store_name api.name_text DEFAULT NULL::text, category_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(store character varying, sku character varying, product character varying, category character varying, stock_level integer, units_sold_last_90_days bigint, days_of_cover numeric, as_of date, counted_statuses text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    latest_day date;
    statuses text [];
    cells retail.period_cells;
BEGIN
    -- The arguments, checked once (threshold's range is its domain's).
    wanted_store := retail.store_filter(get_low_stock.store_name);
    wanted_category := retail.category_filter(get_low_stock.category_name);
    statuses := retail.counted_statuses(get_low_stock.include_statuses);
    latest_day := coalesce(retail.last_order_date(NULL), current_date);
    cells := retail.period_cells(latest_day - 89, latest_day);
    -- One store: the listing's plan kept per connection; several: planned for this call (above).
    IF coalesce(wanted_store, retail.get_current_user_store()) IS NOT NULL THEN
        RETURN QUERY SELECT * FROM retail.low_stock_rows(
            cells, statuses, wanted_store, wanted_category, get_low_stock.threshold, latest_day
        );
    ELSE
        RETURN QUERY SELECT * FROM retail.low_stock_rows_planned(
            cells, statuses, wanted_store, wanted_category, get_low_stock.threshold, latest_day
        );
    END IF;
END
$$;

ALTER FUNCTION api.get_low_stock(threshold api.stock_threshold, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_low_stock(threshold api.stock_threshold, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_low_stock(threshold api.stock_threshold, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) IS 'Products at or below a stock threshold, lowest first, with recent sales and days of cover left.

days_of_cover is stock divided by the average daily units sold in the 90 days up to as_of (empty when nothing
sold). Sales count orders of the statuses in include_statuses (default: completed only).
@param threshold Stock level at or below which a product is listed, 0 to 100,000 (default 10).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category.
@param include_statuses Order statuses whose units count as sold (default ["completed"]).
@column store The store holding the stock.
@column sku The product''s SKU.
@column product The product''s name.
@column category Its category.
@column stock_level Units on hand.
@column units_sold_last_90_days Units sold in the 90 days up to as_of.
@column days_of_cover Days the stock lasts at that pace; empty when nothing sold.
@column as_of The latest order date you can see: the data''s today.
@column counted_statuses The order statuses counted as sales.
@cache 60';

--
-- Name: get_measure_glossary(); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_measure_glossary() RETURNS TABLE(measure text, definition text)
    LANGUAGE sql IMMUTABLE
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

ALTER FUNCTION api.get_measure_glossary() OWNER TO zava_owner;

--
-- Name: FUNCTION get_measure_glossary(); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_measure_glossary() IS 'What each measure of the analytics tools means: the currency, revenue, orders, units, customers, average order value,
discount, gross margin, returns, order statuses, periods, per-store rows, new and returning customers.
@column measure Name of the measure as it appears in the tools'' results.
@column definition How it is computed.
@cache 3600';

--
-- Name: get_multiple_table_schemas(api.name_text[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_multiple_table_schemas(table_names api.name_text[]) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    wanted text;
    unknown text[] := '{}';
    result jsonb := '[]';
    rel record;
BEGIN
    IF table_names IS NULL OR cardinality(table_names) = 0 THEN
        RAISE EXCEPTION 'give at least one table name' USING ERRCODE = '22023', COLUMN = 'table_names',
            HINT = 'tables: ' || (SELECT string_agg(q.table_name, ', ') FROM retail.queryable_tables() AS q);
    END IF;
    FOREACH wanted IN ARRAY table_names LOOP
        SELECT q.table_name, q.table_oid INTO rel FROM retail.queryable_tables() AS q
        WHERE q.table_name = lower(regexp_replace(btrim(wanted), '^retail\.', '', 'i'));
        IF NOT FOUND THEN
            unknown := unknown || wanted;
            CONTINUE;
        END IF;
        result := result || jsonb_build_object(
            'table', 'retail.' || rel.table_name,
            'description', obj_description(rel.table_oid, 'pg_class'),
            'columns', (
                SELECT jsonb_agg(jsonb_build_object(
                    'name', a.attname,
                    'type', format_type(a.atttypid, a.atttypmod),
                    'nullable', NOT a.attnotnull) ORDER BY a.attnum)
                FROM pg_catalog.pg_attribute AS a
                WHERE a.attrelid = rel.table_oid AND a.attnum > 0 AND NOT a.attisdropped
                  AND pg_catalog.has_column_privilege('zava_sql_reader', rel.table_oid, a.attnum, 'SELECT')
            ),
            'primary_key', (
                SELECT jsonb_agg(a.attname ORDER BY k.ord)
                FROM pg_catalog.pg_constraint AS c
                CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k (attnum, ord)
                JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                WHERE c.conrelid = rel.table_oid AND c.contype = 'p'
            ),
            'relationships', coalesce((
                SELECT jsonb_agg(jsonb_build_object(
                    'columns', (SELECT jsonb_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey)
                                WITH ORDINALITY AS k (attnum, ord) JOIN pg_catalog.pg_attribute AS a
                                ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                    'references', c.confrelid::regclass::text,
                    'referenced_columns', (SELECT jsonb_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey)
                                WITH ORDINALITY AS k (attnum, ord) JOIN pg_catalog.pg_attribute AS a
                                ON a.attrelid = c.confrelid AND a.attnum = k.attnum)))
                FROM pg_catalog.pg_constraint AS c
                WHERE c.conrelid = rel.table_oid AND c.contype = 'f'
                  AND c.confrelid IN (SELECT q.table_oid FROM retail.queryable_tables() AS q)
            ), '[]'),
            'valid_values', CASE rel.table_name
                WHEN 'stores' THEN jsonb_build_object('store_name',
                    (SELECT jsonb_agg(s.store_name ORDER BY s.store_name) FROM retail.stores AS s))
                WHEN 'categories' THEN jsonb_build_object('category_name',
                    (SELECT jsonb_agg(c.category_name ORDER BY c.category_name) FROM retail.categories AS c))
                WHEN 'product_types' THEN jsonb_build_object('type_name',
                    (SELECT jsonb_agg(t.type_name ORDER BY t.type_name) FROM retail.product_types AS t))
                -- The years with an order you can see: one index probe per year (the first order date on or
                -- after each next 1 January), not a read of every order (4.9-5.9 ms at small, more with scale).
                WHEN 'orders' THEN jsonb_build_object(
                    'order_year', (
                        WITH RECURSIVE first_day AS (
                            SELECT min(o.order_date) AS d FROM retail.orders AS o
                            UNION ALL
                            SELECT (
                                SELECT min(o.order_date) FROM retail.orders AS o
                                WHERE o.order_date >= make_date(extract(YEAR FROM f.d)::int + 1, 1, 1)
                            )
                            FROM first_day AS f WHERE f.d IS NOT NULL
                        )
                        SELECT jsonb_agg(extract(YEAR FROM f.d)::int ORDER BY f.d)
                        FROM first_day AS f WHERE f.d IS NOT NULL
                    ),
                    'status', to_jsonb(enum_range(NULL::api.order_status)))
            END
        );
    END LOOP;
    IF cardinality(unknown) > 0 THEN
        RAISE EXCEPTION 'unknown table(s): %', array_to_string(unknown, ', ')
            USING ERRCODE = '22023', COLUMN = 'table_names',
            HINT = 'tables: ' || (SELECT string_agg(q.table_name, ', ') FROM retail.queryable_tables() AS q);
    END IF;
    RETURN result;
END
$$;

ALTER FUNCTION api.get_multiple_table_schemas(table_names api.name_text[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_multiple_table_schemas(table_names api.name_text[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_multiple_table_schemas(table_names api.name_text[]) IS 'Describe tables for writing an ad-hoc query with execute_sales_query: columns and types, primary key,
relationships, and the valid values you can see (store names, categories, product types, order years).

Call it before execute_sales_query. Tables: stores, customers, categories, product_types, products, inventory,
orders, order_items, product_translations, product_description_embeddings, sales_lines (completed order lines with
revenue and cost). Only the columns an ad-hoc query may read are listed (customers'' email and phone are not).
@param table_names Table names, e.g. ["orders", "order_items", "products"].
@cache 300';

--
-- Name: get_order_status_summary(date, date, api.name_text, api.name_text); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_order_status_summary(period_start date, period_end date, store_name api.name_text DEFAULT NULL::text, category_name api.name_text DEFAULT NULL::text) RETURNS TABLE(store character varying, status text, orders bigint, revenue numeric, units bigint, share_of_orders_percent numeric)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_order_status_summary.period_start, get_order_status_summary.period_end);
    wanted_store := retail.store_filter(get_order_status_summary.store_name);
    wanted_category := retail.category_filter(get_order_status_summary.category_name);
    RETURN QUERY
    WITH cells AS (
        SELECT r.store_id, r.status, r.orders, r.revenue_cents, r.units
        FROM retail.sales_store_day AS r
        WHERE wanted_category IS NULL
          AND r.order_date BETWEEN get_order_status_summary.period_start AND get_order_status_summary.period_end
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        UNION ALL
        -- The orders containing the category, and what their lines of it came to.
        SELECT r.store_id, r.status, r.orders, r.revenue_cents, r.units
        FROM retail.sales_category_day AS r
        WHERE r.category_id = wanted_category
          AND r.order_date BETWEEN get_order_status_summary.period_start AND get_order_status_summary.period_end
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
    ),
    by_status AS (
        SELECT c.store_id, c.status, sum(c.orders) AS orders, retail.money(sum(c.revenue_cents)) AS revenue,
               sum(c.units) AS units
        FROM cells AS c
        GROUP BY c.store_id, c.status
        HAVING sum(c.orders) > 0
    )
    SELECT s.store_name, b.status, b.orders::bigint, b.revenue, b.units::bigint,
           round(100 * b.orders / sum(b.orders) OVER (PARTITION BY b.store_id), 2)
    FROM by_status AS b
    INNER JOIN retail.stores AS s ON s.store_id = b.store_id
    ORDER BY s.store_name, b.status::api.order_status;
END
$$;

ALTER FUNCTION api.get_order_status_summary(period_start date, period_end date, store_name api.name_text, category_name api.name_text) OWNER TO zava_owner;

--
-- Name: FUNCTION get_order_status_summary(period_start date, period_end date, store_name api.name_text, category_name api.name_text); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_order_status_summary(period_start date, period_end date, store_name api.name_text, category_name api.name_text) IS 'How the orders of a period ended, per store: orders, revenue and units per status (pending, completed,
cancelled, refunded) and each status''s share of the store''s orders, e.g. the refund rate.

Only statuses that occur are listed. Measures as in get_measure_glossary (orders with at least one line). With
category_name, the orders containing that category and their lines of it: the category''s refund rate.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category, e.g. ''Power Tools''.
@column store The store.
@column status pending, completed, cancelled or refunded.
@column orders Orders with that status.
@column revenue What their lines came to, after discounts.
@column units Units on their lines.
@column share_of_orders_percent 100 x orders / the store''s orders of every status in the period.
@cache 300';

--
-- Name: get_sales_by_dimension(api.sales_dimension, date, date, api.name_text, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_sales_by_dimension(dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text DEFAULT NULL::text, category_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(name text, parent text, revenue numeric, units bigint, orders bigint, discount numeric, gross_margin numeric, revenue_share_percent numeric, counted_statuses text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    statuses text [];
    cells retail.period_cells;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_sales_by_dimension.period_start, get_sales_by_dimension.period_end);
    wanted_store := retail.store_filter(get_sales_by_dimension.store_name);
    wanted_category := retail.category_filter(get_sales_by_dimension.category_name);
    statuses := retail.counted_statuses(get_sales_by_dimension.include_statuses);
    cells := retail.period_cells(get_sales_by_dimension.period_start, get_sales_by_dimension.period_end);
    -- Each dimension from the rollup of its grain: orders (those containing the thing) only add up within it.
    RETURN QUERY
    WITH grouped AS (
        SELECT s.store_name::text AS name, NULL::text AS parent, retail.money(sum(d.revenue_cents)) AS revenue,
               sum(d.units) AS units, sum(d.orders) AS orders, retail.money(sum(d.discount_cents)) AS discount,
               retail.money(sum(d.revenue_cents - d.cost_cents)) AS margin
        FROM retail.day_sales(
            get_sales_by_dimension.period_start, get_sales_by_dimension.period_end, statuses, wanted_store,
            wanted_category
        ) AS d
        INNER JOIN retail.stores AS s ON s.store_id = d.store_id
        WHERE get_sales_by_dimension.dimension = 'store'
        GROUP BY 1
        UNION ALL
        SELECT c.category_name::text, NULL, retail.money(sum(r.revenue_cents)), sum(r.units), sum(r.orders),
               retail.money(sum(r.discount_cents)),
               retail.money(sum(r.revenue_cents - r.cost_cents))
        FROM retail.sales_category_day AS r
        INNER JOIN retail.categories AS c ON c.category_id = r.category_id
        WHERE get_sales_by_dimension.dimension = 'category'
          AND r.order_date BETWEEN get_sales_by_dimension.period_start AND get_sales_by_dimension.period_end
          AND r.status = ANY(statuses) AND (wanted_store IS NULL OR r.store_id = wanted_store)
          AND (wanted_category IS NULL OR r.category_id = wanted_category)
        GROUP BY 1
        UNION ALL
        SELECT t.type_name::text, c.category_name::text, retail.money(sum(ts.revenue_cents)), sum(ts.units),
               sum(ts.orders),
               retail.money(sum(ts.discount_cents)), retail.money(sum(ts.revenue_cents - ts.cost_cents))
        FROM retail.type_sales(cells, statuses, wanted_store, wanted_category) AS ts
        INNER JOIN retail.product_types AS t ON t.type_id = ts.type_id
        INNER JOIN retail.categories AS c ON c.category_id = t.category_id
        WHERE get_sales_by_dimension.dimension = 'product_type'
        GROUP BY 1, 2
        UNION ALL
        SELECT p.product_name::text, p.sku::text, retail.money(sum(ps.revenue_cents)), sum(ps.units), sum(ps.orders),
               retail.money(sum(ps.discount_cents)), retail.money(sum(ps.revenue_cents - ps.cost_cents))
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
        INNER JOIN retail.products AS p ON p.product_id = ps.product_id
        WHERE get_sales_by_dimension.dimension = 'product'
        GROUP BY 1, 2
    )
    SELECT g.name, g.parent, g.revenue, g.units::bigint, g.orders::bigint, g.discount, round(g.margin, 2),
           round(100 * g.revenue / nullif(sum(g.revenue) OVER (), 0), 2), array_to_string(statuses, ', ')
    FROM grouped AS g
    WHERE g.orders > 0
    ORDER BY g.revenue DESC, g.name;
END
$$;

ALTER FUNCTION api.get_sales_by_dimension(dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_sales_by_dimension(dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_sales_by_dimension(dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) IS 'Sales split by category, product type, product or store for a period, largest first, with each one''s share.

parent is the category of a product type and the SKU of a product. orders are the orders containing the category,
type, product or store, so they add up to more than all orders. Counts orders of the statuses in
include_statuses (default: completed only); measures as in get_measure_glossary.
@param dimension category, product_type, product or store.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category to split within (or, by store, to count only).
@param include_statuses Order statuses to count (default ["completed"]).
@column name The category, product type, product or store.
@column parent Category of a product type, SKU of a product, else empty.
@column revenue Sum of line totals after discounts.
@column units Units sold.
@column orders Orders containing it.
@column discount Discounts given on its lines.
@column gross_margin revenue minus cost.
@column revenue_share_percent Its share of the revenue of all rows.
@column counted_statuses The order statuses counted.
@cache 300';

--
-- Name: get_sales_by_period(api.time_grain, date, date, api.name_text, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_sales_by_period(grain api.time_grain, period_start date, period_end date, store_name api.name_text DEFAULT NULL::text, category_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(period date, revenue numeric, orders bigint, units bigint, gross_margin numeric, calendar_days integer, days_counted integer, counted_statuses text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    statuses text [];
    data_end date;
    step interval := CASE get_sales_by_period.grain
        WHEN 'day' THEN interval '1 day' WHEN 'week' THEN interval '7 days' WHEN 'month' THEN interval '1 month'
        WHEN 'quarter' THEN interval '3 months' ELSE interval '1 year'
    END;
BEGIN
    -- The arguments, checked once.
    PERFORM retail.check_period(get_sales_by_period.period_start, get_sales_by_period.period_end);
    wanted_store := retail.store_filter(get_sales_by_period.store_name);
    wanted_category := retail.category_filter(get_sales_by_period.category_name);
    statuses := retail.counted_statuses(get_sales_by_period.include_statuses);
    -- Where the caller's data stops (any status, every category: the data's end, not a slow category's).
    data_end := retail.last_order_date(wanted_store);
    RETURN QUERY
    SELECT b.bucket, b.revenue, b.orders, b.units, b.gross_margin,
           ((b.bucket + step)::date - b.bucket)::integer,
           retail.days_with_data(
               greatest(b.bucket, get_sales_by_period.period_start),
               least((b.bucket + step)::date - 1, get_sales_by_period.period_end), data_end
           ),
           array_to_string(statuses, ', ')
    FROM (
        SELECT date_trunc(get_sales_by_period.grain::text, d.order_date)::date AS bucket,
               retail.money(sum(d.revenue_cents)) AS revenue, sum(d.orders)::bigint AS orders,
               sum(d.units)::bigint AS units, retail.money(sum(d.revenue_cents - d.cost_cents)) AS gross_margin
        FROM retail.day_sales(
            get_sales_by_period.period_start, get_sales_by_period.period_end, statuses, wanted_store, wanted_category
        ) AS d
        GROUP BY 1
        HAVING sum(d.lines) > 0
    ) AS b
    ORDER BY 1;
END
$$;

ALTER FUNCTION api.get_sales_by_period(grain api.time_grain, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_sales_by_period(grain api.time_grain, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_sales_by_period(grain api.time_grain, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) IS 'Sales over time: revenue, orders, units and gross margin per day, week, month, quarter or year.

Periods with no sales are omitted. Weeks start on Monday. A row whose days_counted is less than its calendar_days
is a partial period (cut by period_start or period_end, or by the day your data ends): compare it per day, not as
a total. Counts orders of the statuses in include_statuses
(default: completed only); measures as in get_measure_glossary. With category_name, orders are the orders
containing that category.
@param grain day, week, month, quarter or year.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category, e.g. ''Garden & Outdoor''.
@param include_statuses Order statuses to count (default ["completed"]).
@column period First day of the day, week, month, quarter or year.
@column revenue Sum of line totals after discounts.
@column orders Orders with a line counted.
@column units Units sold.
@column gross_margin revenue minus cost.
@column calendar_days Days in this day, week, month, quarter or year.
@column days_counted Of those, the days inside period_start..period_end and not after the last order date you can
    see (get_current_utc_date''s latest_order_date for your stores).
@column counted_statuses The order statuses counted.
@cache 300';

--
-- Name: get_sales_pattern(api.sales_pattern, date, date, api.name_text, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_sales_pattern(pattern api.sales_pattern, period_start date, period_end date, store_name api.name_text DEFAULT NULL::text, category_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(slot integer, slot_name text, revenue numeric, orders bigint, units bigint, average_order_value numeric, revenue_share_percent numeric, days_counted integer, revenue_per_day numeric, counted_statuses text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    statuses text [];
    cells retail.period_cells;
    last_day date;
BEGIN
    -- The arguments, checked once.
    IF get_sales_pattern.pattern IS NULL THEN
        RAISE EXCEPTION 'pattern is required' USING ERRCODE = '22023', COLUMN = 'pattern',
            HINT = 'hour_of_day or day_of_week';
    END IF;
    PERFORM retail.check_period(get_sales_pattern.period_start, get_sales_pattern.period_end);
    wanted_store := retail.store_filter(get_sales_pattern.store_name);
    wanted_category := retail.category_filter(get_sales_pattern.category_name);
    statuses := retail.counted_statuses(get_sales_pattern.include_statuses);
    cells := retail.period_cells(get_sales_pattern.period_start, get_sales_pattern.period_end);
    -- The period's last day with data (the caller's, or the store's): days after it are not counted.
    last_day := least(get_sales_pattern.period_end, retail.last_order_date(wanted_store));
    RETURN QUERY
    WITH slots AS (
        SELECT extract(ISODOW FROM d.order_date)::integer AS slot, retail.money(sum(d.revenue_cents)) AS revenue,
               sum(d.orders) AS orders, sum(d.units) AS units
        FROM retail.day_sales(
            get_sales_pattern.period_start, get_sales_pattern.period_end, statuses, wanted_store, wanted_category
        ) AS d
        WHERE get_sales_pattern.pattern = 'day_of_week'
        GROUP BY 1
        UNION ALL
        SELECT h.hour, retail.money(sum(h.revenue_cents)), sum(h.orders), sum(h.units)
        FROM retail.hour_sales(cells, statuses, wanted_store, wanted_category) AS h
        WHERE get_sales_pattern.pattern = 'hour_of_day'
        GROUP BY 1
    )
    SELECT
        s.slot,
        CASE get_sales_pattern.pattern
            WHEN 'day_of_week' THEN to_char(date '2024-01-07' + s.slot, 'FMDay')
            ELSE lpad(s.slot::text, 2, '0') || ':00'
        END,
        s.revenue, s.orders::bigint, s.units::bigint, round(s.revenue / nullif(s.orders, 0), 2),
        round(100 * s.revenue / nullif(sum(s.revenue) OVER (), 0), 2),
        d.days,
        round(s.revenue / nullif(d.days, 0), 2),
        array_to_string(statuses, ', ')
    FROM slots AS s
    -- An hour occurs on every day of the period, a weekday on some (a month has four or five Mondays): the whole
    -- weeks, and one more when the weekday falls among the days left over.
    CROSS JOIN LATERAL (
        SELECT CASE
            WHEN get_sales_pattern.pattern = 'hour_of_day' THEN greatest(0, n.days)
            ELSE greatest(0, n.days / 7 + ((
                (s.slot - extract(ISODOW FROM get_sales_pattern.period_start)::integer + 7) % 7 < n.days % 7
            )::integer))
        END AS days
        FROM (SELECT last_day - get_sales_pattern.period_start + 1 AS days) AS n
    ) AS d
    WHERE s.orders > 0
    ORDER BY s.slot;
END
$$;

ALTER FUNCTION api.get_sales_pattern(pattern api.sales_pattern, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_sales_pattern(pattern api.sales_pattern, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_sales_pattern(pattern api.sales_pattern, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) IS 'When sales happen: revenue, orders and units per hour of the day (when the order was created, in the stores''
local time) or per day of the week (Monday first), with each slot''s share of the period''s revenue and its revenue
per day: a month has four or five of each weekday, so compare weekdays by revenue_per_day, not by their totals.

Slots without sales are omitted. Counts orders of the statuses in include_statuses (default: completed only);
measures as in get_measure_glossary.
@param pattern hour_of_day or day_of_week.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category; orders are then those containing it.
@param include_statuses Order statuses to count (default ["completed"]).
@column slot Hour 0-23, or ISO day of week 1 (Monday) to 7 (Sunday).
@column slot_name 08:00 style hour, or the day''s name.
@column revenue Sum of line totals after discounts.
@column orders Orders with a line counted.
@column units Units sold.
@column average_order_value revenue / orders.
@column revenue_share_percent The slot''s share of the revenue of all slots.
@column days_counted Days of the period that had this slot (that weekday, or every day for an hour), up to the
    last order date you can see.
@column revenue_per_day revenue / days_counted.
@column counted_statuses The order statuses counted.
@cache 300';

--
-- Name: get_seasonal_trend(api.name_text, api.name_text, api.calendar_year, api.calendar_year, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_seasonal_trend(category_name api.name_text, store_name api.name_text DEFAULT NULL::text, from_year api.calendar_year DEFAULT NULL::integer, to_year api.calendar_year DEFAULT NULL::integer, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(month integer, month_name text, average_monthly_revenue numeric, average_monthly_units numeric, seasonality_index numeric, years_averaged integer, counted_statuses text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_category uuid;
    wanted_store uuid;
    statuses text [];
    first_day date;
    last_day date;
    whole_from integer;
    whole_to integer;
    first_year integer;
    last_year integer;
BEGIN
    -- The arguments, checked once (the years' range is their domain's; no year means no bound). An empty category
    -- or years the wrong way round once gave no rows and no error.
    IF nullif(btrim(get_seasonal_trend.category_name), '') IS NULL THEN
        RAISE EXCEPTION 'category_name is required'
            USING ERRCODE = '22023', COLUMN = 'category_name',
            HINT = 'categories: ' || (SELECT string_agg(c.category_name, ', ' ORDER BY c.category_name)
                                      FROM retail.categories AS c);
    END IF;
    IF get_seasonal_trend.from_year > get_seasonal_trend.to_year THEN
        RAISE EXCEPTION 'from_year % is after to_year %', get_seasonal_trend.from_year, get_seasonal_trend.to_year
            USING ERRCODE = '22023', COLUMN = 'to_year';
    END IF;
    wanted_category := retail.category_filter(get_seasonal_trend.category_name);
    wanted_store := retail.store_filter(get_seasonal_trend.store_name);
    statuses := retail.counted_statuses(get_seasonal_trend.include_statuses);
    -- By default the whole calendar years the data covers: a year still running (or one the data starts in) has
    -- some months and not others, and with sales growing it lifted the months it has (December's index read 161
    -- with the current year in, 170 without it).
    SELECT min(o.order_date), max(o.order_date) INTO first_day, last_day
    FROM retail.orders AS o WHERE wanted_store IS NULL OR o.store_id = wanted_store;
    whole_from := extract(YEAR FROM first_day)::integer + (first_day > date_trunc('year', first_day)::date)::integer;
    whole_to := extract(YEAR FROM last_day)::integer
        - (last_day < (date_trunc('year', last_day) + interval '1 year - 1 day')::date)::integer;
    first_year := coalesce(get_seasonal_trend.from_year,
        CASE WHEN whole_from <= least(whole_to, get_seasonal_trend.to_year) THEN whole_from END);
    last_year := coalesce(get_seasonal_trend.to_year,
        CASE WHEN whole_to >= greatest(whole_from, get_seasonal_trend.from_year) THEN whole_to END);
    RETURN QUERY
    WITH monthly AS (
        SELECT date_trunc('month', r.order_date) AS month_start, retail.money(sum(r.revenue_cents)) AS revenue,
               sum(r.units) AS units
        FROM retail.sales_category_day AS r
        WHERE r.category_id = wanted_category
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          AND r.order_date >= make_date(coalesce(first_year, 2000), 1, 1)
          AND r.order_date < make_date(coalesce(last_year, 2100) + 1, 1, 1)
        GROUP BY 1
        HAVING sum(r.lines) > 0
    ),
    by_month AS (
        SELECT extract(MONTH FROM m.month_start)::integer AS month, avg(m.revenue) AS revenue, avg(m.units) AS units,
               count(*)::integer AS years
        FROM monthly AS m
        GROUP BY 1
    )
    SELECT
        b.month,
        to_char(make_date(2000, b.month, 1), 'FMMonth'),
        round(b.revenue, 2),
        round(b.units, 1),
        round(100 * b.revenue / nullif(avg(b.revenue) OVER (), 0), 1),
        b.years,
        array_to_string(statuses, ', ')
    FROM by_month AS b
    ORDER BY b.month;
END
$$;

ALTER FUNCTION api.get_seasonal_trend(category_name api.name_text, store_name api.name_text, from_year api.calendar_year, to_year api.calendar_year, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_seasonal_trend(category_name api.name_text, store_name api.name_text, from_year api.calendar_year, to_year api.calendar_year, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_seasonal_trend(category_name api.name_text, store_name api.name_text, from_year api.calendar_year, to_year api.calendar_year, include_statuses api.order_status[]) IS 'The seasonal pattern of a category: average revenue and units for each calendar month across the years, and a
seasonality index (100 = an average month; 150 = half again as busy).

Averages are over the months with sales, by default in the whole calendar years the data covers (a year still
running, or one the data starts in the middle of, is left out unless from_year or to_year names it). Counts orders
of the statuses in include_statuses (default: completed only); measures as in get_measure_glossary.
@param category_name The category, e.g. ''Garden & Outdoor''.
@param store_name Optional store; default: every store you can see.
@param from_year Optional first year to include, 2000 to 2100 (default: the first whole year of data).
@param to_year Optional last year to include, 2000 to 2100 (default: the last whole year of data).
@param include_statuses Order statuses to count (default ["completed"]).
@column month 1 (January) to 12.
@column month_name The month''s name.
@column average_monthly_revenue Revenue of that calendar month, averaged over the years.
@column average_monthly_units Units of that calendar month, averaged over the years.
@column seasonality_index 100 x the month''s average / the average of all months.
@column years_averaged In how many years that month had sales.
@column counted_statuses The order statuses counted.
@cache 300';

--
-- Name: get_slow_movers(api.lookback_days, api.top_n, api.name_text, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_slow_movers(lookback_days api.lookback_days DEFAULT 90, top_n api.top_n DEFAULT 20, store_name api.name_text DEFAULT NULL::text, category_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(rank bigint, store character varying, sku character varying, product character varying, category character varying, stock_level integer, units_sold bigint, value_at_cost numeric, days_of_cover numeric, products_unsold bigint, as_of date, counted_statuses text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    latest_day date;
    statuses text [];
    cells retail.period_cells;
BEGIN
    wanted_store := retail.store_filter(get_slow_movers.store_name);
    wanted_category := retail.category_filter(get_slow_movers.category_name);
    statuses := retail.counted_statuses(get_slow_movers.include_statuses);
    latest_day := coalesce(retail.last_order_date(wanted_store), current_date);
    cells := retail.period_cells(latest_day - get_slow_movers.lookback_days + 1, latest_day);
    RETURN QUERY
    WITH sold AS (
        SELECT ps.store_id, ps.product_id, ps.units
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
    ),
    on_hand AS (
        SELECT i.store_id, i.product_id, i.stock_level, coalesce(sd.units, 0)::bigint AS units,
               round(i.stock_level * p.cost, 2) AS value_at_cost
        FROM retail.inventory AS i
        INNER JOIN retail.products AS p ON p.product_id = i.product_id
        LEFT JOIN sold AS sd ON sd.store_id = i.store_id AND sd.product_id = i.product_id
        WHERE i.stock_level > 0
          AND (wanted_store IS NULL OR i.store_id = wanted_store)
          AND (wanted_category IS NULL OR p.category_id = wanted_category)
    ),
    ranked AS (
        SELECT h.*, row_number() OVER (ORDER BY h.units, h.value_at_cost DESC, h.store_id, h.product_id) AS n,
               count(*) FILTER (WHERE h.units = 0) OVER () AS unsold
        FROM on_hand AS h
    )
    SELECT
        r.n, s.store_name, p.sku, p.product_name, c.category_name, r.stock_level, r.units, r.value_at_cost,
        round(r.stock_level / nullif(r.units::numeric / get_slow_movers.lookback_days, 0), 1),
        r.unsold, latest_day, array_to_string(statuses, ', ')
    FROM ranked AS r
    INNER JOIN retail.stores AS s ON s.store_id = r.store_id
    INNER JOIN retail.products AS p ON p.product_id = r.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    WHERE r.n <= get_slow_movers.top_n
    ORDER BY r.n;
END
$$;

ALTER FUNCTION api.get_slow_movers(lookback_days api.lookback_days, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_slow_movers(lookback_days api.lookback_days, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_slow_movers(lookback_days api.lookback_days, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) IS 'The stock that does not sell: products in stock that sold the fewest units in the last lookback_days up to as_of,
those that sold none first, then by the money tied up in them (stock at cost), per store.

Dead stock and markdown candidates. products_unsold counts every product in stock with no sale in the lookback
(not only the rows returned). Sales count orders of the statuses in include_statuses (default: completed only).
@param lookback_days Days of sales to look at, up to as_of, 7 to 730 (default 90).
@param top_n How many products, 1 to 100 (default 20).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category.
@param include_statuses Order statuses whose units count as sold (default ["completed"]).
@column rank 1 for the slowest.
@column store The store holding the stock.
@column sku The product''s SKU.
@column product The product''s name.
@column category Its category.
@column stock_level Units on hand.
@column units_sold Units sold in the lookback.
@column value_at_cost stock_level x the product''s cost: the money tied up.
@column days_of_cover Days the stock lasts at the lookback''s pace; empty when nothing sold.
@column products_unsold Products in stock (at the stores and category asked) with no sale in the lookback.
@column as_of The last order date you can see (of store_name when given): the data''s today.
@column counted_statuses The order statuses counted as sales.
@cache 60';

--
-- Name: get_stockout_risk(api.lookback_days, api.horizon_days, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_stockout_risk(lookback_days api.lookback_days DEFAULT 90, horizon_days api.horizon_days DEFAULT 30, store_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(store character varying, sku character varying, product character varying, stock_level integer, daily_velocity numeric, days_until_stockout numeric, status text, as_of date, counted_statuses text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    latest_day date;
    statuses text [];
    cells retail.period_cells;
BEGIN
    -- The arguments, checked once (the ranges of lookback_days and horizon_days are their domains').
    wanted_store := retail.store_filter(get_stockout_risk.store_name);
    statuses := retail.counted_statuses(get_stockout_risk.include_statuses);
    latest_day := coalesce(retail.last_order_date(NULL), current_date);
    cells := retail.period_cells(latest_day - get_stockout_risk.lookback_days + 1, latest_day);
    -- One store over the default 90 days: the listing's plan kept per connection; otherwise planned for this call.
    IF coalesce(wanted_store, retail.get_current_user_store()) IS NOT NULL AND get_stockout_risk.lookback_days <= 90 THEN
        RETURN QUERY SELECT * FROM retail.stockout_rows(
            cells, statuses, wanted_store, get_stockout_risk.lookback_days, get_stockout_risk.horizon_days, latest_day
        );
    ELSE
        RETURN QUERY SELECT * FROM retail.stockout_rows_planned(
            cells, statuses, wanted_store, get_stockout_risk.lookback_days, get_stockout_risk.horizon_days, latest_day
        );
    END IF;
END
$$;

ALTER FUNCTION api.get_stockout_risk(lookback_days api.lookback_days, horizon_days api.horizon_days, store_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_stockout_risk(lookback_days api.lookback_days, horizon_days api.horizon_days, store_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_stockout_risk(lookback_days api.lookback_days, horizon_days api.horizon_days, store_name api.name_text, include_statuses api.order_status[]) IS 'Products that sell and will run out within the horizon at their recent sales velocity (or already have).

Velocity is average units per day over lookback_days up to as_of, the latest order date you can see. Sales count
orders of the statuses in include_statuses (default: completed only).
@param lookback_days Days of sales to measure velocity over, 7 to 730 (default 90).
@param horizon_days Days ahead to look, 1 to 365 (default 30).
@param store_name Optional store; default: every store you can see.
@param include_statuses Order statuses whose units count as sold (default ["completed"]).
@column store The store holding the stock.
@column sku The product''s SKU.
@column product The product''s name.
@column stock_level Units on hand.
@column daily_velocity Average units sold per day over the lookback.
@column days_until_stockout stock_level / daily_velocity.
@column status out of stock, or at risk (runs out within the horizon).
@column as_of The latest order date you can see: the data''s today.
@column counted_statuses The order statuses counted as sales.
@cache 60';

--
-- Name: get_store_performance(date, date, api.name_text, api.order_status[], api.comparison); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_store_performance(period_start date, period_end date, store_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[], compare_with api.comparison DEFAULT 'previous_period'::api.comparison) RETURNS TABLE(store character varying, revenue numeric, orders bigint, units bigint, customers bigint, average_order_value numeric, discount numeric, gross_margin numeric, gross_margin_percent numeric, previous_period_revenue numeric, revenue_growth_percent numeric, compare_start date, compare_end date, calendar_days integer, days_counted integer, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    previous_start date;
    previous_end date;
    statuses text [];
    cells retail.period_cells;
    data_end date;
BEGIN
    -- The arguments, checked once and before anything is computed from them (the comparison period is date
    -- arithmetic, which an unchecked period can push out of range).
    PERFORM retail.check_period(get_store_performance.period_start, get_store_performance.period_end);
    wanted_store := retail.store_filter(get_store_performance.store_name);
    statuses := retail.counted_statuses(get_store_performance.include_statuses);
    -- The period's cells as one value, which the (custom) plan sees: read through a join with the helpers, the
    -- planner guessed a handful of rollup rows where there were 87,000 and sorted them on disk.
    cells := retail.period_cells(get_store_performance.period_start, get_store_performance.period_end);
    IF get_store_performance.compare_with = 'same_period_last_year' THEN
        previous_start := (get_store_performance.period_start::timestamp - interval '1 year')::date;
        IF extract(DAY FROM get_store_performance.period_end + 1) = 1 THEN
            -- A month's last day: that month's last day a year earlier (2025-02-28 with 2024-02-29).
            previous_end := ((get_store_performance.period_end + 1)::timestamp - interval '1 year')::date - 1;
        ELSE
            previous_end := (get_store_performance.period_end::timestamp - interval '1 year')::date;
        END IF;
    ELSE
        previous_start := retail.previous_period_start(
            get_store_performance.period_start, get_store_performance.period_end
        );
        previous_end := get_store_performance.period_start - 1;
    END IF;
    -- Where the caller's data stops (or the store's, with store_name): days after it are not counted.
    data_end := retail.last_order_date(wanted_store);
    RETURN QUERY
    WITH this_period AS (
        SELECT r.store_id, retail.money(sum(r.revenue_cents)) AS revenue, sum(r.orders) AS orders,
               sum(r.units) AS units, retail.money(sum(r.revenue_cents - r.cost_cents)) AS margin,
               retail.money(sum(r.discount_cents)) AS discount
        FROM retail.sales_store_day AS r
        WHERE r.order_date BETWEEN get_store_performance.period_start AND get_store_performance.period_end
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        GROUP BY r.store_id
    ),
    previous_period AS (
        SELECT r.store_id, retail.money(sum(r.revenue_cents)) AS revenue
        FROM retail.sales_store_day AS r
        WHERE r.order_date BETWEEN previous_start AND previous_end
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        GROUP BY r.store_id
    ),
    -- Customers do not add up over days: counted from the buyer bitmaps (retail.buyer_counts).
    buyers AS (
        SELECT b.store_id, b.customers
        FROM retail.buyer_counts(cells, statuses, wanted_store) AS b
    )
    SELECT
        s.store_name,
        coalesce(t.revenue, 0),
        coalesce(t.orders, 0)::bigint,
        coalesce(t.units, 0)::bigint,
        coalesce(b.customers, 0),
        round(t.revenue / nullif(t.orders, 0), 2),
        coalesce(t.discount, 0),
        round(coalesce(t.margin, 0), 2),
        round(100 * t.margin / nullif(t.revenue, 0), 2),
        coalesce(p.revenue, 0),
        round(100 * (coalesce(t.revenue, 0) - p.revenue) / nullif(p.revenue, 0), 2),
        previous_start,
        previous_end,
        get_store_performance.period_end - get_store_performance.period_start + 1,
        retail.days_with_data(get_store_performance.period_start, get_store_performance.period_end, data_end),
        array_to_string(statuses, ', ')
    FROM retail.stores AS s
    LEFT JOIN this_period AS t ON t.store_id = s.store_id
    LEFT JOIN previous_period AS p ON p.store_id = s.store_id
    LEFT JOIN buyers AS b ON b.store_id = s.store_id
    WHERE wanted_store IS NULL OR s.store_id = wanted_store
    ORDER BY 2 DESC, 1;
END
$$;

ALTER FUNCTION api.get_store_performance(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[], compare_with api.comparison) OWNER TO zava_owner;

--
-- Name: FUNCTION get_store_performance(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[], compare_with api.comparison); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_store_performance(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[], compare_with api.comparison) IS 'Headline figures per store for a period: revenue, orders, units, customers, average order value, discount, gross
margin, and growth against a comparison period: by default the previous period (the same months before for whole
months, e.g. Q3 against Q2 or a year against the year before; otherwise the same number of days before), or with
compare_with same_period_last_year the same dates a year earlier (year to date against the same months of last
year). compare_start and compare_end say which dates were compared. A period past the last day of the data (the
current month or quarter) is set against a whole one: days_counted less than calendar_days says so; then say it,
or end the period on the data''s last day.

Counts orders of the statuses in include_statuses (default: completed only); every measure is defined in
get_measure_glossary. One row per store you can see (or just store_name), also with no sales.
@param period_start First day of the period (inclusive), e.g. 2025-07-01.
@param period_end Last day of the period (inclusive), e.g. 2025-09-30.
@param store_name Optional store, e.g. ''Zava Retail Seattle'' or ''Seattle''; default: every store you can see.
@param include_statuses Order statuses to count (default ["completed"]), e.g. ["completed", "refunded"].
@param compare_with previous_period (default) or same_period_last_year.
@column store The store.
@column revenue Sum of line totals after discounts.
@column orders Orders with a line counted.
@column units Units sold.
@column customers Distinct customers of those orders.
@column average_order_value revenue / orders.
@column discount Discounts given on those lines.
@column gross_margin revenue minus cost at the product''s cost.
@column gross_margin_percent 100 x gross_margin / revenue.
@column previous_period_revenue Revenue of the comparison period, compare_start to compare_end (same statuses).
@column revenue_growth_percent Change against the comparison period, in percent.
@column compare_start First day of the comparison period.
@column compare_end Last day of the comparison period.
@column calendar_days Days from period_start to period_end.
@column days_counted Of those, the days not after the last order date you can see (your stores'', or store_name''s).
@column counted_statuses The order statuses counted, e.g. ''completed''.
@cache 300';

--
-- Name: get_top_customers(date, date, api.top_n, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_top_customers(period_start date, period_end date, top_n api.top_n DEFAULT 10, store_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(rank bigint, customer character varying, primary_store character varying, email text, orders bigint, revenue numeric, customer_since date, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
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

ALTER FUNCTION api.get_top_customers(period_start date, period_end date, top_n api.top_n, store_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_top_customers(period_start date, period_end date, top_n api.top_n, store_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_top_customers(period_start date, period_end date, top_n api.top_n, store_name api.name_text, include_statuses api.order_status[]) IS 'The customers who spent most in a period (at store_name, or at every store you can see), with their primary
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

--
-- Name: get_top_products(date, date, api.rank_metric, api.top_n, api.name_text, api.name_text, api.order_status[]); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.get_top_products(period_start date, period_end date, rank_by api.rank_metric DEFAULT 'revenue'::api.rank_metric, top_n api.top_n DEFAULT 10, store_name api.name_text DEFAULT NULL::text, category_name api.name_text DEFAULT NULL::text, include_statuses api.order_status[] DEFAULT '{completed}'::api.order_status[]) RETURNS TABLE(rank bigint, sku character varying, product character varying, category character varying, units bigint, revenue numeric, orders bigint, counted_statuses text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
DECLARE
    wanted_store uuid;
    wanted_category uuid;
    statuses text [];
    cells retail.period_cells;
BEGIN
    -- The arguments, checked once (top_n's range is its domain's).
    PERFORM retail.check_period(get_top_products.period_start, get_top_products.period_end);
    wanted_store := retail.store_filter(get_top_products.store_name);
    wanted_category := retail.category_filter(get_top_products.category_name);
    statuses := retail.counted_statuses(get_top_products.include_statuses);
    cells := retail.period_cells(get_top_products.period_start, get_top_products.period_end);
    -- Up to a year of whole months: the ranking's plan kept per connection; partial months or longer periods:
    -- planned for this call (above).
    IF cardinality((cells).days) = 0 AND cardinality((cells).months) <= 12 THEN
        RETURN QUERY SELECT * FROM retail.ranked_products(
            cells, statuses, wanted_store, wanted_category, get_top_products.rank_by, get_top_products.top_n
        );
    ELSE
        RETURN QUERY SELECT * FROM retail.ranked_products_planned(
            cells, statuses, wanted_store, wanted_category, get_top_products.rank_by, get_top_products.top_n
        );
    END IF;
END
$$;

ALTER FUNCTION api.get_top_products(period_start date, period_end date, rank_by api.rank_metric, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION get_top_products(period_start date, period_end date, rank_by api.rank_metric, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.get_top_products(period_start date, period_end date, rank_by api.rank_metric, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) IS 'The best-selling products of a period, by revenue or by units sold.

Counts orders of the statuses in include_statuses (default: completed only); measures as in
get_measure_glossary. Ties rank by revenue.
@param period_start First day (inclusive).
@param period_end Last day (inclusive).
@param rank_by revenue (default) or quantity.
@param top_n How many products, 1 to 100 (default 10).
@param store_name Optional store; default: every store you can see.
@param category_name Optional category to rank within.
@param include_statuses Order statuses to count (default ["completed"]).
@column rank 1 for the best seller.
@column sku The product''s SKU.
@column product The product''s name.
@column category Its category.
@column units Units sold.
@column revenue Sum of line totals after discounts.
@column orders Orders containing it.
@column counted_statuses The order statuses counted.
@cache 300';

--
-- Name: semantic_search_products(extensions.vector, api.search_max_rows, api.similarity, api.embedding_source); Type: FUNCTION; Schema: api; Owner: zava_owner
--

CREATE FUNCTION api.semantic_search_products(query_description extensions.vector, max_rows api.search_max_rows DEFAULT 10, similarity_threshold api.similarity DEFAULT NULL::double precision, query_text api.embedding_source DEFAULT NULL::text) RETURNS TABLE(sku character varying, product character varying, category character varying, product_type character varying, price numeric, relevance numeric, similarity numeric, stock_in_your_stores bigint, description text)
    LANGUAGE plpgsql STABLE
    AS $$
#variable_conflict use_column
BEGIN
    IF query_text IS NULL THEN
        RETURN QUERY
        SELECT
            p.sku, s.name, s.category, s.product_type, s.price, round(s.similarity_score::numeric, 3),
            round(s.similarity_score::numeric, 3),
            (SELECT sum(i.stock_level) FROM retail.inventory AS i WHERE i.product_id = s.product_id),
            s.description
        FROM retail.search_products_by_description(
            query_description,
            coalesce(similarity_threshold, 0.80),
            max_rows
        ) AS s
        INNER JOIN retail.products AS p ON s.product_id = p.product_id
        ORDER BY s.similarity_score DESC, p.sku;
        RETURN;
    END IF;
    RETURN QUERY
    SELECT
        p.sku, p.product_name, c.category_name, t.type_name, p.base_price, round(h.score::numeric, 3),
        round(h.similarity::numeric, 3),
        (SELECT sum(i.stock_level) FROM retail.inventory AS i WHERE i.product_id = h.product_id),
        p.product_description
    FROM retail.search_products_hybrid(query_text, query_description, max_rows) AS h
    INNER JOIN retail.products AS p ON h.product_id = p.product_id
    INNER JOIN retail.categories AS c ON p.category_id = c.category_id
    INNER JOIN retail.product_types AS t ON p.type_id = t.type_id
    WHERE similarity_threshold IS NULL OR h.similarity >= similarity_threshold
    ORDER BY h.score DESC, p.sku;
END
$$;

ALTER FUNCTION api.semantic_search_products(query_description extensions.vector, max_rows api.search_max_rows, similarity_threshold api.similarity, query_text api.embedding_source) OWNER TO zava_owner;

--
-- Name: FUNCTION semantic_search_products(query_description extensions.vector, max_rows api.search_max_rows, similarity_threshold api.similarity, query_text api.embedding_source); Type: COMMENT; Schema: api; Owner: zava_owner
--

COMMENT ON FUNCTION api.semantic_search_products(query_description extensions.vector, max_rows api.search_max_rows, similarity_threshold api.similarity, query_text api.embedding_source) IS 'Find products by meaning: describe what you need in plain words, in any language ("something to fix a leaking
pipe", "무선 드릴", "מקדחה אלחוטית", even with typos) and get the closest products, best first.

relevance ranks the rows: the meaning of your words (similarity, the cosine of the embeddings) plus how well they
match product names, types and translations, word by word. Rows below a calibrated relevance are left out: no rows
means nothing matched well enough, but a query the catalog cannot answer may still get weakly related rows, whose
relevance stays close to their similarity. stock_in_your_stores is the stock on hand in the stores you can see (a
store manager: their own store).
@param query_description What you are looking for, in words (1 to 2,000 characters).
@param max_rows How many products at most, 1 to 40 (default 10).
@param similarity_threshold Optional: also require at least this similarity, 0 to 1 (by default the relevance
    floor alone decides).';

--
-- Name: call_tool(text, text, text, text, text[], boolean); Type: FUNCTION; Schema: auth; Owner: zava_owner
--

CREATE FUNCTION auth.call_tool(identity_setting text, identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) RETURNS TABLE(rows_json text, compact_json text, row_count bigint)
    LANGUAGE plpgsql
    AS $$
BEGIN
    RETURN QUERY
    SELECT c.rows_json, c.compact_json, c.row_count
    FROM mcp.call_tool(identity, request_role, call_statement, call_arguments, read_only) AS c;
END
$$;

ALTER FUNCTION auth.call_tool(identity_setting text, identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) OWNER TO zava_owner;

--
-- Name: FUNCTION call_tool(identity_setting text, identity text, request_role text, call_statement text, call_arguments text[], read_only boolean); Type: COMMENT; Schema: auth; Owner: zava_owner
--

COMMENT ON FUNCTION auth.call_tool(identity_setting text, identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) IS 'Deprecated (the previous release''s dispatcher): runs the call through mcp.call_tool; the setting name is ignored.';

--
-- Name: request_role(text); Type: FUNCTION; Schema: auth; Owner: zava_owner
--

CREATE FUNCTION auth.request_role(identity text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    who uuid := retail.parse_uuid(identity);
    level text;
    stores uuid[];
    ignored text;
BEGIN
    -- PL/pgSQL, whose statements keep their plans: as one SQL statement this cost ~120 µs a call, this ~40.
    SELECT
        (SELECT m.access_level FROM retail.managers AS m WHERE m.rls_user_id = who),
        (
            SELECT coalesce(array_agg(ms.store_id ORDER BY ms.store_id), '{}')
            FROM retail.manager_stores AS ms
            WHERE ms.rls_user_id = who
        )
    INTO level, stores;
    ignored := set_config('retail.scope_stores', stores::text, true);
    ignored := set_config(
        'retail.scope_store',
        CASE WHEN level = 'store_manager' AND cardinality(stores) = 1 THEN stores[1]::text ELSE '' END,
        true
    );
    ignored := set_config('retail.scope_for', retail.scope_key(identity), true);
    RETURN CASE level
        WHEN 'store_manager' THEN 'zava_store_manager'
        WHEN 'regional_manager' THEN 'zava_regional_manager'
        WHEN 'head_office' THEN 'zava_head_office'
    END;
END
$$;

ALTER FUNCTION auth.request_role(identity text) OWNER TO zava_owner;

--
-- Name: FUNCTION request_role(identity text); Type: COMMENT; Schema: auth; Owner: zava_owner
--

COMMENT ON FUNCTION auth.request_role(identity text) IS 'The database role a request with this identity runs as; NULL for an unknown or malformed identity. Keeps the
identity''s scope for the transaction (settings retail.scope_*).';

--
-- Name: fold_sales_changes(); Type: FUNCTION; Schema: jobs; Owner: zava_rollup_writer
--

CREATE FUNCTION jobs.fold_sales_changes() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    folded bigint;
    customer_cells retail.customer_cell[];
BEGIN
    -- Key: "FOLD" in the high 32 bits.
    IF NOT pg_catalog.pg_try_advisory_xact_lock(1179602000::bigint << 32) THEN
        RETURN 0;
    END IF;
    WITH taken AS (
        DELETE FROM retail.sales_changes RETURNING *
    ),
    first_orders AS (
        SELECT DISTINCT ON (t.order_id, t.store_id) t.*
        FROM taken AS t WHERE t.subject = 'order'
        ORDER BY t.order_id, t.store_id, t.change_id
    ),
    first_lines AS (
        SELECT DISTINCT ON (t.order_item_id, t.store_id) t.*
        FROM taken AS t WHERE t.subject = 'line'
        ORDER BY t.order_item_id, t.store_id, t.change_id
    ),
    first_products AS (
        SELECT DISTINCT ON (t.product_id) t.*
        FROM taken AS t WHERE t.subject = 'product'
        ORDER BY t.product_id, t.change_id
    ),
    -- The orders a change touched: logged orders and lines (as they were), the orders lines moved to, and the
    -- orders with a line of a changed product.
    changed AS (
        SELECT t.order_id FROM taken AS t WHERE t.subject IN ('order', 'line')
        UNION
        SELECT oi.order_id FROM first_lines AS f
        INNER JOIN retail.order_items AS oi ON oi.order_item_id = f.order_item_id AND oi.store_id = f.store_id
        UNION
        SELECT oi.order_id FROM first_products AS f
        INNER JOIN retail.order_items AS oi ON oi.product_id = f.product_id
    ),
    after_orders AS (
        SELECT o.order_id, o.store_id, o.order_date, o.status::text AS status, o.created_at, o.customer_id
        FROM retail.orders AS o
        WHERE o.order_id IN (SELECT c.order_id FROM changed AS c)
    ),
    before_orders AS (
        SELECT a.* FROM after_orders AS a
        WHERE NOT EXISTS (SELECT FROM first_orders AS f WHERE f.order_id = a.order_id AND f.store_id = a.store_id)
        UNION ALL
        SELECT f.order_id, f.store_id, f.order_date, f.status, f.created_at, f.customer_id FROM first_orders AS f
    ),
    after_lines AS (
        SELECT oi.order_item_id, oi.order_id, oi.store_id, oi.product_id, oi.quantity, oi.total_amount,
               oi.discount_amount
        FROM retail.order_items AS oi
        WHERE oi.order_id IN (SELECT c.order_id FROM changed AS c)
    ),
    before_lines AS (
        SELECT a.* FROM after_lines AS a
        WHERE NOT EXISTS (
            SELECT FROM first_lines AS f WHERE f.order_item_id = a.order_item_id AND f.store_id = a.store_id
        )
        UNION ALL
        SELECT f.order_item_id, f.order_id, f.store_id, f.product_id, f.quantity, f.total_amount, f.discount_amount
        FROM first_lines AS f WHERE NOT f.was_absent
    ),
    -- A line's product as it was (first_products) on the before side, as it is on the other.
    signed AS (
        SELECT 1 AS sign, ao.*, al.product_id, al.quantity, al.total_amount, al.discount_amount, p.category_id,
               p.type_id, p.cost
        FROM after_orders AS ao
        INNER JOIN after_lines AS al ON al.order_id = ao.order_id AND al.store_id = ao.store_id
        INNER JOIN retail.products AS p ON p.product_id = al.product_id
        UNION ALL
        SELECT -1, bo.*, bl.product_id, bl.quantity, bl.total_amount, bl.discount_amount,
               coalesce(fp.category_id, p.category_id), coalesce(fp.type_id, p.type_id), coalesce(fp.cost, p.cost)
        FROM before_orders AS bo
        INNER JOIN before_lines AS bl ON bl.order_id = bo.order_id AND bl.store_id = bo.store_id
        INNER JOIN retail.products AS p ON p.product_id = bl.product_id
        LEFT JOIN first_products AS fp ON fp.product_id = bl.product_id
    ),
    -- Money in cents.
    facts AS (
        SELECT s.sign, s.order_id, s.store_id, s.order_date, date_trunc('month', s.order_date)::date AS month,
               date_trunc('week', s.order_date)::date AS week,
               date_trunc('quarter', s.order_date)::date AS quarter, date_trunc('year', s.order_date)::date AS year,
               s.status, extract(HOUR FROM s.created_at AT TIME ZONE retail.business_time_zone())::smallint AS hour,
               s.customer_id, s.product_id,
               s.category_id, s.type_id, s.quantity, (s.total_amount * 100)::bigint AS revenue,
               (s.cost * s.quantity * 100)::bigint AS cost, (s.discount_amount * 100)::bigint AS discount
        FROM signed AS s
    ),
    -- Each rollup's part (sql/macros/rollups.sql): per order and cell first, then per cell, then upserted.
    sales_store_day_delta AS (
        SELECT order_date, store_id, status, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.order_date, f.store_id, f.status, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6) AS per_order
        GROUP BY 1, 2, 3
    ),
    sales_store_day_emptied AS (
        DELETE FROM retail.sales_store_day AS t
        USING sales_store_day_delta AS d
        WHERE (t.order_date, t.store_id, t.status) = (d.order_date, d.store_id, d.status)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.order_date, t.store_id, t.status
    ),
    sales_store_day_folded AS (
        INSERT INTO retail.sales_store_day AS t
        SELECT * FROM sales_store_day_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_store_day_emptied AS e
              WHERE (e.order_date, e.store_id, e.status) = (d.order_date, d.store_id, d.status)
          )
        ON CONFLICT (order_date, store_id, status) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_category_day_delta AS (
        SELECT order_date, store_id, status, category_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.order_date, f.store_id, f.status, f.category_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6, 7) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    sales_category_day_emptied AS (
        DELETE FROM retail.sales_category_day AS t
        USING sales_category_day_delta AS d
        WHERE (t.order_date, t.store_id, t.status, t.category_id) = (d.order_date, d.store_id, d.status, d.category_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.order_date, t.store_id, t.status, t.category_id
    ),
    sales_category_day_folded AS (
        INSERT INTO retail.sales_category_day AS t
        SELECT * FROM sales_category_day_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_category_day_emptied AS e
              WHERE (e.order_date, e.store_id, e.status, e.category_id) = (d.order_date, d.store_id, d.status, d.category_id)
          )
        ON CONFLICT (order_date, store_id, status, category_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_type_month_delta AS (
        SELECT month, store_id, status, type_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.month, f.store_id, f.status, f.type_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6, 7) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    sales_type_month_emptied AS (
        DELETE FROM retail.sales_type_month AS t
        USING sales_type_month_delta AS d
        WHERE (t.month, t.store_id, t.status, t.type_id) = (d.month, d.store_id, d.status, d.type_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.month, t.store_id, t.status, t.type_id
    ),
    sales_type_month_folded AS (
        INSERT INTO retail.sales_type_month AS t
        SELECT * FROM sales_type_month_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_type_month_emptied AS e
              WHERE (e.month, e.store_id, e.status, e.type_id) = (d.month, d.store_id, d.status, d.type_id)
          )
        ON CONFLICT (month, store_id, status, type_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_product_month_delta AS (
        SELECT month, store_id, status, product_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.month, f.store_id, f.status, f.product_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6, 7) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    sales_product_month_emptied AS (
        DELETE FROM retail.sales_product_month AS t
        USING sales_product_month_delta AS d
        WHERE (t.month, t.store_id, t.status, t.product_id) = (d.month, d.store_id, d.status, d.product_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.month, t.store_id, t.status, t.product_id
    ),
    sales_product_month_folded AS (
        INSERT INTO retail.sales_product_month AS t
        SELECT * FROM sales_product_month_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_product_month_emptied AS e
              WHERE (e.month, e.store_id, e.status, e.product_id) = (d.month, d.store_id, d.status, d.product_id)
          )
        ON CONFLICT (month, store_id, status, product_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_hour_month_delta AS (
        SELECT month, store_id, status, hour, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.month, f.store_id, f.status, f.hour, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6, 7) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    sales_hour_month_emptied AS (
        DELETE FROM retail.sales_hour_month AS t
        USING sales_hour_month_delta AS d
        WHERE (t.month, t.store_id, t.status, t.hour) = (d.month, d.store_id, d.status, d.hour)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.month, t.store_id, t.status, t.hour
    ),
    sales_hour_month_folded AS (
        INSERT INTO retail.sales_hour_month AS t
        SELECT * FROM sales_hour_month_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_hour_month_emptied AS e
              WHERE (e.month, e.store_id, e.status, e.hour) = (d.month, d.store_id, d.status, d.hour)
          )
        ON CONFLICT (month, store_id, status, hour) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_customer_month_delta AS (
        SELECT month, store_id, status, customer_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.month, f.store_id, f.status, f.customer_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6, 7) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    sales_customer_month_emptied AS (
        DELETE FROM retail.sales_customer_month AS t
        USING sales_customer_month_delta AS d
        WHERE (t.month, t.store_id, t.status, t.customer_id) = (d.month, d.store_id, d.status, d.customer_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.month, t.store_id, t.status, t.customer_id
    ),
    sales_customer_month_folded AS (
        INSERT INTO retail.sales_customer_month AS t
        SELECT * FROM sales_customer_month_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_customer_month_emptied AS e
              WHERE (e.month, e.store_id, e.status, e.customer_id) = (d.month, d.store_id, d.status, d.customer_id)
          )
        ON CONFLICT (month, store_id, status, customer_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_product_week_delta AS (
        SELECT week, store_id, status, product_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.week, f.store_id, f.status, f.product_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6, 7) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    sales_product_week_emptied AS (
        DELETE FROM retail.sales_product_week AS t
        USING sales_product_week_delta AS d
        WHERE (t.week, t.store_id, t.status, t.product_id) = (d.week, d.store_id, d.status, d.product_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.week, t.store_id, t.status, t.product_id
    ),
    sales_product_week_folded AS (
        INSERT INTO retail.sales_product_week AS t
        SELECT * FROM sales_product_week_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_product_week_emptied AS e
              WHERE (e.week, e.store_id, e.status, e.product_id) = (d.week, d.store_id, d.status, d.product_id)
          )
        ON CONFLICT (week, store_id, status, product_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_product_quarter_delta AS (
        SELECT quarter, store_id, status, product_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.quarter, f.store_id, f.status, f.product_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6, 7) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    sales_product_quarter_emptied AS (
        DELETE FROM retail.sales_product_quarter AS t
        USING sales_product_quarter_delta AS d
        WHERE (t.quarter, t.store_id, t.status, t.product_id) = (d.quarter, d.store_id, d.status, d.product_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.quarter, t.store_id, t.status, t.product_id
    ),
    sales_product_quarter_folded AS (
        INSERT INTO retail.sales_product_quarter AS t
        SELECT * FROM sales_product_quarter_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_product_quarter_emptied AS e
              WHERE (e.quarter, e.store_id, e.status, e.product_id) = (d.quarter, d.store_id, d.status, d.product_id)
          )
        ON CONFLICT (quarter, store_id, status, product_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_product_year_delta AS (
        SELECT year, store_id, status, product_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.year, f.store_id, f.status, f.product_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5, 6, 7) AS per_order
        GROUP BY 1, 2, 3, 4
    ),
    sales_product_year_emptied AS (
        DELETE FROM retail.sales_product_year AS t
        USING sales_product_year_delta AS d
        WHERE (t.year, t.store_id, t.status, t.product_id) = (d.year, d.store_id, d.status, d.product_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.year, t.store_id, t.status, t.product_id
    ),
    sales_product_year_folded AS (
        INSERT INTO retail.sales_product_year AS t
        SELECT * FROM sales_product_year_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_product_year_emptied AS e
              WHERE (e.year, e.store_id, e.status, e.product_id) = (d.year, d.store_id, d.status, d.product_id)
          )
        ON CONFLICT (year, store_id, status, product_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_customer_store_total_delta AS (
        SELECT store_id, customer_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.store_id, f.customer_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4, 5) AS per_order
        GROUP BY 1, 2
    ),
    sales_customer_store_total_emptied AS (
        DELETE FROM retail.sales_customer_store_total AS t
        USING sales_customer_store_total_delta AS d
        WHERE (t.store_id, t.customer_id) = (d.store_id, d.customer_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.store_id, t.customer_id
    ),
    sales_customer_store_total_folded AS (
        INSERT INTO retail.sales_customer_store_total AS t
        SELECT * FROM sales_customer_store_total_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_customer_store_total_emptied AS e
              WHERE (e.store_id, e.customer_id) = (d.store_id, d.customer_id)
          )
        ON CONFLICT (store_id, customer_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    ),
    sales_customer_total_delta AS (
        SELECT customer_id, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT f.customer_id, f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY 1, 2, 3, 4) AS per_order
        GROUP BY 1
    ),
    sales_customer_total_emptied AS (
        DELETE FROM retail.sales_customer_total AS t
        USING sales_customer_total_delta AS d
        WHERE (t.customer_id) = (d.customer_id)
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING t.customer_id
    ),
    sales_customer_total_folded AS (
        INSERT INTO retail.sales_customer_total AS t
        SELECT * FROM sales_customer_total_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM sales_customer_total_emptied AS e
              WHERE (e.customer_id) = (d.customer_id)
          )
        ON CONFLICT (customer_id) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    )
    SELECT
        (SELECT count(*) FROM taken),
        ARRAY(
            SELECT ROW(d.store_id, d.status, d.customer_id, d.month, d.orders, d.revenue)::retail.customer_cell
            FROM sales_customer_month_delta AS d
        )
    INTO folded, customer_cells;
    -- The customer cohorts and repeat buyers, moved by what it changed in the customer cells (sql/functions/0157).
    PERFORM retail.refresh_customer_cohorts(customer_cells);
    RETURN folded;
END
$$;

ALTER FUNCTION jobs.fold_sales_changes() OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION fold_sales_changes(); Type: COMMENT; Schema: jobs; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION jobs.fold_sales_changes() IS 'Moves the orders changed since the last fold, in the sales rollups, from what they were to what they are.
@every 1';

--
-- Name: base_type(oid); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.base_type(type_oid oid) RETURNS oid
    LANGUAGE sql STABLE
    AS $$
    WITH RECURSIVE chain AS (
        SELECT t.oid, t.typtype, t.typbasetype FROM pg_catalog.pg_type AS t WHERE t.oid = type_oid
        UNION ALL
        SELECT b.oid, b.typtype, b.typbasetype
        FROM chain AS c INNER JOIN pg_catalog.pg_type AS b ON b.oid = c.typbasetype
        WHERE c.typtype = 'd'
    )
    SELECT c.oid FROM chain AS c WHERE c.typtype <> 'd'
$$;

ALTER FUNCTION mcp.base_type(type_oid oid) OWNER TO postgres;

--
-- Name: FUNCTION base_type(type_oid oid); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.base_type(type_oid oid) IS 'The type a domain (or a domain over a domain) is made of; any other type itself.';

--
-- Name: base_type_name(oid); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.base_type_name(type_oid oid) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    SELECT t.typname::text FROM pg_catalog.pg_type AS t WHERE t.oid = mcp.base_type(type_oid)
$$;

ALTER FUNCTION mcp.base_type_name(type_oid oid) OWNER TO postgres;

--
-- Name: FUNCTION base_type_name(type_oid oid); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.base_type_name(type_oid oid) IS 'pg_type.typname of mcp.base_type.';

--
-- Name: call_tool(text, text, text, text[], boolean); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.call_tool(identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) RETURNS TABLE(rows_json text, compact_json text, row_count bigint)
    LANGUAGE plpgsql
    AS $$
DECLARE
    statement_name text;
    ignored text;
BEGIN
    IF request_role IS NULL THEN
        RAISE EXCEPTION 'the identity is not recognised'
            USING ERRCODE = 'invalid_authorization_specification',
            HINT = 'use an identity the database maps to a role';
    END IF;
    -- Assignments, not PERFORM: PL/pgSQL evaluates a simple expression without starting an executor (about 10 µs
    -- of the call's CPU, measured with pgbench).
    IF read_only THEN
        -- Before the role switch: request roles may not call set_config.
        ignored := pg_catalog.set_config('transaction_read_only', 'on', true);
    END IF;
    ignored := pg_catalog.set_config('mcp.identity', identity, true);
    ignored := pg_catalog.set_config('role', request_role, true);
    -- The call statement is prepared once per session under a name derived from its text, so its plan is cached
    -- like a static statement's instead of being planned on every call (EXECUTE ... USING plans each time). A
    -- cached plan is still planned for the request role: PostgreSQL re-plans a statement under row-level security
    -- when the role that runs it changes. The arguments travel as one quoted text[] literal (%L), never as SQL.
    statement_name := 'mcp_call_' || pg_catalog.md5(call_statement);
    -- Executed first and prepared only when missing: looking it up in pg_prepared_statements on every call copied
    -- the session's every prepared statement (text and all) first, ~20 µs with the 25 tools prepared; the block's
    -- subtransaction costs a few.
    BEGIN
        RETURN QUERY EXECUTE pg_catalog.format('EXECUTE %I(%L)', statement_name, call_arguments);
    EXCEPTION WHEN invalid_sql_statement_name OR syntax_error THEN
        -- A missing statement raises 42601 here ("EXECUTE query does not return tuples": RETURN QUERY asks the
        -- statement's result shape first). Only when it is this statement that is missing: otherwise the error
        -- is the tool's own.
        IF EXISTS (SELECT FROM pg_catalog.pg_prepared_statements AS p WHERE p.name = statement_name) THEN
            RAISE;
        END IF;
        EXECUTE pg_catalog.format('PREPARE %I(pg_catalog.text[]) AS %s', statement_name, call_statement);
        RETURN QUERY EXECUTE pg_catalog.format('EXECUTE %I(%L)', statement_name, call_arguments);
    END;
    -- Whatever session state the tool set (SET, LISTEN) must not reach the next caller of this connection.
    RESET ALL;
    UNLISTEN *;
END
$$;

ALTER FUNCTION mcp.call_tool(identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) OWNER TO postgres;

--
-- Name: FUNCTION call_tool(identity text, request_role text, call_statement text, call_arguments text[], read_only boolean); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.call_tool(identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) IS 'Runs one tool call as the request role of an identity (in the setting mcp.identity), transaction-locally, in the
caller''s single statement.';

--
-- Name: comment_docs(text); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.comment_docs(comment_text text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    AS $_$
DECLARE
    line text;
    found text [];
    current_key text;
    description text [] := '{}';
    docs jsonb := '{}';
    read_only boolean := false;
    cache_ttl_s integer;
BEGIN
    FOREACH line IN ARRAY pg_catalog.regexp_split_to_array(coalesce(comment_text, ''), '\r\n|[\n\r]') LOOP
        IF btrim(line, E' \t') = '@readonly' THEN
            read_only := true;
            current_key := NULL;
            CONTINUE;
        END IF;
        found := pg_catalog.regexp_match(line, '^\s*@cache(?:\s+(\d+))?\s*$');
        IF found IS NOT NULL THEN
            cache_ttl_s := coalesce(found[1]::integer, 300);
            current_key := NULL;
            CONTINUE;
        END IF;
        found := pg_catalog.regexp_match(line, '^\s*@(param|column)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(.*)$');
        IF found IS NOT NULL THEN
            current_key := CASE found[1] WHEN 'param' THEN found[2] ELSE '@column ' || found[2] END;
            docs := docs || pg_catalog.jsonb_build_object(current_key, btrim(found[3], E' \t'));
        ELSIF current_key IS NOT NULL AND line ~ '^[ \t]' AND btrim(line, E' \t') <> '' THEN
            docs := pg_catalog.jsonb_set(
                docs, ARRAY[current_key], to_jsonb((docs ->> current_key) || ' ' || btrim(line, E' \t'))
            );
        ELSE
            current_key := NULL;
            description := description || line;
        END IF;
    END LOOP;
    RETURN pg_catalog.jsonb_build_object(
        'description', btrim(array_to_string(description, E'\n'), E' \t\n'),
        'docs', docs,
        'read_only', read_only,
        'cache_ttl_s', cache_ttl_s
    );
END
$_$;

ALTER FUNCTION mcp.comment_docs(comment_text text) OWNER TO postgres;

--
-- Name: FUNCTION comment_docs(comment_text text); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.comment_docs(comment_text text) IS 'A function''s COMMENT as {description, docs, read_only, cache_ttl_s}: the @param/@column/@readonly/@cache convention.';

--
-- Name: declared_input_schema(oid, boolean); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.declared_input_schema(type_oid oid, embed_vectors boolean) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    t pg_catalog.pg_type;
    declared jsonb;
    checks jsonb;
    shortest integer;
BEGIN
    SELECT * INTO t FROM pg_catalog.pg_type WHERE oid = type_oid;
    IF t.typtype = 'd' THEN
        declared := mcp.declared_input_schema(t.typbasetype, embed_vectors);
        checks := mcp.domain_check_schema(ARRAY(
            SELECT pg_catalog.pg_get_constraintdef(c.oid) FROM pg_catalog.pg_constraint AS c
            WHERE c.contypid = type_oid AND c.contype = 'c' ORDER BY c.oid
        ));
        -- The shortest length any layer declares: varchar(n) under the domain, the base's, the CHECK's.
        SELECT min(l.n) INTO shortest FROM (VALUES
            (CASE WHEN mcp.base_type_name(type_oid) IN ('varchar', 'bpchar') AND t.typtypmod >= 4
                THEN t.typtypmod - 4 END),
            ((declared ->> 'maxLength')::integer),
            ((checks ->> 'maxLength')::integer)
        ) AS l (n);
        RETURN declared || checks || CASE WHEN shortest IS NOT NULL
            THEN pg_catalog.jsonb_build_object('maxLength', shortest) ELSE '{}' END;
    ELSIF t.typtype = 'e' THEN
        RETURN pg_catalog.jsonb_build_object('type', 'string', 'enum', (
            SELECT coalesce(pg_catalog.jsonb_agg(e.enumlabel ORDER BY e.enumsortorder), '[]')
            FROM pg_catalog.pg_enum AS e WHERE e.enumtypid = type_oid
        ));
    ELSIF t.typelem <> 0 AND left(t.typname, 1) = '_' THEN
        RETURN pg_catalog.jsonb_build_object('type', 'array', 'items', mcp.input_schema(t.typelem, embed_vectors));
    ELSIF t.typname = 'vector' AND embed_vectors THEN
        RETURN '{"type": "string", "minLength": 1, "maxLength": 2000, "pattern": "\\S",
            "description": "text (at most 2,000 characters); the server turns it into a vector"}'::jsonb;
    ELSIF t.typname = 'vector' THEN
        RETURN '{"type": "array", "items": {"type": "number"}, "maxItems": 16000}'::jsonb;
    END IF;
    RETURN coalesce('{
        "int2": {"type": "integer", "minimum": -32768, "maximum": 32767},
        "int4": {"type": "integer", "minimum": -2147483648, "maximum": 2147483647},
        "int8": {"type": "integer", "minimum": -9223372036854775808, "maximum": 9223372036854775807},
        "numeric": {"type": "number"}, "float4": {"type": "number"}, "float8": {"type": "number"},
        "text": {"type": "string"}, "varchar": {"type": "string"}, "bpchar": {"type": "string"},
        "timestamptz": {"type": "string", "format": "date-time"}, "timestamp": {"type": "string", "format": "date-time"},
        "json": {"type": "object"}, "jsonb": {"type": "object"},
        "uuid": {"type": "string", "format": "uuid"}, "date": {"type": "string", "format": "date"},
        "time": {"type": "string", "format": "time"}, "bool": {"type": "boolean"},
        "name": {"type": "string", "maxLength": 63},
        "interval": {"type": "string", "description": "a PostgreSQL interval, e.g. ''7 days''"}
    }'::jsonb -> t.typname::text, '{"type": "string"}');
END
$$;

ALTER FUNCTION mcp.declared_input_schema(type_oid oid, embed_vectors boolean) OWNER TO postgres;

--
-- Name: FUNCTION declared_input_schema(type_oid oid, embed_vectors boolean); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.declared_input_schema(type_oid oid, embed_vectors boolean) IS 'An argument''s JSON Schema as its type declares it.';

--
-- Name: described(jsonb, text); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.described(value_schema jsonb, doc text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT CASE WHEN coalesce(doc, '') = '' THEN value_schema
        ELSE value_schema || pg_catalog.jsonb_build_object('description', doc) END
$$;

ALTER FUNCTION mcp.described(value_schema jsonb, doc text) OWNER TO postgres;

--
-- Name: FUNCTION described(value_schema jsonb, doc text); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.described(value_schema jsonb, doc text) IS 'A schema with its description from the comment, if any.';

--
-- Name: domain_check_schema(text[]); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.domain_check_schema(checks text[]) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    AS $$
DECLARE
    check_text text;
    found text [];
    result jsonb := '{}';
BEGIN
    FOREACH check_text IN ARRAY coalesce(checks, '{}') LOOP
        CONTINUE WHEN pg_catalog.regexp_replace(check_text, '''(?:[^'']|'''')*''', '''''', 'g') ~ '\mOR\M';
        FOR found IN
            SELECT m.m FROM pg_catalog.regexp_matches(
                check_text, 'VALUE\s*(>=|<=|>|<)\s*\(?''?(-?\d+(?:\.\d+)?)''?', 'g'
            ) AS m (m)
        LOOP
            result := result || pg_catalog.jsonb_build_object(
                CASE found[1] WHEN '>=' THEN 'minimum' WHEN '<=' THEN 'maximum'
                    WHEN '>' THEN 'exclusiveMinimum' ELSE 'exclusiveMaximum' END,
                found[2]::numeric
            );
        END LOOP;
        FOR found IN
            SELECT m.m FROM pg_catalog.regexp_matches(
                check_text,
                '\m(?:char_length|character_length|length)\(\s*\(?VALUE\)?(?:::[a-z ]+)?\s*\)\s*(<=|<|>=|>|=)\s*\(?(\d+)',
                'g'
            ) AS m (m)
        LOOP
            IF found[1] IN ('<=', '<', '=') THEN
                result := result || pg_catalog.jsonb_build_object(
                    'maxLength', found[2]::integer - (found[1] = '<')::integer
                );
            END IF;
            IF found[1] IN ('>=', '>', '=') THEN
                result := result || pg_catalog.jsonb_build_object(
                    'minLength', found[2]::integer + (found[1] = '>')::integer
                );
            END IF;
        END LOOP;
        found := pg_catalog.regexp_match(check_text, 'VALUE\s*~\s*''((?:[^'']|'''')*)''');
        IF found IS NOT NULL THEN
            result := result || pg_catalog.jsonb_build_object('pattern', replace(found[1], '''''', ''''));
        END IF;
        -- VALUE IN (...), as printed for a domain over text (VALUE = ANY (ARRAY[...])) or over varchar, whose
        -- VALUE and list are cast to text ((VALUE)::text = ANY ((ARRAY[...])::text[])).
        found := pg_catalog.regexp_match(
            check_text, '\(?VALUE\)?\s*(?:::[a-z ]+)?=\s*ANY\s*\(\(?ARRAY\[([^]]*)\]'
        );
        IF found IS NOT NULL THEN
            result := result || pg_catalog.jsonb_build_object('enum', (
                SELECT coalesce(pg_catalog.jsonb_agg(replace(l.label[1], '''''', '''') ORDER BY l.n), '[]')
                FROM pg_catalog.regexp_matches(found[1], '''((?:[^'']|'''')*)''', 'g') WITH ORDINALITY AS l (label, n)
            ));
        END IF;
    END LOOP;
    RETURN result;
END
$$;

ALTER FUNCTION mcp.domain_check_schema(checks text[]) OWNER TO postgres;

--
-- Name: FUNCTION domain_check_schema(checks text[]); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.domain_check_schema(checks text[]) IS 'JSON Schema for the simple domain CHECKs (bounds, lengths, a regex, an IN list); a CHECK with OR is left out.';

--
-- Name: input_schema(oid, boolean); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.input_schema(type_oid oid, embed_vectors boolean) RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
    SELECT CASE
        WHEN t.typcategory = 'S' AND d.s ->> 'type' = 'string' AND NOT d.s ? 'maxLength'
            THEN d.s || '{"maxLength": 4096}'
        WHEN d.s ->> 'type' = 'array' AND NOT d.s ? 'maxItems' THEN d.s || '{"maxItems": 1000}'
        ELSE d.s
    END
    FROM pg_catalog.pg_type AS t, LATERAL (SELECT mcp.declared_input_schema(type_oid, embed_vectors) AS s) AS d
    WHERE t.oid = type_oid
$$;

ALTER FUNCTION mcp.input_schema(type_oid oid, embed_vectors boolean) OWNER TO postgres;

--
-- Name: FUNCTION input_schema(type_oid oid, embed_vectors boolean); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.input_schema(type_oid oid, embed_vectors boolean) IS 'An argument''s JSON Schema; text without a declared length gets maxLength 4096, an array maxItems 1000.';

--
-- Name: nullable_schema(jsonb); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.nullable_schema(value_schema jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT CASE
        WHEN value_schema -> 'anyOf' @> '[{"type": "null"}]' THEN value_schema
        WHEN value_schema ? 'anyOf'
            THEN pg_catalog.jsonb_set(value_schema, '{anyOf}', (value_schema -> 'anyOf') || '[{"type": "null"}]')
        ELSE pg_catalog.jsonb_build_object('anyOf', pg_catalog.jsonb_build_array(
            value_schema - ARRAY['minimum', 'maximum', 'format', 'maxLength', 'minLength', 'pattern', 'description',
                'title'],
            '{"type": "null"}'::jsonb
        )) || pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
            'description', value_schema -> 'description', 'title', value_schema -> 'title'
        ))
    END
$$;

ALTER FUNCTION mcp.nullable_schema(value_schema jsonb) OWNER TO postgres;

--
-- Name: FUNCTION nullable_schema(value_schema jsonb); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.nullable_schema(value_schema jsonb) IS 'A result value''s schema that admits NULL, as anyOf branches.';

--
-- Name: output_schema(oid); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.output_schema(type_oid oid) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    t pg_catalog.pg_type;
BEGIN
    SELECT * INTO t FROM pg_catalog.pg_type WHERE oid = mcp.base_type(type_oid);
    IF t.typelem <> 0 AND left(t.typname, 1) = '_' THEN
        RETURN mcp.nullable_schema(pg_catalog.jsonb_build_object('type', 'array', 'items', mcp.output_schema(t.typelem)));
    ELSIF t.typtype = 'c' THEN  -- a composite value is rendered as a JSON object
        RETURN mcp.nullable_schema('{"type": "object"}');
    END IF;
    RETURN mcp.nullable_schema(coalesce('{
        "int2": {"type": "integer"}, "int4": {"type": "integer"}, "int8": {"type": "integer"},
        "json": {"anyOf": [{"type": "object"}, {"type": "array"}, {"type": "string"}, {"type": "number"},
            {"type": "boolean"}, {"type": "null"}]},
        "jsonb": {"anyOf": [{"type": "object"}, {"type": "array"}, {"type": "string"}, {"type": "number"},
            {"type": "boolean"}, {"type": "null"}]},
        "vector": {"type": "array", "items": {"type": "number"}}
    }'::jsonb -> t.typname::text, mcp.input_schema(t.oid, false)));
END
$$;

ALTER FUNCTION mcp.output_schema(type_oid oid) OWNER TO postgres;

--
-- Name: FUNCTION output_schema(type_oid oid); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.output_schema(type_oid oid) IS 'A result value''s JSON Schema, NULL admitted.';

--
-- Name: prompts(text); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.prompts(schema_name text) RETURNS SETOF json
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    completers jsonb;
    wrong text;
    f record;
    docs jsonb;
BEGIN
    SELECT s.name || '(' || s.identity_args || ')' INTO wrong
    FROM mcp.served_functions(schema_name) AS s
    WHERE
        s.returns_set AND mcp.base_type_name(s.return_type) = 'text' AND starts_with(s.name, 'complete_')
        AND ARRAY(SELECT mcp.base_type_name(t.t) FROM unnest(s.in_types) WITH ORDINALITY AS t (t, n) ORDER BY t.n)
        NOT IN ('{text}', '{text,jsonb}')
    LIMIT 1;
    IF wrong IS NOT NULL THEN
        RAISE EXCEPTION '%.%: a completer takes (text [, jsonb])', schema_name, wrong
            USING ERRCODE = 'invalid_function_definition';
    END IF;
    SELECT string_agg(s.name, ', ') INTO wrong FROM (
        SELECT s.name FROM mcp.served_functions(schema_name) AS s
        WHERE NOT s.returns_set AND mcp.base_type_name(s.return_type) = 'text'
        GROUP BY s.name HAVING count(*) > 1
    ) AS s;
    IF wrong IS NOT NULL THEN
        RAISE EXCEPTION 'overloaded functions in schema % cannot become prompts: %', quote_literal(schema_name), wrong
            USING ERRCODE = 'invalid_function_definition';
    END IF;
    SELECT coalesce(jsonb_object_agg(substr(s.name, 10), jsonb_build_object(
        'completer', mcp.qualified_name(schema_name, s.name),
        'takes_context', cardinality(s.in_types) = 2
    )), '{}') INTO completers
    FROM mcp.served_functions(schema_name) AS s
    WHERE s.returns_set AND mcp.base_type_name(s.return_type) = 'text' AND starts_with(s.name, 'complete_');
    FOR f IN
        SELECT * FROM mcp.served_functions(schema_name) AS s
        WHERE NOT s.returns_set AND mcp.base_type_name(s.return_type) = 'text'
    LOOP
        IF f.arguments @> '[{"name": ""}]' THEN
            RAISE EXCEPTION '%.%(%): every argument of a prompt needs a name', schema_name, f.name, f.identity_args
                USING ERRCODE = 'invalid_function_definition';
        END IF;
        docs := mcp.comment_docs(f.comment_text);
        RETURN NEXT json_build_object(
            'name', f.name,
            'qualified_name', mcp.qualified_name(schema_name, f.name),
            'description', coalesce(nullif(docs ->> 'description', ''), schema_name || '.' || f.name),
            'arguments', coalesce((
                SELECT json_agg(json_build_object(
                    'name', a.name,
                    'type_sql', pg_catalog.format_type(a.type_oid, NULL),
                    -- The choices are named in the description unless it names them all already.
                    'description', CASE
                        WHEN a.choices IS NULL OR a.doc IS NULL OR NOT EXISTS (
                            SELECT FROM jsonb_array_elements_text(a.choices) AS c (label)
                            WHERE strpos(a.doc, c.label) = 0
                        ) THEN a.doc
                        ELSE a.doc || ' One of: ' || (
                            SELECT string_agg(c.label, ', ' ORDER BY c.n)
                            FROM jsonb_array_elements_text(a.choices) WITH ORDINALITY AS c (label, n)
                        ) || '.'
                    END,
                    'required', a.ordinal <= (SELECT count(*) FROM jsonb_array_elements(f.arguments) AS i (arg)
                        WHERE i.arg ->> 'mode' IN ('i', 'b', 'v')) - f.n_defaults,
                    'choices', a.choices,
                    'max_length', (mcp.input_schema(a.type_oid, false) ->> 'maxLength')::integer,
                    'completer', completers -> a.name ->> 'completer',
                    'completer_takes_context', coalesce((completers -> a.name ->> 'takes_context')::boolean, false)
                ) ORDER BY a.ordinal)
                FROM (
                    SELECT
                        i.arg ->> 'name',
                        (i.arg ->> 'type')::oid,
                        row_number() OVER (ORDER BY i.n),
                        docs -> 'docs' ->> (i.arg ->> 'name'),
                        nullif(mcp.input_schema((i.arg ->> 'type')::oid, false) -> 'enum', '[]')
                    FROM jsonb_array_elements(f.arguments) WITH ORDINALITY AS i (arg, n)
                    WHERE i.arg ->> 'mode' IN ('i', 'b', 'v')
                ) AS a (name, type_oid, ordinal, doc, choices)
            ), '[]')
        );
    END LOOP;
END
$$;

ALTER FUNCTION mcp.prompts(schema_name text) OWNER TO postgres;

--
-- Name: FUNCTION prompts(schema_name text); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.prompts(schema_name text) IS 'Every text function of the prompts schema as the MCP prompt the server lists, with its arguments'' completers.';

--
-- Name: qualified_name(text, text); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.qualified_name(schema_name text, object_name text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT '"' || replace(schema_name, '"', '""') || '"."' || replace(object_name, '"', '""') || '"'
$$;

ALTER FUNCTION mcp.qualified_name(schema_name text, object_name text) OWNER TO postgres;

--
-- Name: FUNCTION qualified_name(schema_name text, object_name text); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.qualified_name(schema_name text, object_name text) IS '"schema"."name", always quoted.';

--
-- Name: served_functions(text); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.served_functions(schema_name text) RETURNS TABLE(name text, volatility text, returns_set boolean, return_type oid, n_defaults integer, in_types oid[], arguments jsonb, identity_args text, comment_text text)
    LANGUAGE sql STABLE
    AS $$
    WITH request_roles AS (
        SELECT m.roleid FROM pg_catalog.pg_auth_members AS m
        WHERE m.member = (SELECT r.oid FROM pg_catalog.pg_roles AS r WHERE r.rolname = session_user)
    )
    SELECT
        p.proname::text,
        p.provolatile::text,
        p.proretset,
        p.prorettype,
        p.pronargdefaults::integer,
        p.proargtypes::oid [],
        -- Every parameter in order: [{"name", "type", "mode"}], mode i(n), o(ut), b (inout), v(ariadic), t(able).
        (SELECT coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
            'name', coalesce(p.proargnames[a.n], ''), 'type', a.type_oid, 'mode', coalesce(p.proargmodes[a.n], 'i')
        ) ORDER BY a.n), '[]')
        FROM pg_catalog.unnest(coalesce(p.proallargtypes, p.proargtypes::oid [])) WITH ORDINALITY AS a (type_oid, n)),
        pg_catalog.pg_get_function_identity_arguments(p.oid),
        pg_catalog.obj_description(p.oid, 'pg_proc')
    FROM pg_catalog.pg_proc AS p
    INNER JOIN pg_catalog.pg_namespace AS n ON p.pronamespace = n.oid
    WHERE
        n.nspname = schema_name AND p.prokind = 'f'
        AND EXISTS (
            SELECT FROM request_roles AS r WHERE pg_catalog.has_function_privilege(r.roleid, p.oid, 'EXECUTE')
        )
    ORDER BY p.proname COLLATE "C"
$$;

ALTER FUNCTION mcp.served_functions(schema_name text) OWNER TO postgres;

--
-- Name: FUNCTION served_functions(schema_name text); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.served_functions(schema_name text) IS 'The functions of a schema that a request role of the session''s login may execute, with their parameters.';

--
-- Name: tools(text, boolean); Type: FUNCTION; Schema: mcp; Owner: postgres
--

CREATE FUNCTION mcp.tools(api_schema text, embed_vectors boolean) RETURNS SETOF json
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    overloaded text;
    f record;
    docs jsonb;
    params json;
    columns json;
    shape text;
    scalar_schema jsonb;
BEGIN
    SELECT string_agg(o.signatures, '; ' ORDER BY o.name COLLATE "C") INTO overloaded
    FROM (
        SELECT s.name, string_agg(s.name || '(' || s.identity_args || ')', ', ' ORDER BY s.identity_args COLLATE "C")
        FROM mcp.served_functions(api_schema) AS s GROUP BY s.name HAVING count(*) > 1
    ) AS o (name, signatures);
    IF overloaded IS NOT NULL THEN
        RAISE EXCEPTION 'overloaded functions in schema % cannot become tools: %', quote_literal(api_schema), overloaded
            USING ERRCODE = 'invalid_function_definition';
    END IF;
    FOR f IN SELECT * FROM mcp.served_functions(api_schema) LOOP
        docs := mcp.comment_docs(f.comment_text);
        WITH inputs AS (
            SELECT
                a.arg ->> 'name' AS name,
                (a.arg ->> 'type')::oid AS type_oid,
                row_number() OVER (ORDER BY a.n) AS ordinal,
                mcp.base_type_name(t.oid) AS type_name,
                t.typtype = 'd' AND t.typname = 'embedding_source' AS embedded_text
            FROM jsonb_array_elements(f.arguments) WITH ORDINALITY AS a (arg, n)
            INNER JOIN pg_catalog.pg_type AS t ON t.oid = (a.arg ->> 'type')::oid
            WHERE a.arg ->> 'mode' IN ('i', 'b', 'v')
        )
        SELECT json_agg(json_build_object(
            'name', i.name,
            'type_sql', pg_catalog.format_type(i.type_oid, NULL),
            'type_name', i.type_name,
            'schema', mcp.described(mcp.input_schema(i.type_oid, embed_vectors), docs -> 'docs' ->> i.name),
            'required', i.ordinal <= (SELECT count(*) FROM inputs) - f.n_defaults AND NOT i.embedded_text,
            'is_vector', embed_vectors AND i.type_name = 'vector',
            'embedded_text', i.embedded_text
        ) ORDER BY i.ordinal) INTO params
        FROM inputs AS i;
        IF EXISTS (SELECT FROM json_array_elements(params) AS p WHERE p ->> 'name' = '') THEN
            RAISE EXCEPTION '%.%(%): every parameter of a tool needs a name', api_schema, f.name, f.identity_args
                USING ERRCODE = 'invalid_function_definition';
        END IF;
        -- The row shape: OUT or TABLE parameters, else a table's (composite type's) columns, else for SETOF a scalar
        -- one column named after the function; none for a scalar result.
        shape := CASE
            WHEN jsonb_path_exists(f.arguments, '$[*] ? (@.mode == "o" || @.mode == "b" || @.mode == "t")')
                THEN 'out parameters'
            WHEN EXISTS (SELECT FROM pg_catalog.pg_type AS t
                WHERE t.oid = f.return_type AND t.typtype = 'c' AND t.typrelid <> 0) THEN 'composite'
            WHEN f.returns_set THEN 'set of scalars'
        END;
        SELECT json_agg(json_build_object(
            'name', c.name,
            'schema', mcp.described(mcp.output_schema(c.type_oid), c.doc),
            'type_name', mcp.base_type_name(c.type_oid)
        ) ORDER BY c.n) INTO columns
        FROM (
            SELECT a.arg ->> 'name', (a.arg ->> 'type')::oid, docs -> 'docs' ->> ('@column ' || (a.arg ->> 'name')), a.n
            FROM jsonb_array_elements(f.arguments) WITH ORDINALITY AS a (arg, n)
            WHERE shape = 'out parameters' AND a.arg ->> 'mode' IN ('o', 'b', 't')
            UNION ALL
            SELECT att.attname::text, att.atttypid, NULL, att.attnum
            FROM pg_catalog.pg_type AS t INNER JOIN pg_catalog.pg_attribute AS att ON att.attrelid = t.typrelid
            WHERE shape = 'composite' AND t.oid = f.return_type AND att.attnum > 0 AND NOT att.attisdropped
            UNION ALL
            SELECT f.name, f.return_type, NULL, 1
            WHERE shape = 'set of scalars'
        ) AS c (name, type_oid, doc, n);
        scalar_schema := CASE WHEN columns IS NULL THEN mcp.output_schema(f.return_type) END;
        RETURN NEXT json_build_object(
            'name', f.name,
            'qualified_name', mcp.qualified_name(api_schema, f.name),
            'description', coalesce(nullif(docs ->> 'description', ''), api_schema || '.' || f.name
                || '(' || f.identity_args || ')')
                -- What a cached answer means for the caller, said where a client reads it (issue: a write shown
                -- at once by the data, not by a cached answer).
                || CASE WHEN f.volatility IN ('s', 'i') AND docs ->> 'cache_ttl_s' IS NOT NULL THEN pg_catalog.format(
                    E'\n\nAn answer may come from the server''s cache, up to %s s old; send "_meta": {"fresh": true} '
                    'with the call for a new one.', docs ->> 'cache_ttl_s'
                ) ELSE '' END,
            'read_only', f.volatility IN ('s', 'i') OR (docs ->> 'read_only')::boolean,
            -- Only STABLE/IMMUTABLE functions may be cached: a VOLATILE one may answer differently every time.
            'cache_ttl_s', CASE WHEN f.volatility IN ('s', 'i') THEN (docs ->> 'cache_ttl_s')::integer END,
            'params', coalesce(params, '[]'),
            'columns', columns,
            'scalar_type_name', CASE WHEN columns IS NULL THEN mcp.base_type_name(f.return_type) END,
            'input_schema', json_build_object(
                'type', 'object',
                'properties', coalesce((SELECT json_object_agg(p ->> 'name', p -> 'schema' ORDER BY n)
                    FROM json_array_elements(params) WITH ORDINALITY AS a (p, n)
                    WHERE NOT (p ->> 'embedded_text')::boolean), '{}'),
                'required', coalesce((SELECT json_agg(p ->> 'name' ORDER BY n)
                    FROM json_array_elements(params) WITH ORDINALITY AS a (p, n)
                    WHERE (p ->> 'required')::boolean), '[]'),
                'additionalProperties', false
            ),
            'output_schema', CASE WHEN columns IS NULL THEN json_build_object(
                'type', 'object',
                'properties', json_build_object('result', scalar_schema),
                'required', json_build_array('result')
            ) ELSE json_build_object(
                'type', 'object',
                'properties', json_build_object(
                    'rows', json_build_object('type', 'array', 'items', json_build_object(
                        'type', 'object',
                        'properties', (SELECT json_object_agg(c ->> 'name', c -> 'schema' ORDER BY n)
                            FROM json_array_elements(columns) WITH ORDINALITY AS a (c, n)),
                        'required', (SELECT json_agg(c ->> 'name' ORDER BY n)
                            FROM json_array_elements(columns) WITH ORDINALITY AS a (c, n))
                    )),
                    'row_count', json_build_object('type', 'integer'),
                    'truncated', json_build_object(
                        'type', 'boolean', 'description', 'true when rows were cut at the server''s row cap'
                    )
                ),
                'required', json_build_array('rows', 'row_count', 'truncated')
            ) END
        );
    END LOOP;
END
$_$;

ALTER FUNCTION mcp.tools(api_schema text, embed_vectors boolean) OWNER TO postgres;

--
-- Name: FUNCTION tools(api_schema text, embed_vectors boolean); Type: COMMENT; Schema: mcp; Owner: postgres
--

COMMENT ON FUNCTION mcp.tools(api_schema text, embed_vectors boolean) IS 'Every function of the API schema as the MCP tool the server lists: schemas, description, annotations, binding.';

--
-- Name: history_is_append_only(); Type: FUNCTION; Schema: mcp_migrations; Owner: postgres
--

CREATE FUNCTION mcp_migrations.history_is_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
        BEGIN
            RAISE EXCEPTION 'migrations.history is append-only' USING ERRCODE = '55000';
        END
        $$;

ALTER FUNCTION mcp_migrations.history_is_append_only() OWNER TO postgres;

--
-- Name: history_is_append_only(); Type: FUNCTION; Schema: migrations; Owner: postgres
--

CREATE FUNCTION migrations.history_is_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
        BEGIN
            RAISE EXCEPTION 'migrations.history is append-only' USING ERRCODE = '55000';
        END
        $$;

ALTER FUNCTION migrations.history_is_append_only() OWNER TO postgres;

--
-- Name: category_deep_dive(text, api.time_grain, text); Type: FUNCTION; Schema: prompts; Owner: zava_owner
--

CREATE FUNCTION prompts.category_deep_dive(category_name text, grain api.time_grain DEFAULT 'month'::api.time_grain, store_name text DEFAULT NULL::text) RETURNS text
    LANGUAGE plpgsql STABLE
    AS $_$
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
$_$;

ALTER FUNCTION prompts.category_deep_dive(category_name text, grain api.time_grain, store_name text) OWNER TO zava_owner;

--
-- Name: FUNCTION category_deep_dive(category_name text, grain api.time_grain, store_name text); Type: COMMENT; Schema: prompts; Owner: zava_owner
--

COMMENT ON FUNCTION prompts.category_deep_dive(category_name text, grain api.time_grain, store_name text) IS 'Deep dive into one category over the last twelve months: trend, seasonality, growth, drivers and stock risks.
@param category_name The category, e.g. ''Garden & Outdoor''.
@param grain Time grain of the trend: day, week, month, quarter or year (default month).
@param store_name Optional store; default: every store you can see.';

--
-- Name: complete_category_name(text); Type: FUNCTION; Schema: prompts; Owner: zava_owner
--

CREATE FUNCTION prompts.complete_category_name(prefix text) RETURNS SETOF text
    LANGUAGE sql STABLE
    AS $$
    SELECT c.category_name::text
    FROM retail.categories AS c
    WHERE strpos(' ' || lower(c.category_name), ' ' || lower(coalesce(prefix, ''))) > 0
    ORDER BY NOT starts_with(lower(c.category_name), lower(coalesce(prefix, ''))), c.category_name
$$;

ALTER FUNCTION prompts.complete_category_name(prefix text) OWNER TO zava_owner;

--
-- Name: FUNCTION complete_category_name(prefix text); Type: COMMENT; Schema: prompts; Owner: zava_owner
--

COMMENT ON FUNCTION prompts.complete_category_name(prefix text) IS 'Completes a category_name argument: the categories whose name (or a word of it) starts with prefix.';

--
-- Name: complete_store_name(text); Type: FUNCTION; Schema: prompts; Owner: zava_owner
--

CREATE FUNCTION prompts.complete_store_name(prefix text) RETURNS SETOF text
    LANGUAGE sql STABLE
    AS $$
    SELECT s.store_name::text
    FROM retail.stores AS s
    WHERE strpos(' ' || lower(s.store_name), ' ' || lower(coalesce(prefix, ''))) > 0
    ORDER BY NOT starts_with(lower(s.store_name), lower(coalesce(prefix, ''))), s.store_name
$$;

ALTER FUNCTION prompts.complete_store_name(prefix text) OWNER TO zava_owner;

--
-- Name: FUNCTION complete_store_name(prefix text); Type: COMMENT; Schema: prompts; Owner: zava_owner
--

COMMENT ON FUNCTION prompts.complete_store_name(prefix text) IS 'Completes a store_name argument: the stores the caller can see whose name (or a word of it) starts with prefix.';

--
-- Name: stock_risk_check(text, integer); Type: FUNCTION; Schema: prompts; Owner: zava_owner
--

CREATE FUNCTION prompts.stock_risk_check(store_name text DEFAULT NULL::text, horizon_days integer DEFAULT 30) RETURNS text
    LANGUAGE plpgsql STABLE
    AS $_$
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
$_$;

ALTER FUNCTION prompts.stock_risk_check(store_name text, horizon_days integer) OWNER TO zava_owner;

--
-- Name: FUNCTION stock_risk_check(store_name text, horizon_days integer); Type: COMMENT; Schema: prompts; Owner: zava_owner
--

COMMENT ON FUNCTION prompts.stock_risk_check(store_name text, horizon_days integer) IS 'Stock risk check: what runs out soon, what is low, which best sellers are at risk, and a reorder list.
@param store_name Optional store; default: every store you can see.
@param horizon_days Days ahead to look, 1 to 365 (default 30).';

--
-- Name: weekly_store_review(text, date); Type: FUNCTION; Schema: prompts; Owner: zava_owner
--

CREATE FUNCTION prompts.weekly_store_review(store_name text, week_ending date DEFAULT NULL::date) RETURNS text
    LANGUAGE plpgsql STABLE
    AS $_$
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
$_$;

ALTER FUNCTION prompts.weekly_store_review(store_name text, week_ending date) OWNER TO zava_owner;

--
-- Name: FUNCTION weekly_store_review(store_name text, week_ending date); Type: COMMENT; Schema: prompts; Owner: zava_owner
--

COMMENT ON FUNCTION prompts.weekly_store_review(store_name text, week_ending date) IS 'Weekly review of one store: performance, daily pattern, categories, best sellers, customers and stock to reorder.
@param store_name The store, e.g. ''Zava Retail Seattle'' (only the stores you can see).
@param week_ending Last day of the seven days to review (YYYY-MM-DD); default: the store''s latest order date.';

--
-- Name: adhoc_statement(text); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.adhoc_statement(query text, OUT statement text, OUT sort_areas integer) RETURNS record
    LANGUAGE plpgsql IMMUTABLE
    AS $_$
DECLARE
    max_depth CONSTANT integer := 32;
    max_concat CONSTANT integer := 10;
    -- One alternative per token; the longest match wins, and every character belongs to some token.
    token_re CONSTANT text := $re$(?:[ \t\n\r\f\v]+|--[^\n\r]*|/\*(?:[^*]|\*+[^*/])*\*+/|/\*$re$
        || $re$|[eE]'(?:[^'\\]|\\.|'')*'|'(?:[^']|'')*'|"(?:[^"]|"")*"$re$
        || $re$|\$(?:(?:[A-Za-z_]|[^\x01-\x7f])(?:[A-Za-z0-9_]|[^\x01-\x7f])*)?\$|\$[0-9]+$re$
        || $re$|(?:[A-Za-z_]|[^\x01-\x7f])(?:[A-Za-z0-9_$]|[^\x01-\x7f])*$re$
        || $re$|[0-9][0-9_]*(?:\.(?!\.)[0-9_]*)?(?:[eE][-+]?[0-9][0-9_]*)?(?:[A-Za-z0-9_]|[^\x01-\x7f])*$re$
        || $re$|(?:(?!--|/\*)[-+*/<>=~!@#%^&|`?])+|::|.)$re$;
    pos integer := 1;
    at integer;
    tok text;
    word text;
    prev text := '';
    restart boolean;
    closing integer;
    depth integer := 0;
    opened_after text[] := '{}';
    is_query boolean[] := '{}';
    has_limit boolean[] := '{}';
    offsets integer[] := '{}';
    concat_ops integer := 0;
    last_at integer := 0;
    last_word text := '';
    tokens integer := 0;
    i integer;
    done integer := 1;
BEGIN
    sort_areas := 0;
    LOOP
        restart := false;
        at := pos;
        FOR tok IN SELECT m[1] FROM pg_catalog.regexp_matches(pg_catalog.substr(query, pos), token_re, 'g') AS m LOOP
            IF tok ~ '^[ \t\n\r\f\v]' OR pg_catalog.left(tok, 2) = '--' THEN
                at := at + pg_catalog.length(tok);
                CONTINUE;
            END IF;
            IF pg_catalog.left(tok, 2) = '/*' THEN
                IF tok = '/*' THEN
                    RAISE EXCEPTION 'unterminated /* comment' USING ERRCODE = '42601';
                END IF;
                IF pg_catalog.strpos(pg_catalog.substr(tok, 3), '/*') > 0 THEN
                    RAISE EXCEPTION 'nested /* comments are not supported in ad-hoc queries' USING ERRCODE = '42601';
                END IF;
                at := at + pg_catalog.length(tok);
                CONTINUE;
            END IF;
            IF tok IN ('''', '"') THEN
                RAISE EXCEPTION 'unterminated quoted string or identifier' USING ERRCODE = '42601';
            END IF;
            IF pg_catalog.length(tok) >= 2 AND pg_catalog.left(tok, 1) = '$' AND pg_catalog.right(tok, 1) = '$' THEN
                -- A dollar quote ends at the first repetition of its tag; lexing resumes after it.
                closing := pg_catalog.strpos(pg_catalog.substr(query, at + pg_catalog.length(tok)), tok);
                IF closing = 0 THEN
                    RAISE EXCEPTION 'unterminated dollar-quoted string' USING ERRCODE = '42601';
                END IF;
                prev := 'literal';
                last_word := prev;
                tokens := tokens + 1;
                last_at := at;
                pos := at + 2 * pg_catalog.length(tok) + closing - 1;
                restart := true;
                EXIT;
            END IF;
            IF pg_catalog.left(tok, 1) = '''' AND prev = 'e-literal' THEN
                -- After E'...' and a newline PostgreSQL reads '...' as more of the E'' string, backslashes and all.
                RAISE EXCEPTION 'an E'''' string continued on another line: write it as one literal'
                    USING ERRCODE = '42601';
            ELSIF tok ~* '^e''' THEN
                word := 'e-literal';
            ELSIF pg_catalog.left(tok, 1) IN ('''', '"') THEN
                word := CASE WHEN pg_catalog.left(tok, 1) = '"' THEN 'identifier' ELSE 'literal' END;
            ELSE
                word := pg_catalog.lower(tok);
            END IF;
            IF word = 'recursive' AND prev = 'with' THEN
                RAISE EXCEPTION 'recursive queries are not allowed in ad-hoc queries' USING ERRCODE = '54001',
                    HINT = 'their iterations and values have no bound; use generate_series or a join instead';
            ELSIF word IN ('(', '[') THEN
                IF word = '(' AND prev = 'array' THEN
                    RAISE EXCEPTION 'ARRAY(subquery) is not allowed in ad-hoc queries' USING ERRCODE = '54001',
                        HINT = 'return the rows themselves (at most 500 come back)';
                END IF;
                depth := depth + 1;
                IF depth > max_depth THEN
                    RAISE EXCEPTION 'the query nests more than % levels of parentheses', max_depth
                        USING ERRCODE = '54001';
                END IF;
                opened_after[depth] := prev;
                is_query[depth] := false;
                has_limit[depth] := false;
            ELSIF word IN (')', ']') THEN
                IF depth = 0 THEN
                    RAISE EXCEPTION 'unbalanced parentheses: "%" without an opening one', tok
                        USING ERRCODE = '42601', HINT = 'send one SELECT statement';
                END IF;
                IF is_query[depth] AND NOT has_limit[depth]
                    AND opened_after[depth] NOT IN ('exists', 'in', 'any', 'some') THEN
                    offsets := offsets || at;
                END IF;
                depth := depth - 1;
            ELSIF word IN ('select', 'with', 'values', 'table') AND prev = '(' THEN
                is_query[depth] := true;
            ELSIF word IN ('limit', 'offset', 'fetch') AND depth > 0 THEN
                has_limit[depth] := true;
            ELSIF pg_catalog.strpos(word, '||') > 0 THEN
                concat_ops := concat_ops + 1;
                IF concat_ops > max_concat THEN
                    RAISE EXCEPTION 'the query uses "||" more than % times', max_concat USING ERRCODE = '54001',
                        HINT = 'each || can double a value; return the parts as separate columns';
                END IF;
            ELSIF word IN ('distinct', 'order', 'within') THEN
                sort_areas := sort_areas + 1;
            END IF;
            prev := word;
            last_word := word;
            tokens := tokens + 1;
            last_at := at;
            at := at + pg_catalog.length(tok);
        END LOOP;
        EXIT WHEN NOT restart;
    END LOOP;
    IF depth > 0 THEN
        RAISE EXCEPTION 'unbalanced parentheses: % not closed', depth USING ERRCODE = '42601';
    END IF;
    IF tokens = 0 OR tokens = 1 AND last_word = ';' THEN
        RAISE EXCEPTION 'postgresql_query is empty' USING ERRCODE = '22023';
    END IF;
    statement := '';
    FOREACH i IN ARRAY offsets LOOP
        statement := statement || pg_catalog.substr(query, done, i - done) || ' OFFSET 0';
        done := i;
    END LOOP;
    IF last_word = ';' THEN
        statement := statement || pg_catalog.substr(query, done, last_at - done);
    ELSE
        statement := statement || pg_catalog.substr(query, done);
    END IF;
END
$_$;

ALTER FUNCTION retail.adhoc_statement(query text, OUT statement text, OUT sort_areas integer) OWNER TO zava_owner;

--
-- Name: FUNCTION adhoc_statement(query text, OUT statement text, OUT sort_areas integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.adhoc_statement(query text, OUT statement text, OUT sort_areas integer) IS 'The statement the ad-hoc tool runs for the caller''s SQL: a trailing semicolon dropped, subqueries kept out of the
planner''s pull-up (OFFSET 0), constructs without a memory bound refused; sort_areas counts in-aggregate sorts.';

--
-- Name: business_time_zone(); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.business_time_zone() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT 'America/Los_Angeles'
$$;

ALTER FUNCTION retail.business_time_zone() OWNER TO zava_owner;

--
-- Name: FUNCTION business_time_zone(); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.business_time_zone() IS 'The chain''s time zone (IANA name): the hours of get_sales_pattern and of the hour-of-day rollup are local to it.';

--
-- Name: buyer_bit(integer); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.buyer_bit(buyer_number integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (buyer_number % 8192);

ALTER FUNCTION retail.buyer_bit(buyer_number integer) OWNER TO zava_owner;

--
-- Name: FUNCTION buyer_bit(buyer_number integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.buyer_bit(buyer_number integer) IS 'The bit of a buyer number within its chunk.';

--
-- Name: buyer_chunk(integer); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.buyer_chunk(buyer_number integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (buyer_number / 8192);

ALTER FUNCTION retail.buyer_chunk(buyer_number integer) OWNER TO zava_owner;

--
-- Name: FUNCTION buyer_chunk(buyer_number integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.buyer_chunk(buyer_number integer) IS 'The bitmap chunk of a buyer number (sales_buyers_month).';

--
-- Name: buyer_counts(retail.period_cells, text[], uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.buyer_counts(cells retail.period_cells, statuses text[], wanted_store uuid) RETURNS TABLE(store_id uuid, customers bigint)
    LANGUAGE sql STABLE
    AS $$
    WITH month_buyers AS (
        SELECT r.store_id, r.chunk, bit_or(r.buyers) AS buyers
        FROM retail.sales_buyers_month AS r
        WHERE r.month = ANY((cells).months)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        GROUP BY r.store_id, r.chunk
    ),
    day_buyers AS (
        SELECT DISTINCT o.store_id, o.customer_id
        FROM retail.orders AS o
        WHERE o.order_date = ANY((cells).days)
          AND o.status = ANY(statuses)
          AND (wanted_store IS NULL OR o.store_id = wanted_store)
          AND EXISTS (
              SELECT FROM retail.order_items AS oi WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id
          )
    ),
    counted AS (
        SELECT m.store_id, sum(bit_count(m.buyers)) AS customers
        FROM month_buyers AS m
        GROUP BY m.store_id
        UNION ALL
        SELECT d.store_id, count(*)
        FROM day_buyers AS d
        LEFT JOIN retail.sales_buyer_numbers AS n ON d.store_id = n.store_id AND d.customer_id = n.customer_id
        LEFT JOIN month_buyers AS m ON d.store_id = m.store_id AND retail.buyer_chunk(n.buyer_number) = m.chunk
        WHERE m.buyers IS NULL OR get_bit(m.buyers, retail.buyer_bit(n.buyer_number)) = 0
        GROUP BY d.store_id
    )
    SELECT c.store_id, sum(c.customers)::bigint
    FROM counted AS c
    GROUP BY c.store_id
$$;

ALTER FUNCTION retail.buyer_counts(cells retail.period_cells, statuses text[], wanted_store uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION buyer_counts(cells retail.period_cells, statuses text[], wanted_store uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.buyer_counts(cells retail.period_cells, statuses text[], wanted_store uuid) IS 'Distinct customers per store in a period: the buyer bitmaps of the whole months plus the buyers of the other
days.';

--
-- Name: buyer_mask(integer); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.buyer_mask(buyer_number integer) RETURNS bit
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ('1'::bit(8192) >> retail.buyer_bit(buyer_number));

ALTER FUNCTION retail.buyer_mask(buyer_number integer) OWNER TO zava_owner;

--
-- Name: FUNCTION buyer_mask(buyer_number integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.buyer_mask(buyer_number integer) IS 'A chunk with only this buyer number''s bit set.';

--
-- Name: caller_sees_every_store(); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.caller_sees_every_store() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    SELECT NOT EXISTS (
        SELECT FROM retail.manager_stores AS ms
        WHERE ms.store_id <> ALL(retail.get_user_store_list())
    )
$$;

ALTER FUNCTION retail.caller_sees_every_store() OWNER TO zava_owner;

--
-- Name: FUNCTION caller_sees_every_store(); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.caller_sees_every_store() IS 'Whether the caller may see every store that any manager may be given (head office); false for unknown callers.';

--
-- Name: category_filter(text, text); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.category_filter(wanted text, argument_name text DEFAULT 'category_name'::text) RETURNS uuid
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    found uuid;
BEGIN
    IF nullif(btrim(wanted), '') IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT c.category_id INTO found FROM retail.categories AS c WHERE lower(c.category_name) = lower(btrim(wanted));
    IF found IS NULL THEN
        RAISE EXCEPTION 'unknown category: %', wanted
            USING ERRCODE = '22023', COLUMN = argument_name,
            HINT = 'categories: ' || (SELECT string_agg(c.category_name, ', ' ORDER BY c.category_name)
                                      FROM retail.categories AS c);
    END IF;
    RETURN found;
END
$$;

ALTER FUNCTION retail.category_filter(wanted text, argument_name text) OWNER TO zava_owner;

--
-- Name: FUNCTION category_filter(wanted text, argument_name text); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.category_filter(wanted text, argument_name text) IS 'Category name to id for API arguments; 22023 listing categories.';

--
-- Name: check_period(date, date); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.check_period(period_start date, period_end date) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE
    AS $$
BEGIN
    IF period_start IS NULL THEN
        RAISE EXCEPTION 'period_start and period_end are required' USING ERRCODE = '22023', COLUMN = 'period_start';
    END IF;
    IF period_end IS NULL THEN
        RAISE EXCEPTION 'period_start and period_end are required' USING ERRCODE = '22023', COLUMN = 'period_end';
    END IF;
    IF period_end < period_start THEN
        RAISE EXCEPTION 'period_end (%) is before period_start (%)', period_end, period_start
            USING ERRCODE = '22023', COLUMN = 'period_end',
            HINT = 'swap them: the period runs from period_start to period_end, inclusive';
    END IF;
    IF period_end - period_start > 3660 THEN
        RAISE EXCEPTION 'the period is longer than ten years'
            USING ERRCODE = '22023', COLUMN = 'period_end',
            HINT = 'period_end may be at most 3660 days after period_start; ask for several shorter periods';
    END IF;
    RETURN true;
END
$$;

ALTER FUNCTION retail.check_period(period_start date, period_end date) OWNER TO zava_owner;

--
-- Name: FUNCTION check_period(period_start date, period_end date); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.check_period(period_start date, period_end date) IS 'Validates a reporting period; 22023 when it is not usable.';

--
-- Name: check_range(text, integer, integer, integer); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.check_range(argument_name text, value integer, lowest integer, highest integer) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE
    AS $$
BEGIN
    IF value IS NULL OR value < lowest OR value > highest THEN
        RAISE EXCEPTION '% must be between % and %, got %', argument_name, lowest, highest, coalesce(value::text, 'null')
            USING ERRCODE = '22023', COLUMN = argument_name;
    END IF;
    RETURN value;
END
$$;

ALTER FUNCTION retail.check_range(argument_name text, value integer, lowest integer, highest integer) OWNER TO zava_owner;

--
-- Name: FUNCTION check_range(argument_name text, value integer, lowest integer, highest integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.check_range(argument_name text, value integer, lowest integer, highest integer) IS 'Validates an integer argument; 22023.';

--
-- Name: counted_statuses(api.order_status[]); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.counted_statuses(statuses api.order_status[]) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE
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

ALTER FUNCTION retail.counted_statuses(statuses api.order_status[]) OWNER TO zava_owner;

--
-- Name: FUNCTION counted_statuses(statuses api.order_status[]); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.counted_statuses(statuses api.order_status[]) IS 'include_statuses checked (non-empty, no NULL) as text, in the order of the labels of api.order_status.';

--
-- Name: current_rls_user_id(); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.current_rls_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT retail.parse_uuid(nullif(pg_catalog.current_setting('mcp.identity', true), ''))
$$;

ALTER FUNCTION retail.current_rls_user_id() OWNER TO zava_owner;

--
-- Name: FUNCTION current_rls_user_id(); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.current_rls_user_id() IS 'The caller''s identity from the setting mcp.identity, or NULL when unset or malformed.';

--
-- Name: customer_cells_added(); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.customer_cells_added() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    DECLARE
        buyer_store uuid;
        last_number integer;
    BEGIN
        -- Store by store, the store's last number looked up before its new buyers are added: looked up per new
        -- buyer while they are added, it walked back over every number added so far (in the index, not in the
        -- statement's snapshot), which made a rebuild at SCALE=large quadratic.
        FOR buyer_store IN SELECT DISTINCT a.store_id FROM added_cells AS a LOOP
            SELECT max(n.buyer_number) INTO last_number
            FROM retail.sales_buyer_numbers AS n WHERE n.store_id = buyer_store;
            INSERT INTO retail.sales_buyer_numbers (store_id, customer_id, buyer_number)
            SELECT buyer_store, f.customer_id, coalesce(last_number, -1) + row_number() OVER (ORDER BY f.customer_id)
            FROM (
                SELECT DISTINCT a.customer_id
                FROM added_cells AS a
                WHERE a.store_id = buyer_store
                  AND NOT EXISTS (
                      SELECT FROM retail.sales_buyer_numbers AS n
                      WHERE n.store_id = buyer_store AND n.customer_id = a.customer_id
                  )
            ) AS f;
        END LOOP;

        INSERT INTO retail.sales_buyers_month AS b (month, store_id, status, chunk, buyers)
        SELECT a.month, a.store_id, a.status, retail.buyer_chunk(n.buyer_number),
               bit_or(retail.buyer_mask(n.buyer_number))
        FROM added_cells AS a
        INNER JOIN retail.sales_buyer_numbers AS n ON a.store_id = n.store_id AND a.customer_id = n.customer_id
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (month, store_id, status, chunk) DO UPDATE SET buyers = b.buyers | excluded.buyers;
    END;
    RETURN NULL;
END
$$;

ALTER FUNCTION retail.customer_cells_added() OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION customer_cells_added(); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.customer_cells_added() IS 'Trigger: numbers the new buyers of the customer rollup''s added cells and sets their bits (sales_buyers_month).';

--
-- Name: customer_cells_removed(); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.customer_cells_removed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    UPDATE retail.sales_buyers_month AS b
    SET buyers = b.buyers & ~g.buyers
    FROM (
        SELECT r.month, r.store_id, r.status, retail.buyer_chunk(n.buyer_number) AS chunk,
               bit_or(retail.buyer_mask(n.buyer_number)) AS buyers
        FROM removed_cells AS r
        INNER JOIN retail.sales_buyer_numbers AS n ON r.store_id = n.store_id AND r.customer_id = n.customer_id
        GROUP BY 1, 2, 3, 4
    ) AS g
    WHERE b.month = g.month AND b.store_id = g.store_id AND b.status = g.status AND b.chunk = g.chunk;

    DELETE FROM retail.sales_buyers_month AS b
    USING (SELECT DISTINCT r.month, r.store_id, r.status FROM removed_cells AS r) AS g
    WHERE b.month = g.month AND b.store_id = g.store_id AND b.status = g.status AND bit_count(b.buyers) = 0;
    RETURN NULL;
END
$$;

ALTER FUNCTION retail.customer_cells_removed() OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION customer_cells_removed(); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.customer_cells_removed() IS 'Trigger: clears the bits of the customer rollup''s deleted cells (sales_buyers_month).';

--
-- Name: customer_sales(retail.period_cells, text[], uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.customer_sales(cells retail.period_cells, statuses text[], wanted_store uuid) RETURNS TABLE(store_id uuid, customer_id uuid, orders bigint, revenue_cents bigint)
    LANGUAGE sql STABLE
    AS $$
    SELECT r.store_id, r.customer_id, r.orders::bigint, r.revenue_cents
    FROM retail.sales_customer_month AS r
    WHERE r.month = ANY((cells).months)
      AND r.status = ANY(statuses)
      AND (wanted_store IS NULL OR r.store_id = wanted_store)
    UNION ALL
    SELECT f.store_id, f.customer_id, count(DISTINCT f.order_id), (100 * sum(f.revenue))::bigint
    FROM retail.sales_facts AS f
    WHERE f.order_date = ANY((cells).days)
      AND f.status = ANY(statuses)
      AND (wanted_store IS NULL OR f.store_id = wanted_store)
    GROUP BY f.store_id, f.customer_id
$$;

ALTER FUNCTION retail.customer_sales(cells retail.period_cells, statuses text[], wanted_store uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION customer_sales(cells retail.period_cells, statuses text[], wanted_store uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.customer_sales(cells retail.period_cells, statuses text[], wanted_store uuid) IS 'Sales per store and customer in a period, as rows to sum: the customer x month rollup for the whole months, the
lines of the days around them. Money in cents.';

--
-- Name: customers_by_bound(uuid, integer, bigint); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.customers_by_bound(wanted_store uuid, how_many integer, at_least bigint) RETURNS uuid[]
    LANGUAGE plpgsql STABLE
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

ALTER FUNCTION retail.customers_by_bound(wanted_store uuid, how_many integer, at_least bigint) OWNER TO zava_owner;

--
-- Name: FUNCTION customers_by_bound(wanted_store uuid, how_many integer, at_least bigint); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.customers_by_bound(wanted_store uuid, how_many integer, at_least bigint) IS 'Up to how_many customers whose bound (sales over all time) at wanted_store, or at every store (NULL), is at least
at_least, highest first.';

--
-- Name: day_sales(date, date, text[], uuid, uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.day_sales(period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid) RETURNS TABLE(order_date date, store_id uuid, orders bigint, lines bigint, units numeric, revenue_cents bigint, cost_cents bigint, discount_cents bigint)
    LANGUAGE sql STABLE
    AS $$
    SELECT r.order_date, r.store_id, r.orders::bigint, r.lines::bigint, r.units::numeric, r.revenue_cents,
           r.cost_cents, r.discount_cents
    FROM retail.sales_store_day AS r
    WHERE wanted_category IS NULL
      AND r.order_date BETWEEN period_start AND period_end
      AND r.status = ANY(statuses)
      AND (wanted_store IS NULL OR r.store_id = wanted_store)
    UNION ALL
    SELECT r.order_date, r.store_id, r.orders::bigint, r.lines::bigint, r.units::numeric, r.revenue_cents,
           r.cost_cents, r.discount_cents
    FROM retail.sales_category_day AS r
    WHERE r.category_id = wanted_category
      AND r.order_date BETWEEN period_start AND period_end
      AND r.status = ANY(statuses)
      AND (wanted_store IS NULL OR r.store_id = wanted_store)
$$;

ALTER FUNCTION retail.day_sales(period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION day_sales(period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.day_sales(period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid) IS 'Sales per day and store in a period, of one category (category x day rollup) or of all (store x day rollup).
Money in cents.';

--
-- Name: days_with_data(date, date, date); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.days_with_data(first_day date, last_day date, data_end date) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT greatest(0, least(last_day, data_end) - first_day + 1)
$$;

ALTER FUNCTION retail.days_with_data(first_day date, last_day date, data_end date) OWNER TO zava_owner;

--
-- Name: FUNCTION days_with_data(first_day date, last_day date, data_end date); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.days_with_data(first_day date, last_day date, data_end date) IS 'Days of first_day..last_day up to data_end: how much of a period the data covers.';

--
-- Name: email_for_caller(text, uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.email_for_caller(email text, primary_store_id uuid) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    SELECT CASE
        WHEN primary_store_id = retail.get_current_user_store() THEN email
        ELSE left(email, 1) || '***@' || split_part(email, '@', 2)
    END
$$;

ALTER FUNCTION retail.email_for_caller(email text, primary_store_id uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION email_for_caller(email text, primary_store_id uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.email_for_caller(email text, primary_store_id uuid) IS 'The email in full for the manager of the customer''s store, masked (j***@example.com) for everyone else.';

--
-- Name: get_current_user_store(); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.get_current_user_store() RETURNS uuid
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
    IF pg_catalog.current_setting('retail.scope_for', true)
        IS DISTINCT FROM retail.scope_key(pg_catalog.current_setting('mcp.identity', true)) THEN
        PERFORM retail.load_own_scope();
    END IF;
    RETURN nullif(pg_catalog.current_setting('retail.scope_store'), '')::uuid;
END
$$;

ALTER FUNCTION retail.get_current_user_store() OWNER TO zava_owner;

--
-- Name: FUNCTION get_current_user_store(); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.get_current_user_store() IS 'The store the calling store manager runs; NULL for every other caller (fails closed).';

--
-- Name: get_user_store_list(); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.get_user_store_list() RETURNS uuid[]
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
    IF pg_catalog.current_setting('retail.scope_for', true)
        IS DISTINCT FROM retail.scope_key(pg_catalog.current_setting('mcp.identity', true)) THEN
        PERFORM retail.load_own_scope();
    END IF;
    RETURN pg_catalog.current_setting('retail.scope_stores')::uuid[];
END
$$;

ALTER FUNCTION retail.get_user_store_list() OWNER TO zava_owner;

--
-- Name: FUNCTION get_user_store_list(); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.get_user_store_list() IS 'The stores the caller may see (one, a region, or all); empty for unknown callers (fails closed).';

--
-- Name: grant_new_store_access(); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.grant_new_store_access() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO retail.managers (rls_user_id, manager_name, access_level)
    VALUES (NEW.rls_user_id, 'Store manager, ' || NEW.store_name, 'store_manager')
    ON CONFLICT (rls_user_id) DO NOTHING;

    INSERT INTO retail.manager_stores (rls_user_id, store_id)
    SELECT m.rls_user_id, NEW.store_id
    FROM retail.managers AS m
    WHERE m.access_level = 'head_office'
        OR (m.rls_user_id = NEW.rls_user_id AND m.access_level = 'store_manager')
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

ALTER FUNCTION retail.grant_new_store_access() OWNER TO zava_owner;

--
-- Name: FUNCTION grant_new_store_access(); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.grant_new_store_access() IS 'Trigger: gives a new store''s rls_user_id its store and adds the store to head office.';

--
-- Name: hour_sales(retail.period_cells, text[], uuid, uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.hour_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) RETURNS TABLE(store_id uuid, hour integer, orders bigint, units numeric, revenue_cents bigint)
    LANGUAGE sql STABLE
    AS $$
    WITH parts AS (
        SELECT r.store_id, r.hour::integer AS hour, r.orders::bigint AS orders, r.units::numeric AS units,
               r.revenue_cents
        FROM retail.sales_hour_month AS r
        WHERE wanted_category IS NULL
          AND r.month = ANY((cells).months)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
        UNION ALL
        SELECT f.store_id, extract(HOUR FROM f.created_at AT TIME ZONE retail.business_time_zone())::integer,
               count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint
        FROM retail.sales_facts AS f
        WHERE wanted_category IS NULL
          AND f.order_date = ANY((cells).days)
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
        GROUP BY 1, 2
        UNION ALL
        -- A twin of the branch above on purpose: one branch reading "partial months or the whole period" got a
        -- generic plan 50x slower (670 ms against 14 ms at full) from the sixth call on.
        SELECT f.store_id, extract(HOUR FROM f.created_at AT TIME ZONE retail.business_time_zone())::integer,
               count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint
        FROM retail.sales_facts AS f
        WHERE f.category_id = wanted_category
          AND f.order_date BETWEEN (cells).first_day AND (cells).last_day
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
        GROUP BY 1, 2
    )
    SELECT c.store_id, c.hour, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint
    FROM parts AS c
    GROUP BY c.store_id, c.hour
$$;

ALTER FUNCTION retail.hour_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION hour_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.hour_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) IS 'Sales per store and hour of the day (the chain''s time zone) in a period, from the hour x month rollup plus the
lines of partial months (all lines when a category is asked for). Money in cents.';

--
-- Name: last_order_date(uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.last_order_date(wanted_store uuid) RETURNS date
    LANGUAGE sql STABLE
    AS $$
    SELECT max(o.order_date) FROM retail.orders AS o WHERE wanted_store IS NULL OR o.store_id = wanted_store
$$;

ALTER FUNCTION retail.last_order_date(wanted_store uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION last_order_date(wanted_store uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.last_order_date(wanted_store uuid) IS 'The last order date the caller can see, of wanted_store when given (NULL: of every store it sees).';

--
-- Name: load_own_scope(); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.load_own_scope() RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RETURN auth.request_role(current_setting('mcp.identity', true));
END
$$;

ALTER FUNCTION retail.load_own_scope() OWNER TO zava_owner;

--
-- Name: FUNCTION load_own_scope(); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.load_own_scope() IS 'Keeps the scope of the caller''s identity (the setting mcp.identity) for the transaction and returns its request
role (auth.request_role).';

--
-- Name: low_stock_rows(retail.period_cells, text[], uuid, uuid, integer, date); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.low_stock_rows(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) RETURNS TABLE(store character varying, sku character varying, product character varying, category character varying, stock_level integer, units_sold_last_90_days bigint, days_of_cover numeric, as_of date, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH sold AS (
        SELECT ps.store_id, ps.product_id, ps.units
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
    )
    SELECT
        s.store_name, p.sku, p.product_name, c.category_name, i.stock_level,
        coalesce(sd.units, 0)::bigint,
        round(i.stock_level / nullif(sd.units / 90.0, 0), 1),
        latest_day,
        array_to_string(statuses, ', ')
    FROM retail.inventory AS i
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    LEFT JOIN sold AS sd ON sd.store_id = i.store_id AND sd.product_id = i.product_id
    WHERE i.stock_level <= low_stock_rows.threshold
      AND (wanted_store IS NULL OR i.store_id = wanted_store)
      AND (wanted_category IS NULL OR p.category_id = wanted_category)
    ORDER BY i.stock_level, coalesce(sd.units, 0) DESC, s.store_name, p.sku;
END
$$;

ALTER FUNCTION retail.low_stock_rows(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) OWNER TO zava_owner;

--
-- Name: FUNCTION low_stock_rows(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.low_stock_rows(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) IS 'get_low_stock''s listing (planned once per connection).';

--
-- Name: low_stock_rows_planned(retail.period_cells, text[], uuid, uuid, integer, date); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.low_stock_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) RETURNS TABLE(store character varying, sku character varying, product character varying, category character varying, stock_level integer, units_sold_last_90_days bigint, days_of_cover numeric, as_of date, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH sold AS (
        SELECT ps.store_id, ps.product_id, ps.units
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
    )
    SELECT
        s.store_name, p.sku, p.product_name, c.category_name, i.stock_level,
        coalesce(sd.units, 0)::bigint,
        round(i.stock_level / nullif(sd.units / 90.0, 0), 1),
        latest_day,
        array_to_string(statuses, ', ')
    FROM retail.inventory AS i
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    LEFT JOIN sold AS sd ON sd.store_id = i.store_id AND sd.product_id = i.product_id
    WHERE i.stock_level <= low_stock_rows_planned.threshold
      AND (wanted_store IS NULL OR i.store_id = wanted_store)
      AND (wanted_category IS NULL OR p.category_id = wanted_category)
    ORDER BY i.stock_level, coalesce(sd.units, 0) DESC, s.store_name, p.sku;
END
$$;

ALTER FUNCTION retail.low_stock_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) OWNER TO zava_owner;

--
-- Name: FUNCTION low_stock_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.low_stock_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) IS 'get_low_stock''s listing (planned for each call).';

--
-- Name: money(numeric); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.money(cents numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT round(cents / 100, 2)
$$;

ALTER FUNCTION retail.money(cents numeric) OWNER TO zava_owner;

--
-- Name: FUNCTION money(cents numeric); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.money(cents numeric) IS 'An amount in cents as money: 123456 -> 1234.56.';

--
-- Name: order_lines_changed(); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.order_lines_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO retail.sales_changes (
        subject, order_id, store_id, order_item_id, product_id, quantity, total_amount, discount_amount
    )
    SELECT 'line', o.order_id, o.store_id, o.order_item_id, o.product_id, o.quantity, o.total_amount,
           o.discount_amount
    FROM old_lines AS o
    WHERE NOT EXISTS (
        SELECT FROM retail.order_items AS n
        WHERE n.order_item_id = o.order_item_id AND n.store_id = o.store_id
          AND (n.order_id, n.product_id, n.quantity, n.total_amount, n.discount_amount)
          = (o.order_id, o.product_id, o.quantity, o.total_amount, o.discount_amount)
    );
    RETURN NULL;
END
$$;

ALTER FUNCTION retail.order_lines_changed() OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION order_lines_changed(); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.order_lines_changed() IS 'Trigger: logs changed or deleted order lines, as they were, for the sales rollups.';

--
-- Name: order_lines_inserted(); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.order_lines_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO retail.sales_changes (subject, order_id, store_id, order_item_id, was_absent)
    SELECT 'line', n.order_id, n.store_id, n.order_item_id, true FROM new_lines AS n;
    RETURN NULL;
END
$$;

ALTER FUNCTION retail.order_lines_inserted() OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION order_lines_inserted(); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.order_lines_inserted() IS 'Trigger: logs new order lines for the sales rollups.';

--
-- Name: orders_changed(); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.orders_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO retail.sales_changes (subject, order_id, store_id, order_date, status, created_at, customer_id)
    SELECT 'order', o.order_id, o.store_id, o.order_date, o.status, o.created_at, o.customer_id
    FROM old_orders AS o
    WHERE NOT EXISTS (
        SELECT FROM retail.orders AS n
        WHERE n.order_id = o.order_id AND n.store_id = o.store_id
          AND (n.order_date, n.status, n.created_at, n.customer_id)
          = (o.order_date, o.status, o.created_at, o.customer_id)
    );
    RETURN NULL;
END
$$;

ALTER FUNCTION retail.orders_changed() OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION orders_changed(); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.orders_changed() IS 'Trigger: logs orders whose date, status or creation time changed, or that were deleted, as they were.';

--
-- Name: parse_uuid(text); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.parse_uuid(candidate text) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    SELECT CASE
        WHEN candidate ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN candidate::uuid
    END
$_$;

ALTER FUNCTION retail.parse_uuid(candidate text) OWNER TO zava_owner;

--
-- Name: FUNCTION parse_uuid(candidate text); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.parse_uuid(candidate text) IS 'The text as a uuid, or NULL when it is not a well-formed uuid.';

--
-- Name: period_cells(date, date); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.period_cells(period_start date, period_end date) RETURNS retail.period_cells
    LANGUAGE plpgsql IMMUTABLE
    AS $$
DECLARE
    cells retail.period_cells := ROW(period_start, period_end, '{}', '{}', '{}', '{}', '{}', '{}', '{}');
    -- [month_from, month_to): the whole months; empty when month_from >= month_to. Timestamps without time zone,
    -- so that no session setting moves a boundary.
    month_from date := date_trunc('month', (period_start - 1)::timestamp) + interval '1 month';
    month_to date := date_trunc('month', (period_end + 1)::timestamp);
    around daterange[];
    piece daterange;
    week_from date;
    week_to date;
    unit_end date;
    day date;
BEGIN
    IF month_from < month_to THEN
        day := month_from;
        WHILE day < month_to LOOP
            -- The largest whole unit starting here: a year (January to December inside the months), else a
            -- quarter, else the month; its months are whole months all the same.
            IF extract(MONTH FROM day) = 1 AND day + interval '1 year' <= month_to THEN
                cells.years := cells.years || day;
                unit_end := day + interval '1 year';
            ELSIF extract(MONTH FROM day) IN (1, 4, 7, 10) AND day + interval '3 months' <= month_to THEN
                cells.quarters := cells.quarters || day;
                unit_end := day + interval '3 months';
            ELSE
                cells.lone_months := cells.lone_months || day;
                unit_end := day + interval '1 month';
            END IF;
            WHILE day < unit_end LOOP
                cells.months := cells.months || day;
                day := day + interval '1 month';
            END LOOP;
        END LOOP;
        around := ARRAY[daterange(period_start, month_from), daterange(month_to, period_end + 1)];
    ELSE
        around := ARRAY[daterange(period_start, period_end + 1)];
    END IF;
    FOREACH piece IN ARRAY around LOOP
        CONTINUE WHEN isempty(piece);
        -- [week_from, week_to): the whole weeks inside the piece.
        week_from := date_trunc('week', (lower(piece) - 1)::timestamp) + interval '1 week';
        week_to := date_trunc('week', upper(piece)::timestamp);
        day := lower(piece);
        WHILE day < upper(piece) LOOP
            cells.days := cells.days || day;
            IF day >= week_from AND day < week_to THEN
                IF extract(ISODOW FROM day) = 1 THEN
                    cells.weeks := cells.weeks || day;
                END IF;
            ELSE
                cells.edge_days := cells.edge_days || day;
            END IF;
            day := day + 1;
        END LOOP;
    END LOOP;
    RETURN cells;
END
$$;

ALTER FUNCTION retail.period_cells(period_start date, period_end date) OWNER TO zava_owner;

--
-- Name: FUNCTION period_cells(period_start date, period_end date); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.period_cells(period_start date, period_end date) IS 'An inclusive period as its whole months (also as whole years, quarters and months), the whole weeks among the
other days, and the days (see type retail.period_cells).';

--
-- Name: previous_period_start(date, date); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.previous_period_start(period_start date, period_end date) RETURNS date
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT CASE
        WHEN extract(DAY FROM period_start) = 1 AND period_end + 1 = date_trunc('month', period_end + 1)::date
            THEN (period_start - make_interval(months => (
                (extract(YEAR FROM period_end) * 12 + extract(MONTH FROM period_end))
                - (extract(YEAR FROM period_start) * 12 + extract(MONTH FROM period_start)) + 1)::int))::date
        ELSE period_start - (period_end - period_start + 1)
    END
$$;

ALTER FUNCTION retail.previous_period_start(period_start date, period_end date) OWNER TO zava_owner;

--
-- Name: FUNCTION previous_period_start(period_start date, period_end date); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.previous_period_start(period_start date, period_end date) IS 'Start of the comparison period: same months before for whole months, else same number of days before.';

--
-- Name: product_sales(retail.period_cells, text[], uuid, uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.product_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) RETURNS TABLE(store_id uuid, product_id uuid, orders bigint, units numeric, revenue_cents bigint, cost_cents bigint, discount_cents bigint)
    LANGUAGE sql STABLE
    AS $$
    WITH parts AS (
        SELECT r.store_id, r.product_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.sales_product_year AS r
        WHERE r.year = ANY((cells).years)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          -- Not a join: without a category the planner drops this test (a join cost a third of the time).
          AND (
              wanted_category IS NULL
              OR r.product_id IN (SELECT p.product_id FROM retail.products AS p WHERE p.category_id = wanted_category)
          )
        UNION ALL
        SELECT r.store_id, r.product_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.sales_product_quarter AS r
        WHERE r.quarter = ANY((cells).quarters)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          -- Not a join: without a category the planner drops this test (a join cost a third of the time).
          AND (
              wanted_category IS NULL
              OR r.product_id IN (SELECT p.product_id FROM retail.products AS p WHERE p.category_id = wanted_category)
          )
        UNION ALL
        SELECT r.store_id, r.product_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.sales_product_month AS r
        WHERE r.month = ANY((cells).lone_months)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          -- Not a join: without a category the planner drops this test (a join cost a third of the time).
          AND (
              wanted_category IS NULL
              OR r.product_id IN (SELECT p.product_id FROM retail.products AS p WHERE p.category_id = wanted_category)
          )
        UNION ALL
        SELECT r.store_id, r.product_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.sales_product_week AS r
        WHERE r.week = ANY((cells).weeks)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          -- Not a join: without a category the planner drops this test (a join cost a third of the time).
          AND (
              wanted_category IS NULL
              OR r.product_id IN (SELECT p.product_id FROM retail.products AS p WHERE p.category_id = wanted_category)
          )
        UNION ALL
        SELECT f.store_id, f.product_id, count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint,
               (100 * sum(f.cost_amount))::bigint, (100 * sum(f.discount_amount))::bigint
        FROM retail.sales_facts AS f
        WHERE f.order_date = ANY((cells).edge_days)
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
          AND (wanted_category IS NULL OR f.category_id = wanted_category)
        GROUP BY f.store_id, f.product_id
    )
    SELECT c.store_id, c.product_id, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint,
           sum(c.cost_cents)::bigint, sum(c.discount_cents)::bigint
    FROM parts AS c
    GROUP BY c.store_id, c.product_id
$$;

ALTER FUNCTION retail.product_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION product_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.product_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) IS 'Sales per store and product in a period, from the product x year, quarter, month and week rollups plus the lines
of the days outside whole weeks. Money in cents.';

--
-- Name: products_changed(); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.products_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    INSERT INTO retail.sales_changes (subject, product_id, cost, category_id, type_id)
    SELECT 'product', o.product_id, o.cost, o.category_id, o.type_id
    FROM old_products AS o
    WHERE NOT EXISTS (
        SELECT FROM retail.products AS n
        WHERE n.product_id = o.product_id AND (n.cost, n.category_id, n.type_id) = (o.cost, o.category_id, o.type_id)
    );
    RETURN NULL;
END
$$;

ALTER FUNCTION retail.products_changed() OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION products_changed(); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.products_changed() IS 'Trigger: logs products whose cost, category or type changed, as they were, for the sales rollups.';

--
-- Name: queryable_tables(); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.queryable_tables() RETURNS TABLE(table_name name, table_oid oid)
    LANGUAGE sql STABLE
    AS $$
    SELECT c.relname, c.oid
    FROM pg_catalog.pg_class AS c
    WHERE c.relnamespace = 'retail'::regnamespace AND c.relkind IN ('r', 'v')
      AND pg_catalog.has_any_column_privilege('zava_sql_reader', c.oid, 'SELECT')
    ORDER BY c.relname
$$;

ALTER FUNCTION retail.queryable_tables() OWNER TO zava_owner;

--
-- Name: FUNCTION queryable_tables(); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.queryable_tables() IS 'Tables and views of retail that ad-hoc queries may read.';

--
-- Name: ranked_products(retail.period_cells, text[], uuid, uuid, api.rank_metric, integer); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.ranked_products(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) RETURNS TABLE(rank bigint, sku character varying, product character varying, category character varying, units bigint, revenue numeric, orders bigint, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH totals AS (
        SELECT ps.product_id, sum(ps.units) AS units, retail.money(sum(ps.revenue_cents)) AS revenue,
               sum(ps.orders) AS orders
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
        GROUP BY ps.product_id
        HAVING sum(ps.orders) > 0
    ),
    ranked AS (
        SELECT t.*, row_number() OVER (ORDER BY
            CASE ranked_products.rank_by WHEN 'quantity' THEN t.units::numeric ELSE t.revenue END DESC,
            t.revenue DESC, t.product_id) AS rank
        FROM totals AS t
    )
    SELECT r.rank, p.sku, p.product_name, c.category_name, r.units::bigint, r.revenue, r.orders::bigint,
           array_to_string(statuses, ', ')
    FROM ranked AS r
    INNER JOIN retail.products AS p ON p.product_id = r.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    WHERE r.rank <= ranked_products.top_n
    ORDER BY r.rank;
END
$$;

ALTER FUNCTION retail.ranked_products(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) OWNER TO zava_owner;

--
-- Name: FUNCTION ranked_products(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.ranked_products(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) IS 'get_top_products'' ranking (planned once per connection).';

--
-- Name: ranked_products_planned(retail.period_cells, text[], uuid, uuid, api.rank_metric, integer); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.ranked_products_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) RETURNS TABLE(rank bigint, sku character varying, product character varying, category character varying, units bigint, revenue numeric, orders bigint, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH totals AS (
        SELECT ps.product_id, sum(ps.units) AS units, retail.money(sum(ps.revenue_cents)) AS revenue,
               sum(ps.orders) AS orders
        FROM retail.product_sales(cells, statuses, wanted_store, wanted_category) AS ps
        GROUP BY ps.product_id
        HAVING sum(ps.orders) > 0
    ),
    ranked AS (
        SELECT t.*, row_number() OVER (ORDER BY
            CASE ranked_products_planned.rank_by WHEN 'quantity' THEN t.units::numeric ELSE t.revenue END DESC,
            t.revenue DESC, t.product_id) AS rank
        FROM totals AS t
    )
    SELECT r.rank, p.sku, p.product_name, c.category_name, r.units::bigint, r.revenue, r.orders::bigint,
           array_to_string(statuses, ', ')
    FROM ranked AS r
    INNER JOIN retail.products AS p ON p.product_id = r.product_id
    INNER JOIN retail.categories AS c ON c.category_id = p.category_id
    WHERE r.rank <= ranked_products_planned.top_n
    ORDER BY r.rank;
END
$$;

ALTER FUNCTION retail.ranked_products_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) OWNER TO zava_owner;

--
-- Name: FUNCTION ranked_products_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.ranked_products_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) IS 'get_top_products'' ranking (planned for each call).';

--
-- Name: rebuild_sales_rollups(boolean); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.rebuild_sales_rollups(only_if_empty boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- A rollup added to a database that has the others is empty (the buyer bitmaps too): everything is rebuilt then.
    IF only_if_empty
        AND EXISTS (SELECT FROM retail.sales_store_day)
        AND EXISTS (SELECT FROM retail.sales_category_day)
        AND EXISTS (SELECT FROM retail.sales_type_month)
        AND EXISTS (SELECT FROM retail.sales_product_month)
        AND EXISTS (SELECT FROM retail.sales_hour_month)
        AND EXISTS (SELECT FROM retail.sales_customer_month)
        AND EXISTS (SELECT FROM retail.sales_product_week)
        AND EXISTS (SELECT FROM retail.sales_product_quarter)
        AND EXISTS (SELECT FROM retail.sales_product_year)
        AND EXISTS (SELECT FROM retail.sales_customer_store_total)
        AND EXISTS (SELECT FROM retail.sales_customer_total)
        AND EXISTS (SELECT FROM retail.sales_buyers_month)
        THEN
        RETURN;
    END IF;
    -- The log too: the rebuild reads every change it holds. Its lock waits for writers in flight and holds back
    -- new ones (their log rows) until the rebuild commits, so nothing is counted twice or lost.
    TRUNCATE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month, retail.sales_hour_month, retail.sales_customer_month, retail.sales_product_week, retail.sales_product_quarter, retail.sales_product_year, retail.sales_customer_store_total, retail.sales_customer_total, retail.sales_buyers_month, retail.sales_buyer_numbers,
    retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month, retail.sales_changes;
    INSERT INTO retail.sales_store_day
    SELECT f.order_date, f.store_id, f.status, count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3;
    INSERT INTO retail.sales_category_day
    SELECT f.order_date, f.store_id, f.status, f.category_id, count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_type_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, f.type_id, count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_product_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, f.product_id, count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_hour_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, extract(HOUR FROM f.created_at AT TIME ZONE retail.business_time_zone()), count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_customer_month
    SELECT date_trunc('month', f.order_date)::date, f.store_id, f.status, f.customer_id, count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_product_week
    SELECT date_trunc('week', f.order_date)::date, f.store_id, f.status, f.product_id, count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_product_quarter
    SELECT date_trunc('quarter', r.month)::date, r.store_id, r.status, r.product_id, sum(r.orders), sum(r.lines), sum(r.units),
           sum(r.revenue_cents), sum(r.cost_cents), sum(r.discount_cents)
    FROM retail.sales_product_month AS r GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_product_year
    SELECT date_trunc('year', r.month)::date, r.store_id, r.status, r.product_id, sum(r.orders), sum(r.lines), sum(r.units),
           sum(r.revenue_cents), sum(r.cost_cents), sum(r.discount_cents)
    FROM retail.sales_product_month AS r GROUP BY 1, 2, 3, 4;
    INSERT INTO retail.sales_customer_store_total
    SELECT r.store_id, r.customer_id, sum(r.orders), sum(r.lines), sum(r.units),
           sum(r.revenue_cents), sum(r.cost_cents), sum(r.discount_cents)
    FROM retail.sales_customer_month AS r GROUP BY 1, 2;
    INSERT INTO retail.sales_customer_total
    SELECT r.customer_id, sum(r.orders), sum(r.lines), sum(r.units),
           sum(r.revenue_cents), sum(r.cost_cents), sum(r.discount_cents)
    FROM retail.sales_customer_store_total AS r GROUP BY 1;
    -- The buyer bitmaps, which the customer rollup's triggers (sql/functions/0155) filled unless they did not fire
    -- (seed.py's bulk load runs with session_replication_role = replica).
    IF NOT EXISTS (SELECT FROM retail.sales_buyers_month) THEN
        DECLARE
        buyer_store uuid;
        last_number integer;
    BEGIN
        -- Store by store, the store's last number looked up before its new buyers are added: looked up per new
        -- buyer while they are added, it walked back over every number added so far (in the index, not in the
        -- statement's snapshot), which made a rebuild at SCALE=large quadratic.
        FOR buyer_store IN SELECT DISTINCT a.store_id FROM retail.sales_customer_month AS a LOOP
            SELECT max(n.buyer_number) INTO last_number
            FROM retail.sales_buyer_numbers AS n WHERE n.store_id = buyer_store;
            INSERT INTO retail.sales_buyer_numbers (store_id, customer_id, buyer_number)
            SELECT buyer_store, f.customer_id, coalesce(last_number, -1) + row_number() OVER (ORDER BY f.customer_id)
            FROM (
                SELECT DISTINCT a.customer_id
                FROM retail.sales_customer_month AS a
                WHERE a.store_id = buyer_store
                  AND NOT EXISTS (
                      SELECT FROM retail.sales_buyer_numbers AS n
                      WHERE n.store_id = buyer_store AND n.customer_id = a.customer_id
                  )
            ) AS f;
        END LOOP;

        INSERT INTO retail.sales_buyers_month AS b (month, store_id, status, chunk, buyers)
        SELECT a.month, a.store_id, a.status, retail.buyer_chunk(n.buyer_number),
               bit_or(retail.buyer_mask(n.buyer_number))
        FROM retail.sales_customer_month AS a
        INNER JOIN retail.sales_buyer_numbers AS n ON a.store_id = n.store_id AND a.customer_id = n.customer_id
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (month, store_id, status, chunk) DO UPDATE SET buyers = b.buyers | excluded.buyers;
    END;
    END IF;
    -- The customer cohorts and repeat buyers (sql/functions/0157) likewise, after the buyer numbers.
    PERFORM retail.refresh_customer_cohorts(NULL, only_if_empty => true);
    ANALYZE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month, retail.sales_hour_month, retail.sales_customer_month, retail.sales_product_week, retail.sales_product_quarter, retail.sales_product_year, retail.sales_customer_store_total, retail.sales_customer_total, retail.sales_buyers_month, retail.sales_buyer_numbers,
    retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month;
END
$$;

ALTER FUNCTION retail.rebuild_sales_rollups(only_if_empty boolean) OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION rebuild_sales_rollups(only_if_empty boolean); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.rebuild_sales_rollups(only_if_empty boolean) IS 'Recomputes the sales rollups from the order lines (after a bulk load without triggers).';

--
-- Name: refresh_customer_cohorts(retail.customer_cell[], boolean); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.refresh_customer_cohorts(cells retail.customer_cell[], only_if_empty boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF only_if_empty AND EXISTS (SELECT FROM retail.sales_customer_cohort) THEN
        RETURN;
    END IF;
    IF cells IS NULL OR NOT EXISTS (SELECT FROM retail.sales_customer_cohort) THEN
        TRUNCATE retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month;
        INSERT INTO retail.sales_customer_first (store_id, status, customer_id, first_month)
        SELECT r.store_id, r.status, r.customer_id, min(r.month)
        FROM retail.sales_customer_month AS r
        GROUP BY r.store_id, r.status, r.customer_id;
        INSERT INTO retail.sales_customer_cohort (month, store_id, status, cohort, customers, orders, revenue_cents)
        SELECT r.month, r.store_id, r.status, f.first_month, count(*), sum(r.orders), sum(r.revenue_cents)
        FROM retail.sales_customer_month AS r
        INNER JOIN retail.sales_customer_first AS f
            ON r.store_id = f.store_id AND r.status = f.status AND r.customer_id = f.customer_id
        GROUP BY r.month, r.store_id, r.status, f.first_month;
        INSERT INTO retail.sales_repeat_buyers_month (month, store_id, status, chunk, buyers)
        SELECT r.month, r.store_id, r.status, retail.buyer_chunk(n.buyer_number),
               bit_or(retail.buyer_mask(n.buyer_number))
        FROM retail.sales_customer_month AS r
        INNER JOIN retail.sales_buyer_numbers AS n ON r.store_id = n.store_id AND r.customer_id = n.customer_id
        WHERE r.orders >= 2
        GROUP BY 1, 2, 3, 4;
        RETURN;
    END IF;

    -- The cohorts, moved by the changes. Each changed cell as it is now and as it was (now minus the change; a cell
    -- exists while it has an order). Each changed customer's first month as kept (before) and as it is now, each
    -- looked up by its keys.
    WITH changed AS (
        SELECT c.store_id, c.status, c.customer_id, c.month,
               coalesce(r.orders, 0) AS orders_now, coalesce(r.revenue_cents, 0) AS revenue_now,
               coalesce(r.orders, 0) - c.orders AS orders_before,
               coalesce(r.revenue_cents, 0) - c.revenue_cents AS revenue_before
        FROM unnest(cells) AS c
        LEFT JOIN retail.sales_customer_month AS r
            ON r.month = c.month AND r.store_id = c.store_id AND r.status = c.status AND r.customer_id = c.customer_id
    ),
    customers AS (
        SELECT k.*, (
            SELECT f.first_month
            FROM retail.sales_customer_first AS f
            WHERE f.store_id = k.store_id AND f.status = k.status AND f.customer_id = k.customer_id
        ) AS first_before, (
            SELECT min(r.month)
            FROM retail.sales_customer_month AS r
            WHERE r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        ) AS first_now
        FROM (SELECT DISTINCT c.store_id, c.status, c.customer_id FROM changed AS c) AS k
    ),
    moves AS (
        -- The changed cells, in the cohort they were in: their change. For a customer whose first month stayed,
        -- that is all; one whose first month moved has, on top, every cell as it is taken out of the old cohort
        -- (a changed cell as it was = as it is minus its change) and put into the new one.
        SELECT c.month, c.store_id, c.status, k.first_before AS cohort,
               (c.orders_now > 0)::integer - (c.orders_before > 0)::integer AS customers,
               c.orders_now - c.orders_before AS orders, c.revenue_now - c.revenue_before AS revenue_cents
        FROM changed AS c
        INNER JOIN customers AS k ON k.store_id = c.store_id AND k.status = c.status AND k.customer_id = c.customer_id
        WHERE k.first_before IS NOT NULL
        UNION ALL
        SELECT r.month, r.store_id, r.status, k.first_before, -1, -r.orders, -r.revenue_cents
        FROM customers AS k
        INNER JOIN retail.sales_customer_month AS r
            ON r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        WHERE k.first_before <> k.first_now
        UNION ALL
        SELECT r.month, r.store_id, r.status, k.first_now, 1, r.orders, r.revenue_cents
        FROM customers AS k
        INNER JOIN retail.sales_customer_month AS r
            ON r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        WHERE k.first_before IS DISTINCT FROM k.first_now
    ),
    delta AS (
        SELECT m.month, m.store_id, m.status, m.cohort, sum(m.customers) AS customers, sum(m.orders) AS orders,
               sum(m.revenue_cents) AS revenue_cents
        FROM moves AS m
        GROUP BY m.month, m.store_id, m.status, m.cohort
        HAVING (sum(m.customers), sum(m.orders), sum(m.revenue_cents)) <> (0, 0, 0)
    ),
    -- A cohort's month left without customers is deleted (as a rebuild would not make it); the others upserted.
    emptied AS (
        DELETE FROM retail.sales_customer_cohort AS t
        USING delta AS d
        WHERE (t.month, t.store_id, t.status, t.cohort) = (d.month, d.store_id, d.status, d.cohort)
          AND t.customers + d.customers = 0
        RETURNING t.month, t.store_id, t.status, t.cohort
    )
    INSERT INTO retail.sales_customer_cohort AS t (month, store_id, status, cohort, customers, orders, revenue_cents)
    SELECT d.month, d.store_id, d.status, d.cohort, d.customers, d.orders, d.revenue_cents
    FROM delta AS d
    WHERE NOT EXISTS (
        SELECT FROM emptied AS e
        WHERE (e.month, e.store_id, e.status, e.cohort) = (d.month, d.store_id, d.status, d.cohort)
    )
    ON CONFLICT (month, store_id, status, cohort) DO UPDATE SET
        customers = t.customers + excluded.customers, orders = t.orders + excluded.orders,
        revenue_cents = t.revenue_cents + excluded.revenue_cents;

    -- The first months kept: as they are now (gone for a customer with no cell left at the store in that status).
    WITH customers AS (
        SELECT k.*, (
            SELECT min(r.month)
            FROM retail.sales_customer_month AS r
            WHERE r.store_id = k.store_id AND r.status = k.status AND r.customer_id = k.customer_id
        ) AS first_now
        FROM (SELECT DISTINCT c.store_id, c.status, c.customer_id FROM unnest(cells) AS c) AS k
    ),
    gone AS (
        DELETE FROM retail.sales_customer_first AS f
        USING customers AS k
        WHERE k.first_now IS NULL
          AND f.store_id = k.store_id AND f.status = k.status AND f.customer_id = k.customer_id
    )
    INSERT INTO retail.sales_customer_first AS f (store_id, status, customer_id, first_month)
    SELECT k.store_id, k.status, k.customer_id, k.first_now FROM customers AS k WHERE k.first_now IS NOT NULL
    ON CONFLICT (store_id, status, customer_id) DO UPDATE SET first_month = excluded.first_month
    WHERE f.first_month <> excluded.first_month;

    -- The repeat buyers: a bit set where a cell's orders reached two, cleared where they fell below (the buyer
    -- numbers exist: the customer rollup's trigger gives them when a customer's first cell at a store appears).
    WITH crossed AS (
        -- Each buyer number looked up by its keys (joined, the planner read them all: ~700,000 at SCALE=large).
        SELECT c.month, c.store_id, c.status, retail.buyer_chunk(c.buyer_number) AS chunk,
               bit_or(retail.buyer_mask(c.buyer_number)) FILTER (WHERE c.orders_now >= 2) AS reached,
               bit_or(retail.buyer_mask(c.buyer_number)) FILTER (WHERE c.orders_now < 2) AS fell
        FROM (
            SELECT c.*, (
                SELECT n.buyer_number
                FROM retail.sales_buyer_numbers AS n
                WHERE n.store_id = c.store_id AND n.customer_id = c.customer_id
            ) AS buyer_number
            FROM (
                SELECT c.*, coalesce(r.orders, 0) AS orders_now, coalesce(r.orders, 0) - c.orders AS orders_before
                FROM unnest(cells) AS c
                LEFT JOIN retail.sales_customer_month AS r
                    ON r.month = c.month AND r.store_id = c.store_id AND r.status = c.status
                    AND r.customer_id = c.customer_id
            ) AS c
            WHERE (c.orders_now >= 2) <> (c.orders_before >= 2)
        ) AS c
        GROUP BY 1, 2, 3, 4
    ),
    updated AS (
        UPDATE retail.sales_repeat_buyers_month AS b
        SET buyers = (b.buyers | coalesce(x.reached, B'0'::bit(8192))) & ~coalesce(x.fell, B'0'::bit(8192))
        FROM crossed AS x
        WHERE (b.month, b.store_id, b.status, b.chunk) = (x.month, x.store_id, x.status, x.chunk)
        RETURNING b.month, b.store_id, b.status, b.chunk
    )
    INSERT INTO retail.sales_repeat_buyers_month (month, store_id, status, chunk, buyers)
    SELECT x.month, x.store_id, x.status, x.chunk, x.reached
    FROM crossed AS x
    WHERE x.reached IS NOT NULL
      AND NOT EXISTS (
          SELECT FROM updated AS u
          WHERE (u.month, u.store_id, u.status, u.chunk) = (x.month, x.store_id, x.status, x.chunk)
      );
    DELETE FROM retail.sales_repeat_buyers_month AS b
    USING (SELECT DISTINCT c.month, c.store_id, c.status FROM unnest(cells) AS c) AS c
    WHERE (b.month, b.store_id, b.status) = (c.month, c.store_id, c.status) AND bit_count(b.buyers) = 0;
END
$$;

ALTER FUNCTION retail.refresh_customer_cohorts(cells retail.customer_cell[], only_if_empty boolean) OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION refresh_customer_cohorts(cells retail.customer_cell[], only_if_empty boolean); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.refresh_customer_cohorts(cells retail.customer_cell[], only_if_empty boolean) IS 'Moves the customer cohorts and repeat buyers (sql/schema/1290) by what a statement changed in the given customer
rollup cells; NULL: computes them all from the customer rollup.';

--
-- Name: sales_of_customers(uuid[], date, date, text[], uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.sales_of_customers(customers uuid[], period_start date, period_end date, statuses text[], wanted_store uuid) RETURNS TABLE(customer_id uuid, orders bigint, revenue_cents bigint)
    LANGUAGE sql STABLE
    AS $$
    SELECT s.customer_id, count(*), sum(s.revenue_cents)::bigint
    FROM retail.order_sales AS s
    WHERE s.customer_id = ANY(customers)
      AND s.order_date BETWEEN period_start AND period_end
      AND s.status = ANY(statuses)
      AND (wanted_store IS NULL OR s.store_id = wanted_store)
    GROUP BY s.customer_id
$$;

ALTER FUNCTION retail.sales_of_customers(customers uuid[], period_start date, period_end date, statuses text[], wanted_store uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION sales_of_customers(customers uuid[], period_start date, period_end date, statuses text[], wanted_store uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.sales_of_customers(customers uuid[], period_start date, period_end date, statuses text[], wanted_store uuid) IS 'Orders and revenue (cents) per customer of the given customers in a period, counting the given statuses, at
wanted_store (NULL: every store the caller sees).';

--
-- Name: sales_truncated(); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.sales_truncated() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    TRUNCATE retail.sales_store_day, retail.sales_category_day, retail.sales_type_month, retail.sales_product_month, retail.sales_hour_month, retail.sales_customer_month, retail.sales_product_week, retail.sales_product_quarter, retail.sales_product_year, retail.sales_customer_store_total, retail.sales_customer_total, retail.sales_buyers_month, retail.sales_buyer_numbers,
    retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month, retail.sales_changes;
    RETURN NULL;
END
$$;

ALTER FUNCTION retail.sales_truncated() OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION sales_truncated(); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.sales_truncated() IS 'Trigger: emptied orders empty the sales rollups and their log.';

--
-- Name: scope_key(text); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.scope_key(identity text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT 'identity:' || coalesce(identity, '')
$$;

ALTER FUNCTION retail.scope_key(identity text) OWNER TO zava_owner;

--
-- Name: FUNCTION scope_key(identity text); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.scope_key(identity text) IS 'The key a scope kept for the transaction is filed under for this identity (setting retail.scope_for).';

--
-- Name: search_products_by_description(extensions.vector, double precision, integer); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.search_products_by_description(query_embedding extensions.vector, similarity_threshold double precision DEFAULT 0.7, max_results integer DEFAULT 20) RETURNS TABLE(product_id uuid, name character varying, description text, similarity_score double precision, category character varying, product_type character varying, price numeric)
    LANGUAGE sql STABLE
    SET "hnsw.ef_search" TO '200'
    AS $$
    SELECT n.product_id, p.product_name, p.product_description, n.similarity, c.category_name, t.type_name,
           p.base_price
    FROM (
        SELECT e.product_id, 1 - (e.description_embedding OPERATOR(extensions.<=>) query_embedding) AS similarity
        FROM retail.product_description_embeddings AS e
        ORDER BY e.description_embedding OPERATOR(extensions.<=>) query_embedding
        LIMIT max_results
    ) AS n
    JOIN retail.products AS p ON p.product_id = n.product_id
    JOIN retail.categories AS c ON c.category_id = p.category_id
    JOIN retail.product_types AS t ON t.type_id = p.type_id
    WHERE n.similarity >= similarity_threshold
    ORDER BY n.similarity DESC, p.sku
$$;

ALTER FUNCTION retail.search_products_by_description(query_embedding extensions.vector, similarity_threshold double precision, max_results integer) OWNER TO zava_owner;

--
-- Name: FUNCTION search_products_by_description(query_embedding extensions.vector, similarity_threshold double precision, max_results integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.search_products_by_description(query_embedding extensions.vector, similarity_threshold double precision, max_results integer) IS 'Products whose description embedding is closest (cosine) to a query embedding, at or above a similarity.';

--
-- Name: search_products_hybrid(text, extensions.vector, integer, double precision); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.search_products_hybrid(query_text text, query_embedding extensions.vector, max_rows integer DEFAULT 10, relevance_floor double precision DEFAULT 0.83) RETURNS TABLE(product_id uuid, score double precision, similarity double precision, lexical_score double precision, above_floor boolean)
    LANGUAGE plpgsql STABLE
    SET "hnsw.ef_search" TO '200'
    SET "pg_trgm.word_similarity_threshold" TO '0.6'
    SET enable_seqscan TO 'off'
    AS $_$
#variable_conflict use_column
BEGIN
    IF nullif(btrim(query_text), '') IS NULL OR length(query_text) > 2000 THEN
        RAISE EXCEPTION 'query_text must hold 1 to 2,000 characters' USING ERRCODE = '22023', COLUMN = 'query_text';
    END IF;
    IF query_embedding IS NULL THEN
        RAISE EXCEPTION 'query_embedding is required' USING ERRCODE = '22023', COLUMN = 'query_embedding';
    END IF;
    IF max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 40 THEN
        RAISE EXCEPTION 'max_rows must be 1 to 40, not %', coalesce(max_rows::text, 'NULL')
            USING ERRCODE = '22023', COLUMN = 'max_rows';
    END IF;
    IF relevance_floor IS NULL OR relevance_floor = 'NaN' THEN
        RAISE EXCEPTION 'relevance_floor must be a number (-1 to see every neighbour)'
            USING ERRCODE = '22023', COLUMN = 'relevance_floor';
    END IF;
    RETURN QUERY
    WITH terms AS (
        SELECT
            w.term,
            coalesce(plainto_tsquery('english'::regconfig, w.term) || (
                SELECT websearch_to_tsquery('english'::regconfig, replace(g.english, ' ', ' or '))
                FROM retail.search_glossary AS g
                WHERE
                    w.term !~ '^[[:ascii:]]*$'
                    AND g.term = ANY(ARRAY(
                        SELECT left(v.base, n.letters)
                        FROM unnest(b.bases) AS v (base)
                        CROSS JOIN LATERAL generate_series(1, least(length(v.base), 40)) AS n (letters)
                    ))
                ORDER BY length(g.term) DESC, starts_with(w.term, g.term) DESC
                LIMIT 1
            ), plainto_tsquery('english'::regconfig, w.term)) AS english,
            coalesce(plainto_tsquery('simple'::regconfig, w.term) || (
                SELECT to_tsquery('simple'::regconfig, string_agg(quote_literal(f.form), ' | '))
                FROM (
                    SELECT left(w.term, n.letters) AS form
                    FROM generate_series(2, least(length(w.term) - 1, 40)) AS n (letters)
                    WHERE w.term ~ '^[가-힣]+$'
                    UNION ALL
                    SELECT v.base
                    FROM unnest(b.bases) AS v (base)
                    WHERE w.term ~ '^[א-ת]+$'
                ) AS f
            ), plainto_tsquery('simple'::regconfig, w.term)) AS simple,
            normalize(w.term, nfd) AS letters
        FROM (
            SELECT s.term
            FROM regexp_split_to_table(lower(normalize(query_text, nfc)), '[^[:alnum:]]+') WITH ORDINALITY AS s (
                term, n
            )
            WHERE length(s.term) >= 2 AND to_tsvector('english'::regconfig, s.term) <> ''::tsvector
            GROUP BY s.term
            ORDER BY min(s.n)
            LIMIT 16
        ) AS w
        -- The word and the word without one or two Hebrew one-letter prefixes, at least two letters left: the forms
        -- the glossary and the translations are asked for.
        CROSS JOIN LATERAL (
            SELECT ARRAY(
                SELECT substr(w.term, k.stripped + 1)
                FROM generate_series(0, 2) AS k (stripped)
                WHERE left(w.term, k.stripped) ~ '^[ובהלמשכ]*$' AND length(w.term) - k.stripped >= 2
            ) AS bases
        ) AS b
    ),

    matches AS (
        SELECT x.term, x.product_id, max(x.strength) AS strength
        FROM terms AS t
        CROSS JOIN LATERAL (
            SELECT t.term, p.product_id, 1.0::double precision
            FROM retail.products AS p
            WHERE to_tsvector('english'::regconfig, p.product_name::text || ' ' || p.product_description) @@ t.english
            UNION ALL
            SELECT t.term, p.product_id, 1.0::double precision
            FROM retail.product_types AS pt
            INNER JOIN retail.products AS p ON pt.type_id = p.type_id
            WHERE to_tsvector('english'::regconfig, pt.type_name::text) @@ t.english
            UNION ALL
            SELECT t.term, tr.product_id, 1.0::double precision
            FROM retail.product_translations AS tr
            WHERE to_tsvector('simple'::regconfig, tr.product_name::text || ' ' || tr.keywords) @@ t.simple
            UNION ALL
            SELECT t.term, p.product_id,
                extensions.word_similarity(t.letters, normalize(lower(p.product_name::text), nfd))
            FROM retail.products AS p
            WHERE t.letters OPERATOR(extensions.<%) normalize(lower(p.product_name::text), nfd)
            UNION ALL
            SELECT t.term, p.product_id,
                extensions.word_similarity(t.letters, normalize(lower(pt.type_name::text), nfd))
            FROM retail.product_types AS pt
            INNER JOIN retail.products AS p ON pt.type_id = p.type_id
            WHERE t.letters OPERATOR(extensions.<%) normalize(lower(pt.type_name::text), nfd)
            UNION ALL
            SELECT t.term, tr.product_id,
                extensions.word_similarity(t.letters, normalize(lower(tr.product_name::text || ' ' || tr.keywords), nfd))
            FROM retail.product_translations AS tr
            WHERE t.letters OPERATOR(extensions.<%) normalize(lower(tr.product_name::text || ' ' || tr.keywords), nfd)
        ) AS x (term, product_id, strength)
        GROUP BY x.term, x.product_id
    ),

    weights AS (
        SELECT t.term, ln((c.products + 1) / (coalesce(d.products, 0) + 0.5)) AS idf
        FROM terms AS t
        CROSS JOIN (SELECT count(*)::double precision AS products FROM retail.products) AS c
        LEFT JOIN (SELECT m.term, count(*) AS products FROM matches AS m GROUP BY m.term) AS d ON t.term = d.term
    ),

    lexical AS (
        SELECT m.product_id, sum(w.idf * m.strength) / (SELECT sum(a.idf) FROM weights AS a) AS lexical_score
        FROM matches AS m
        INNER JOIN weights AS w ON m.term = w.term
        GROUP BY m.product_id
        ORDER BY lexical_score DESC, m.product_id
        LIMIT 100
    ),

    nearest AS (
        SELECT e.product_id, 1 - (e.description_embedding OPERATOR(extensions.<=>) query_embedding) AS similarity
        FROM retail.product_description_embeddings AS e
        ORDER BY e.description_embedding OPERATOR(extensions.<=>) query_embedding
        LIMIT 40
    ),

    scored AS (
        SELECT c.product_id, c.similarity, coalesce(l.lexical_score, 0) AS lexical_score
        FROM (
            SELECT n.product_id, n.similarity FROM nearest AS n
            UNION ALL
            SELECT e.product_id, 1 - (e.description_embedding OPERATOR(extensions.<=>) query_embedding)
            FROM lexical AS l
            INNER JOIN retail.product_description_embeddings AS e ON l.product_id = e.product_id
            WHERE NOT EXISTS (SELECT FROM nearest AS n WHERE n.product_id = l.product_id)
        ) AS c
        LEFT JOIN lexical AS l ON c.product_id = l.product_id
    )

    SELECT
        s.product_id,
        s.similarity + 0.3 * s.lexical_score,
        s.similarity,
        s.lexical_score,
        s.similarity + 0.3 * s.lexical_score >= 0.83
    FROM scored AS s
    INNER JOIN retail.products AS p ON s.product_id = p.product_id
    WHERE s.similarity + 0.3 * s.lexical_score >= relevance_floor
    ORDER BY 2 DESC, p.sku
    LIMIT max_rows;
END
$_$;

ALTER FUNCTION retail.search_products_hybrid(query_text text, query_embedding extensions.vector, max_rows integer, relevance_floor double precision) OWNER TO zava_owner;

--
-- Name: FUNCTION search_products_hybrid(query_text text, query_embedding extensions.vector, max_rows integer, relevance_floor double precision); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.search_products_hybrid(query_text text, query_embedding extensions.vector, max_rows integer, relevance_floor double precision) IS 'Products for a query, best first: the query text and its embedding, fused vector and lexical evidence (score =
similarity + 0.3 * lexical_score). Rows scoring below relevance_floor (default the calibrated
0.83) are left out, so a query nothing in the catalog answers returns no rows; above_floor says whether a
row clears the calibrated floor when a lower one is asked for. max_rows 1 to 40, query_text 1 to 2,000 characters.';

--
-- Name: stockout_rows(retail.period_cells, text[], uuid, integer, integer, date); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.stockout_rows(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) RETURNS TABLE(store character varying, sku character varying, product character varying, stock_level integer, daily_velocity numeric, days_until_stockout numeric, status text, as_of date, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_generic_plan'
    AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH velocity AS (
        SELECT ps.store_id, ps.product_id, ps.units / stockout_rows.lookback_days AS per_day
        FROM retail.product_sales(cells, statuses, wanted_store, NULL) AS ps
        WHERE ps.units > 0
    )
    SELECT
        s.store_name, p.sku, p.product_name, i.stock_level,
        round(v.per_day, 3),
        round(i.stock_level / v.per_day, 1),
        CASE WHEN i.stock_level = 0 THEN 'out of stock' ELSE 'at risk' END,
        latest_day,
        array_to_string(statuses, ', ')
    FROM velocity AS v
    INNER JOIN retail.inventory AS i ON i.store_id = v.store_id AND i.product_id = v.product_id
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    WHERE i.stock_level < v.per_day * stockout_rows.horizon_days
    ORDER BY i.stock_level / v.per_day, s.store_name, p.sku;
END
$$;

ALTER FUNCTION retail.stockout_rows(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) OWNER TO zava_owner;

--
-- Name: FUNCTION stockout_rows(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.stockout_rows(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) IS 'get_stockout_risk''s listing (planned once per connection).';

--
-- Name: stockout_rows_planned(retail.period_cells, text[], uuid, integer, integer, date); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.stockout_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) RETURNS TABLE(store character varying, sku character varying, product character varying, stock_level integer, daily_velocity numeric, days_until_stockout numeric, status text, as_of date, counted_statuses text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode TO 'force_custom_plan'
    AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH velocity AS (
        SELECT ps.store_id, ps.product_id, ps.units / stockout_rows_planned.lookback_days AS per_day
        FROM retail.product_sales(cells, statuses, wanted_store, NULL) AS ps
        WHERE ps.units > 0
    )
    SELECT
        s.store_name, p.sku, p.product_name, i.stock_level,
        round(v.per_day, 3),
        round(i.stock_level / v.per_day, 1),
        CASE WHEN i.stock_level = 0 THEN 'out of stock' ELSE 'at risk' END,
        latest_day,
        array_to_string(statuses, ', ')
    FROM velocity AS v
    INNER JOIN retail.inventory AS i ON i.store_id = v.store_id AND i.product_id = v.product_id
    INNER JOIN retail.stores AS s ON s.store_id = i.store_id
    INNER JOIN retail.products AS p ON p.product_id = i.product_id
    WHERE i.stock_level < v.per_day * stockout_rows_planned.horizon_days
    ORDER BY i.stock_level / v.per_day, s.store_name, p.sku;
END
$$;

ALTER FUNCTION retail.stockout_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) OWNER TO zava_owner;

--
-- Name: FUNCTION stockout_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.stockout_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) IS 'get_stockout_risk''s listing (planned for each call).';

--
-- Name: store_filter(text, text); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.store_filter(wanted text, argument_name text DEFAULT 'store_name'::text) RETURNS uuid
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    found uuid;
BEGIN
    IF nullif(btrim(wanted), '') IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT m.store_id INTO found
    FROM (
        SELECT s.store_id, lower(s.store_name) = lower(btrim(wanted)) AS by_name, count(*) OVER () AS matches
        FROM retail.stores AS s
        WHERE lower(btrim(wanted)) IN (lower(s.store_name), lower(btrim(split_part(s.location, ',', 1))))
    ) AS m
    WHERE m.by_name OR m.matches = 1;
    IF found IS NULL THEN
        RAISE EXCEPTION 'unknown store: %', wanted
            USING ERRCODE = '22023', COLUMN = argument_name,
            HINT = 'stores you can see: ' || coalesce(
                (SELECT string_agg(s.store_name, ', ' ORDER BY s.store_name) FROM retail.stores AS s), 'none');
    END IF;
    RETURN found;
END
$$;

ALTER FUNCTION retail.store_filter(wanted text, argument_name text) OWNER TO zava_owner;

--
-- Name: FUNCTION store_filter(wanted text, argument_name text); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.store_filter(wanted text, argument_name text) IS 'Store name to store id for API arguments; 22023 listing visible stores.';

--
-- Name: top_customer_candidates(date, date, text[], integer, uuid, integer); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.top_customer_candidates(period_start date, period_end date, statuses text[], top_n integer, wanted_store uuid, most integer DEFAULT NULL::integer) RETURNS uuid[]
    LANGUAGE plpgsql STABLE
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

ALTER FUNCTION retail.top_customer_candidates(period_start date, period_end date, statuses text[], top_n integer, wanted_store uuid, most integer) OWNER TO zava_owner;

--
-- Name: FUNCTION top_customer_candidates(period_start date, period_end date, statuses text[], top_n integer, wanted_store uuid, most integer); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.top_customer_candidates(period_start date, period_end date, statuses text[], top_n integer, wanted_store uuid, most integer) IS 'The customers who can be among the top_n spenders of a period at wanted_store (NULL: every store the caller sees;
every other customer''s bound is below the n-th best sum), or NULL when there would be more than `most` or there is
no bound for the caller.';

--
-- Name: type_sales(retail.period_cells, text[], uuid, uuid); Type: FUNCTION; Schema: retail; Owner: zava_owner
--

CREATE FUNCTION retail.type_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) RETURNS TABLE(store_id uuid, type_id uuid, orders bigint, units numeric, revenue_cents bigint, cost_cents bigint, discount_cents bigint)
    LANGUAGE sql STABLE
    AS $$
    WITH parts AS (
        SELECT r.store_id, r.type_id, r.orders::bigint AS orders, r.units::numeric AS units, r.revenue_cents,
               r.cost_cents, r.discount_cents
        FROM retail.sales_type_month AS r
        WHERE r.month = ANY((cells).months)
          AND r.status = ANY(statuses)
          AND (wanted_store IS NULL OR r.store_id = wanted_store)
          AND (
              wanted_category IS NULL
              OR r.type_id IN (SELECT t.type_id FROM retail.product_types AS t WHERE t.category_id = wanted_category)
          )
        UNION ALL
        SELECT f.store_id, f.type_id, count(DISTINCT f.order_id), sum(f.quantity), (100 * sum(f.revenue))::bigint,
               (100 * sum(f.cost_amount))::bigint, (100 * sum(f.discount_amount))::bigint
        FROM retail.sales_facts AS f
        WHERE f.order_date = ANY((cells).days)
          AND f.status = ANY(statuses)
          AND (wanted_store IS NULL OR f.store_id = wanted_store)
          AND (wanted_category IS NULL OR f.category_id = wanted_category)
        GROUP BY f.store_id, f.type_id
    )
    SELECT c.store_id, c.type_id, sum(c.orders)::bigint, sum(c.units), sum(c.revenue_cents)::bigint,
           sum(c.cost_cents)::bigint, sum(c.discount_cents)::bigint
    FROM parts AS c
    GROUP BY c.store_id, c.type_id
$$;

ALTER FUNCTION retail.type_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) OWNER TO zava_owner;

--
-- Name: FUNCTION type_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid); Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON FUNCTION retail.type_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) IS 'Sales per store and product type in a period, from the type x month rollup plus the lines of partial months.
Money in cents.';

--
-- Name: unfolded_customers(uuid); Type: FUNCTION; Schema: retail; Owner: zava_rollup_writer
--

CREATE FUNCTION retail.unfolded_customers(wanted_store uuid) RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
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

ALTER FUNCTION retail.unfolded_customers(wanted_store uuid) OWNER TO zava_rollup_writer;

--
-- Name: FUNCTION unfolded_customers(wanted_store uuid); Type: COMMENT; Schema: retail; Owner: zava_rollup_writer
--

COMMENT ON FUNCTION retail.unfolded_customers(wanted_store uuid) IS 'The customers of orders changed since the last fold of the sales rollups at wanted_store (NULL: every store);
empty unless the caller sees that store (every store).';

SET default_table_access_method = heap;

--
-- Name: applied_files; Type: TABLE; Schema: mcp_migrations; Owner: postgres
--

CREATE TABLE mcp_migrations.applied_files (
    file text NOT NULL,
    kind text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    duration_ms numeric(12,3) NOT NULL,
    applied_by name DEFAULT SESSION_USER NOT NULL,
    times_applied integer DEFAULT 1 NOT NULL,
    transactional boolean DEFAULT true NOT NULL,
    reapply boolean DEFAULT false NOT NULL,
    CONSTRAINT applied_files_kind_check CHECK ((kind = ANY (ARRAY['versioned'::text, 'repeatable'::text, 'retirement'::text])))
);

ALTER TABLE mcp_migrations.applied_files OWNER TO postgres;

--
-- Name: TABLE applied_files; Type: COMMENT; Schema: mcp_migrations; Owner: postgres
--

COMMENT ON TABLE mcp_migrations.applied_files IS 'Files applied by migrate.py: one row per file, as it stands (a retired file''s row gives way to its
        retirement''s).';

--
-- Name: COLUMN applied_files.reapply; Type: COMMENT; Schema: mcp_migrations; Owner: postgres
--

COMMENT ON COLUMN mcp_migrations.applied_files.reapply IS 'A repeatable file owed a re-run: a versioned file or a retirement committed since it was applied.';

--
-- Name: history; Type: TABLE; Schema: mcp_migrations; Owner: postgres
--

CREATE TABLE mcp_migrations.history (
    id bigint NOT NULL,
    file text NOT NULL,
    kind text NOT NULL,
    action text NOT NULL,
    checksum text NOT NULL,
    transactional boolean NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    duration_ms numeric(12,3) NOT NULL,
    applied_by name DEFAULT SESSION_USER NOT NULL,
    retires text,
    CONSTRAINT history_action_check CHECK ((action = ANY (ARRAY['applied'::text, 'reapplied'::text, 'retired'::text])))
);

ALTER TABLE mcp_migrations.history OWNER TO postgres;

--
-- Name: TABLE history; Type: COMMENT; Schema: mcp_migrations; Owner: postgres
--

COMMENT ON TABLE mcp_migrations.history IS 'Every application of a file by migrate.py, append-only.';

--
-- Name: history_id_seq; Type: SEQUENCE; Schema: mcp_migrations; Owner: postgres
--

ALTER TABLE mcp_migrations.history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME mcp_migrations.history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: applied_files; Type: TABLE; Schema: migrations; Owner: postgres
--

CREATE TABLE migrations.applied_files (
    file text NOT NULL,
    kind text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    duration_ms numeric(12,3) NOT NULL,
    applied_by name DEFAULT SESSION_USER NOT NULL,
    times_applied integer DEFAULT 1 NOT NULL,
    transactional boolean DEFAULT true NOT NULL,
    reapply boolean DEFAULT false NOT NULL,
    CONSTRAINT applied_files_kind_check CHECK ((kind = ANY (ARRAY['versioned'::text, 'repeatable'::text, 'retirement'::text])))
);

ALTER TABLE migrations.applied_files OWNER TO postgres;

--
-- Name: TABLE applied_files; Type: COMMENT; Schema: migrations; Owner: postgres
--

COMMENT ON TABLE migrations.applied_files IS 'Files applied by migrate.py: one row per file, as it stands (a retired file''s row gives way to its
        retirement''s).';

--
-- Name: COLUMN applied_files.reapply; Type: COMMENT; Schema: migrations; Owner: postgres
--

COMMENT ON COLUMN migrations.applied_files.reapply IS 'A repeatable file owed a re-run: a versioned file or a retirement committed since it was applied.';

--
-- Name: history; Type: TABLE; Schema: migrations; Owner: postgres
--

CREATE TABLE migrations.history (
    id bigint NOT NULL,
    file text NOT NULL,
    kind text NOT NULL,
    action text NOT NULL,
    checksum text NOT NULL,
    transactional boolean NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    duration_ms numeric(12,3) NOT NULL,
    applied_by name DEFAULT SESSION_USER NOT NULL,
    retires text,
    CONSTRAINT history_action_check CHECK ((action = ANY (ARRAY['applied'::text, 'reapplied'::text, 'retired'::text])))
);

ALTER TABLE migrations.history OWNER TO postgres;

--
-- Name: TABLE history; Type: COMMENT; Schema: migrations; Owner: postgres
--

COMMENT ON TABLE migrations.history IS 'Every application of a file by migrate.py, append-only.';

--
-- Name: history_id_seq; Type: SEQUENCE; Schema: migrations; Owner: postgres
--

ALTER TABLE migrations.history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME migrations.history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: categories; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.categories (
    category_id uuid DEFAULT gen_random_uuid() NOT NULL,
    category_name character varying(100) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE retail.categories OWNER TO zava_owner;

--
-- Name: TABLE categories; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.categories IS 'The nine product categories.';

--
-- Name: customers; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.customers (
    customer_id uuid DEFAULT gen_random_uuid() NOT NULL,
    first_name character varying(100) NOT NULL,
    last_name character varying(100) NOT NULL,
    email character varying(255) NOT NULL,
    phone character varying(30),
    primary_store_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY retail.customers FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.customers OWNER TO zava_owner;

--
-- Name: TABLE customers; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.customers IS 'Customers; each belongs to the store where they first shopped.';

--
-- Name: COLUMN customers.email; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON COLUMN retail.customers.email IS 'Contact email. Not readable by ad-hoc queries; get_top_customers shows it to the customer''s own store manager.';

--
-- Name: COLUMN customers.phone; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON COLUMN retail.customers.phone IS 'Contact phone. Not readable by ad-hoc queries.';

--
-- Name: inventory; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.inventory (
    store_id uuid NOT NULL,
    product_id uuid NOT NULL,
    stock_level integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT inventory_stock_level_check CHECK ((stock_level >= 0))
);

ALTER TABLE ONLY retail.inventory FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.inventory OWNER TO zava_owner;

--
-- Name: TABLE inventory; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.inventory IS 'Stock on hand, one row per (store, product).';

--
-- Name: manager_stores; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.manager_stores (
    rls_user_id uuid NOT NULL,
    store_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE retail.manager_stores OWNER TO zava_owner;

--
-- Name: TABLE manager_stores; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.manager_stores IS 'The stores each identity may see.';

--
-- Name: managers; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.managers (
    rls_user_id uuid NOT NULL,
    manager_name character varying(100) NOT NULL,
    access_level retail.access_level NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE retail.managers OWNER TO zava_owner;

--
-- Name: TABLE managers; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.managers IS 'Identities (rls_user_id) and their access level; read only by definer helpers.';

--
-- Name: order_items; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.order_items (
    order_item_id uuid DEFAULT gen_random_uuid() NOT NULL,
    order_id uuid NOT NULL,
    store_id uuid NOT NULL,
    product_id uuid NOT NULL,
    quantity integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    discount_percent integer DEFAULT 0 NOT NULL,
    discount_amount numeric(10,2) DEFAULT 0 NOT NULL,
    total_amount numeric(12,2) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT order_items_discount_amount_check CHECK ((discount_amount >= (0)::numeric)),
    CONSTRAINT order_items_discount_percent_check CHECK (((discount_percent >= 0) AND (discount_percent <= 100))),
    CONSTRAINT order_items_quantity_check CHECK ((quantity > 0)),
    CONSTRAINT order_items_total_amount_check CHECK ((total_amount >= (0)::numeric)),
    CONSTRAINT order_items_unit_price_check CHECK ((unit_price >= (0)::numeric))
);

ALTER TABLE ONLY retail.order_items FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.order_items OWNER TO zava_owner;

--
-- Name: TABLE order_items; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.order_items IS 'Order lines: total_amount = unit_price * quantity - discount_amount.';

--
-- Name: orders; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.orders (
    order_id uuid DEFAULT gen_random_uuid() NOT NULL,
    customer_id uuid NOT NULL,
    store_id uuid NOT NULL,
    order_date date DEFAULT CURRENT_DATE NOT NULL,
    total_amount numeric(12,2) DEFAULT 0 NOT NULL,
    status character varying(20) DEFAULT 'completed'::character varying NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_status_check CHECK (pg_input_is_valid((status)::text, 'api.order_status'::text)),
    CONSTRAINT orders_total_amount_check CHECK ((total_amount >= (0)::numeric))
);

ALTER TABLE ONLY retail.orders FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.orders OWNER TO zava_owner;

--
-- Name: TABLE orders; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.orders IS 'Orders; store_id is the store that made the sale.';

--
-- Name: order_sales; Type: VIEW; Schema: retail; Owner: zava_owner
--

CREATE VIEW retail.order_sales WITH (security_invoker='true') AS
 SELECT o.order_id,
    o.store_id,
    o.customer_id,
    o.order_date,
    o.status,
    l.revenue_cents
   FROM (retail.orders o
     CROSS JOIN LATERAL ( SELECT (((100)::numeric * sum(oi.total_amount)))::bigint AS revenue_cents
           FROM retail.order_items oi
          WHERE ((oi.order_id = o.order_id) AND (oi.store_id = o.store_id))
         HAVING (count(*) > 0)) l);

ALTER VIEW retail.order_sales OWNER TO zava_owner;

--
-- Name: VIEW order_sales; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON VIEW retail.order_sales IS 'Orders with at least one line, with their revenue (sum of line totals) in cents.';

--
-- Name: product_description_embeddings; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.product_description_embeddings (
    product_id uuid NOT NULL,
    description_embedding extensions.vector(384) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    source_hash text DEFAULT ''::text NOT NULL,
    model text DEFAULT ''::text NOT NULL
);

ALTER TABLE retail.product_description_embeddings OWNER TO zava_owner;

--
-- Name: TABLE product_description_embeddings; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.product_description_embeddings IS 'One embedding per product description, dimension 384.';

--
-- Name: product_translations; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.product_translations (
    product_id uuid NOT NULL,
    language_code character varying(8) NOT NULL,
    product_name character varying(300) NOT NULL,
    keywords text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT product_translations_language_code_check CHECK (((language_code)::text ~ '^[a-z]{2}(-[A-Z]{2})?$'::text))
);

ALTER TABLE retail.product_translations OWNER TO zava_owner;

--
-- Name: TABLE product_translations; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.product_translations IS 'Product names and search keywords in other languages.';

--
-- Name: product_types; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.product_types (
    type_id uuid DEFAULT gen_random_uuid() NOT NULL,
    category_id uuid NOT NULL,
    type_name character varying(100) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE retail.product_types OWNER TO zava_owner;

--
-- Name: TABLE product_types; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.product_types IS 'Product types within a category.';

--
-- Name: products; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.products (
    product_id uuid DEFAULT gen_random_uuid() NOT NULL,
    sku character varying(50) NOT NULL,
    product_name character varying(200) NOT NULL,
    category_id uuid NOT NULL,
    type_id uuid NOT NULL,
    cost numeric(10,2) NOT NULL,
    base_price numeric(10,2) GENERATED ALWAYS AS (round((cost / 0.67), 2)) STORED,
    gross_margin_percent numeric(5,2) DEFAULT 33.00 NOT NULL,
    product_description text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT products_cost_check CHECK ((cost > (0)::numeric))
);

ALTER TABLE retail.products OWNER TO zava_owner;

--
-- Name: TABLE products; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.products IS 'The catalog; base_price is cost / 0.67 (a 33% gross margin).';

--
-- Name: rollup_rebuild_requests; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.rollup_rebuild_requests (
    reason text NOT NULL,
    requested_at timestamp with time zone DEFAULT now() NOT NULL,
    done_at timestamp with time zone
);

ALTER TABLE retail.rollup_rebuild_requests OWNER TO zava_owner;

--
-- Name: TABLE rollup_rebuild_requests; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.rollup_rebuild_requests IS 'Rebuilds of the sales rollups a versioned file asked for; sql/functions/0160 carries out the open ones.';

--
-- Name: sales_buyer_numbers; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_buyer_numbers (
    store_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    buyer_number integer NOT NULL,
    CONSTRAINT sales_buyer_numbers_buyer_number_check CHECK ((buyer_number >= 0))
);

ALTER TABLE ONLY retail.sales_buyer_numbers FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_buyer_numbers OWNER TO zava_owner;

--
-- Name: TABLE sales_buyer_numbers; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_buyer_numbers IS 'Each customer who bought at a store, numbered densely per store from 0 (bit positions of sales_buyers_month).';

--
-- Name: sales_buyers_month; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_buyers_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    chunk integer NOT NULL,
    buyers bit(8192) NOT NULL,
    CONSTRAINT sales_buyers_month_chunk_check CHECK ((chunk >= 0))
);

ALTER TABLE ONLY retail.sales_buyers_month FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_buyers_month OWNER TO zava_owner;

--
-- Name: TABLE sales_buyers_month; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_buyers_month IS 'Rollup: the customers with an order line per month, store and order status, as bitmaps of their buyer numbers
(bit i of chunk n: buyer number 8192n + i).';

--
-- Name: sales_category_day; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_category_day (
    order_date date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    category_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint CONSTRAINT sales_category_day_revenue_not_null NOT NULL,
    cost_cents bigint CONSTRAINT sales_category_day_cost_not_null NOT NULL,
    discount_cents bigint CONSTRAINT sales_category_day_discount_not_null NOT NULL
);

ALTER TABLE ONLY retail.sales_category_day FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_category_day OWNER TO zava_owner;

--
-- Name: TABLE sales_category_day; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_category_day IS 'Rollup: order lines per day, store, status and category.';

--
-- Name: sales_changes; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_changes (
    change_id bigint NOT NULL,
    subject text NOT NULL,
    order_id uuid,
    store_id uuid,
    order_item_id uuid,
    product_id uuid,
    was_absent boolean DEFAULT false NOT NULL,
    order_date date,
    status text,
    created_at timestamp with time zone,
    quantity integer,
    total_amount numeric,
    discount_amount numeric,
    cost numeric,
    category_id uuid,
    type_id uuid,
    customer_id uuid,
    CONSTRAINT sales_changes_check CHECK (((subject <> 'line'::text) OR ((order_item_id IS NOT NULL) AND (order_id IS NOT NULL) AND (store_id IS NOT NULL)))),
    CONSTRAINT sales_changes_check1 CHECK (((subject <> 'order'::text) OR ((order_id IS NOT NULL) AND (store_id IS NOT NULL) AND (NOT was_absent)))),
    CONSTRAINT sales_changes_check2 CHECK (((subject <> 'product'::text) OR ((product_id IS NOT NULL) AND (NOT was_absent)))),
    CONSTRAINT sales_changes_subject_check CHECK ((subject = ANY (ARRAY['order'::text, 'line'::text, 'product'::text])))
);

ALTER TABLE ONLY retail.sales_changes FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_changes OWNER TO zava_owner;

--
-- Name: TABLE sales_changes; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_changes IS 'Order lines, orders and products changed since the sales rollups were last folded, each as it was before.';

--
-- Name: sales_changes_change_id_seq; Type: SEQUENCE; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_changes ALTER COLUMN change_id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME retail.sales_changes_change_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: sales_customer_cohort; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_customer_cohort (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    cohort date NOT NULL,
    customers integer NOT NULL,
    orders integer NOT NULL,
    revenue_cents bigint NOT NULL
);

ALTER TABLE ONLY retail.sales_customer_cohort FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_customer_cohort OWNER TO zava_owner;

--
-- Name: TABLE sales_customer_cohort; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_customer_cohort IS 'Rollup: customers, orders and revenue per month, store and order status, by the month of the customers'' first
order at the store in that status (their cohort).';

--
-- Name: sales_customer_first; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_customer_first (
    store_id uuid NOT NULL,
    status text NOT NULL,
    customer_id uuid NOT NULL,
    first_month date NOT NULL
);

ALTER TABLE ONLY retail.sales_customer_first FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_customer_first OWNER TO zava_owner;

--
-- Name: TABLE sales_customer_first; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_customer_first IS 'The first month a customer has an order line at a store in an order status (as of the last fold).';

--
-- Name: sales_customer_month; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_customer_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    customer_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL
);

ALTER TABLE ONLY retail.sales_customer_month FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_customer_month OWNER TO zava_owner;

--
-- Name: TABLE sales_customer_month; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_customer_month IS 'Rollup: order lines per month, store, order status and customer (as of the last fold of retail.sales_changes).';

--
-- Name: sales_customer_store_total; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_customer_store_total (
    store_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL
);

ALTER TABLE ONLY retail.sales_customer_store_total FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_customer_store_total OWNER TO zava_owner;

--
-- Name: TABLE sales_customer_store_total; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_customer_store_total IS 'Rollup: order lines per store and customer over every status and day (as of the last fold).';

--
-- Name: sales_customer_total; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_customer_total (
    customer_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL
);

ALTER TABLE ONLY retail.sales_customer_total FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_customer_total OWNER TO zava_owner;

--
-- Name: TABLE sales_customer_total; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_customer_total IS 'Rollup: order lines per customer over every store, status and day (as of the last fold); read only by callers who
see every store.';

--
-- Name: sales_facts; Type: VIEW; Schema: retail; Owner: zava_owner
--

CREATE VIEW retail.sales_facts WITH (security_invoker='true') AS
 SELECT oi.store_id,
    o.order_id,
    o.customer_id,
    o.order_date,
    (o.status)::text AS status,
    o.created_at,
    oi.product_id,
    p.category_id,
    p.type_id,
    oi.quantity,
    oi.total_amount AS revenue,
    oi.discount_amount,
    (p.cost * (oi.quantity)::numeric) AS cost_amount
   FROM ((retail.order_items oi
     JOIN retail.orders o ON (((oi.order_id = o.order_id) AND (oi.store_id = o.store_id))))
     JOIN retail.products p ON ((oi.product_id = p.product_id)));

ALTER VIEW retail.sales_facts OWNER TO zava_owner;

--
-- Name: VIEW sales_facts; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON VIEW retail.sales_facts IS 'Lines of orders of every status, with revenue after discounts, cost at the product''s cost, and discount.';

--
-- Name: sales_hour_month; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_hour_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    hour smallint NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint CONSTRAINT sales_hour_month_revenue_not_null NOT NULL,
    cost_cents bigint CONSTRAINT sales_hour_month_cost_not_null NOT NULL,
    discount_cents bigint CONSTRAINT sales_hour_month_discount_not_null NOT NULL,
    CONSTRAINT sales_hour_month_hour_check CHECK (((hour >= 0) AND (hour <= 23)))
);

ALTER TABLE ONLY retail.sales_hour_month FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_hour_month OWNER TO zava_owner;

--
-- Name: TABLE sales_hour_month; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_hour_month IS 'Rollup: order lines per month, store, order status and hour of the order''s creation in the chain''s time zone
(retail.business_time_zone()).';

--
-- Name: sales_lines; Type: VIEW; Schema: retail; Owner: zava_owner
--

CREATE VIEW retail.sales_lines WITH (security_invoker='true') AS
 SELECT oi.store_id,
    o.order_id,
    o.customer_id,
    o.order_date,
    oi.product_id,
    p.category_id,
    p.type_id,
    oi.quantity,
    oi.total_amount AS revenue,
    (p.cost * (oi.quantity)::numeric) AS cost_amount,
    oi.discount_amount
   FROM ((retail.order_items oi
     JOIN retail.orders o ON (((oi.order_id = o.order_id) AND (oi.store_id = o.store_id))))
     JOIN retail.products p ON ((oi.product_id = p.product_id)))
  WHERE ((o.status)::text = 'completed'::text);

ALTER VIEW retail.sales_lines OWNER TO zava_owner;

--
-- Name: VIEW sales_lines; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON VIEW retail.sales_lines IS 'Lines of completed orders (refunded and cancelled orders excluded), with revenue after discounts and cost.';

--
-- Name: sales_product_month; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_product_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint CONSTRAINT sales_product_month_revenue_not_null NOT NULL,
    cost_cents bigint CONSTRAINT sales_product_month_cost_not_null NOT NULL,
    discount_cents bigint CONSTRAINT sales_product_month_discount_not_null NOT NULL
);

ALTER TABLE ONLY retail.sales_product_month FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_product_month OWNER TO zava_owner;

--
-- Name: TABLE sales_product_month; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_product_month IS 'Rollup: order lines per month, store, status and product.';

--
-- Name: sales_product_quarter; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_product_quarter (
    quarter date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL,
    CONSTRAINT sales_product_quarter_quarter_check CHECK ((quarter = date_trunc('quarter'::text, (quarter)::timestamp with time zone)))
);

ALTER TABLE ONLY retail.sales_product_quarter FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_product_quarter OWNER TO zava_owner;

--
-- Name: TABLE sales_product_quarter; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_product_quarter IS 'Rollup: order lines per quarter, store, order status and product (as of the last fold).';

--
-- Name: sales_product_week; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_product_week (
    week date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL,
    CONSTRAINT sales_product_week_week_check CHECK ((EXTRACT(isodow FROM week) = (1)::numeric))
);

ALTER TABLE ONLY retail.sales_product_week FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_product_week OWNER TO zava_owner;

--
-- Name: TABLE sales_product_week; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_product_week IS 'Rollup: order lines per week (from Monday), store, order status and product (as of the last fold).';

--
-- Name: sales_product_year; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_product_year (
    year date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint NOT NULL,
    cost_cents bigint NOT NULL,
    discount_cents bigint NOT NULL,
    CONSTRAINT sales_product_year_year_check CHECK ((year = date_trunc('year'::text, (year)::timestamp with time zone)))
);

ALTER TABLE ONLY retail.sales_product_year FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_product_year OWNER TO zava_owner;

--
-- Name: TABLE sales_product_year; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_product_year IS 'Rollup: order lines per year, store, order status and product (as of the last fold).';

--
-- Name: sales_repeat_buyers_month; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_repeat_buyers_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    chunk integer NOT NULL,
    buyers bit(8192) NOT NULL,
    CONSTRAINT sales_repeat_buyers_month_chunk_check CHECK ((chunk >= 0))
);

ALTER TABLE ONLY retail.sales_repeat_buyers_month FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_repeat_buyers_month OWNER TO zava_owner;

--
-- Name: TABLE sales_repeat_buyers_month; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_repeat_buyers_month IS 'Rollup: the customers with two orders or more per month, store and order status, as bitmaps of their buyer
numbers (as sales_buyers_month).';

--
-- Name: sales_store_day; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_store_day (
    order_date date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint CONSTRAINT sales_store_day_revenue_not_null NOT NULL,
    cost_cents bigint CONSTRAINT sales_store_day_cost_not_null NOT NULL,
    discount_cents bigint CONSTRAINT sales_store_day_discount_not_null NOT NULL
);

ALTER TABLE ONLY retail.sales_store_day FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_store_day OWNER TO zava_owner;

--
-- Name: TABLE sales_store_day; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_store_day IS 'Rollup: order lines per day, store and order status (as of the last fold of retail.sales_changes).';

--
-- Name: sales_type_month; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.sales_type_month (
    month date NOT NULL,
    store_id uuid NOT NULL,
    status text NOT NULL,
    type_id uuid NOT NULL,
    orders integer NOT NULL,
    lines integer NOT NULL,
    units bigint NOT NULL,
    revenue_cents bigint CONSTRAINT sales_type_month_revenue_not_null NOT NULL,
    cost_cents bigint CONSTRAINT sales_type_month_cost_not_null NOT NULL,
    discount_cents bigint CONSTRAINT sales_type_month_discount_not_null NOT NULL
);

ALTER TABLE ONLY retail.sales_type_month FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.sales_type_month OWNER TO zava_owner;

--
-- Name: TABLE sales_type_month; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.sales_type_month IS 'Rollup: order lines per month, store, status and product type.';

--
-- Name: search_glossary; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.search_glossary (
    term text NOT NULL,
    language_code character varying(8) NOT NULL,
    english text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT search_glossary_english_check CHECK ((english ~ '^[a-z]+( [a-z]+){0,3}$'::text)),
    CONSTRAINT search_glossary_language_code_check CHECK (((language_code)::text = ANY ((ARRAY['ko'::character varying, 'he'::character varying])::text[]))),
    CONSTRAINT search_glossary_term_check CHECK (((term ~ '^[^[:space:]a-z]{1,40}$'::text) AND (term = lower(NORMALIZE(term, NFC)))))
);

ALTER TABLE retail.search_glossary OWNER TO zava_owner;

--
-- Name: TABLE search_glossary; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.search_glossary IS 'Korean and Hebrew shopping words (a word''s first letters: a noun, a verb''s stem) with their English, which the
hybrid product search matches against English product text.';

--
-- Name: stores; Type: TABLE; Schema: retail; Owner: zava_owner
--

CREATE TABLE retail.stores (
    store_id uuid DEFAULT gen_random_uuid() NOT NULL,
    store_name character varying(100) NOT NULL,
    location character varying(200) NOT NULL,
    rls_user_id uuid NOT NULL,
    is_online boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY retail.stores FORCE ROW LEVEL SECURITY;

ALTER TABLE retail.stores OWNER TO zava_owner;

--
-- Name: TABLE stores; Type: COMMENT; Schema: retail; Owner: zava_owner
--

COMMENT ON TABLE retail.stores IS 'Zava Retail stores, one row per physical or online store.';

--
-- Name: applied_files applied_files_pkey; Type: CONSTRAINT; Schema: mcp_migrations; Owner: postgres
--

ALTER TABLE ONLY mcp_migrations.applied_files
    ADD CONSTRAINT applied_files_pkey PRIMARY KEY (file);

--
-- Name: history history_pkey; Type: CONSTRAINT; Schema: mcp_migrations; Owner: postgres
--

ALTER TABLE ONLY mcp_migrations.history
    ADD CONSTRAINT history_pkey PRIMARY KEY (id);

--
-- Name: applied_files applied_files_pkey; Type: CONSTRAINT; Schema: migrations; Owner: postgres
--

ALTER TABLE ONLY migrations.applied_files
    ADD CONSTRAINT applied_files_pkey PRIMARY KEY (file);

--
-- Name: history history_pkey; Type: CONSTRAINT; Schema: migrations; Owner: postgres
--

ALTER TABLE ONLY migrations.history
    ADD CONSTRAINT history_pkey PRIMARY KEY (id);

--
-- Name: categories categories_category_name_key; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.categories
    ADD CONSTRAINT categories_category_name_key UNIQUE (category_name);

--
-- Name: categories categories_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (category_id);

--
-- Name: customers customers_email_key; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);

--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (customer_id);

--
-- Name: inventory inventory_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.inventory
    ADD CONSTRAINT inventory_pkey PRIMARY KEY (store_id, product_id);

--
-- Name: manager_stores manager_stores_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.manager_stores
    ADD CONSTRAINT manager_stores_pkey PRIMARY KEY (rls_user_id, store_id);

--
-- Name: managers managers_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.managers
    ADD CONSTRAINT managers_pkey PRIMARY KEY (rls_user_id);

--
-- Name: order_items order_items_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.order_items
    ADD CONSTRAINT order_items_pkey PRIMARY KEY (order_item_id, store_id);

--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (order_id, store_id);

--
-- Name: product_description_embeddings product_description_embeddings_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.product_description_embeddings
    ADD CONSTRAINT product_description_embeddings_pkey PRIMARY KEY (product_id);

--
-- Name: product_translations product_translations_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.product_translations
    ADD CONSTRAINT product_translations_pkey PRIMARY KEY (product_id, language_code);

--
-- Name: product_types product_types_category_id_type_name_key; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.product_types
    ADD CONSTRAINT product_types_category_id_type_name_key UNIQUE (category_id, type_name);

--
-- Name: product_types product_types_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.product_types
    ADD CONSTRAINT product_types_pkey PRIMARY KEY (type_id);

--
-- Name: product_types product_types_type_id_category_id_key; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.product_types
    ADD CONSTRAINT product_types_type_id_category_id_key UNIQUE (type_id, category_id);

--
-- Name: products products_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (product_id);

--
-- Name: products products_sku_key; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.products
    ADD CONSTRAINT products_sku_key UNIQUE (sku);

--
-- Name: rollup_rebuild_requests rollup_rebuild_requests_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.rollup_rebuild_requests
    ADD CONSTRAINT rollup_rebuild_requests_pkey PRIMARY KEY (reason);

--
-- Name: sales_buyer_numbers sales_buyer_numbers_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_buyer_numbers
    ADD CONSTRAINT sales_buyer_numbers_pkey PRIMARY KEY (store_id, customer_id);

--
-- Name: sales_buyer_numbers sales_buyer_numbers_store_id_buyer_number_key; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_buyer_numbers
    ADD CONSTRAINT sales_buyer_numbers_store_id_buyer_number_key UNIQUE (store_id, buyer_number);

--
-- Name: sales_buyers_month sales_buyers_month_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_buyers_month
    ADD CONSTRAINT sales_buyers_month_pkey PRIMARY KEY (month, store_id, status, chunk);

--
-- Name: sales_category_day sales_category_day_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_category_day
    ADD CONSTRAINT sales_category_day_pkey PRIMARY KEY (order_date, store_id, status, category_id);

--
-- Name: sales_changes sales_changes_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_changes
    ADD CONSTRAINT sales_changes_pkey PRIMARY KEY (change_id);

--
-- Name: sales_customer_cohort sales_customer_cohort_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_customer_cohort
    ADD CONSTRAINT sales_customer_cohort_pkey PRIMARY KEY (month, store_id, status, cohort);

--
-- Name: sales_customer_first sales_customer_first_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_customer_first
    ADD CONSTRAINT sales_customer_first_pkey PRIMARY KEY (store_id, status, customer_id);

--
-- Name: sales_customer_month sales_customer_month_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_customer_month
    ADD CONSTRAINT sales_customer_month_pkey PRIMARY KEY (month, store_id, status, customer_id);

--
-- Name: sales_customer_store_total sales_customer_store_total_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_customer_store_total
    ADD CONSTRAINT sales_customer_store_total_pkey PRIMARY KEY (store_id, customer_id);

--
-- Name: sales_customer_total sales_customer_total_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_customer_total
    ADD CONSTRAINT sales_customer_total_pkey PRIMARY KEY (customer_id);

--
-- Name: sales_hour_month sales_hour_month_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_hour_month
    ADD CONSTRAINT sales_hour_month_pkey PRIMARY KEY (month, store_id, status, hour);

--
-- Name: sales_product_month sales_product_month_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_product_month
    ADD CONSTRAINT sales_product_month_pkey PRIMARY KEY (month, store_id, status, product_id);

--
-- Name: sales_product_quarter sales_product_quarter_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_product_quarter
    ADD CONSTRAINT sales_product_quarter_pkey PRIMARY KEY (quarter, store_id, status, product_id);

--
-- Name: sales_product_week sales_product_week_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_product_week
    ADD CONSTRAINT sales_product_week_pkey PRIMARY KEY (week, store_id, status, product_id);

--
-- Name: sales_product_year sales_product_year_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_product_year
    ADD CONSTRAINT sales_product_year_pkey PRIMARY KEY (year, store_id, status, product_id);

--
-- Name: sales_repeat_buyers_month sales_repeat_buyers_month_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_repeat_buyers_month
    ADD CONSTRAINT sales_repeat_buyers_month_pkey PRIMARY KEY (month, store_id, status, chunk);

--
-- Name: sales_store_day sales_store_day_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_store_day
    ADD CONSTRAINT sales_store_day_pkey PRIMARY KEY (order_date, store_id, status);

--
-- Name: sales_type_month sales_type_month_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.sales_type_month
    ADD CONSTRAINT sales_type_month_pkey PRIMARY KEY (month, store_id, status, type_id);

--
-- Name: search_glossary search_glossary_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.search_glossary
    ADD CONSTRAINT search_glossary_pkey PRIMARY KEY (term);

--
-- Name: stores stores_pkey; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.stores
    ADD CONSTRAINT stores_pkey PRIMARY KEY (store_id);

--
-- Name: stores stores_rls_user_id_key; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.stores
    ADD CONSTRAINT stores_rls_user_id_key UNIQUE (rls_user_id);

--
-- Name: stores stores_store_name_key; Type: CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.stores
    ADD CONSTRAINT stores_store_name_key UNIQUE (store_name);

--
-- Name: customers_primary_store_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX customers_primary_store_id_idx ON retail.customers USING btree (primary_store_id);

--
-- Name: inventory_product_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX inventory_product_id_idx ON retail.inventory USING btree (product_id);

--
-- Name: manager_stores_store_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX manager_stores_store_id_idx ON retail.manager_stores USING btree (store_id);

--
-- Name: order_items_order_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX order_items_order_id_idx ON retail.order_items USING btree (order_id);

--
-- Name: order_items_product_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX order_items_product_id_idx ON retail.order_items USING btree (product_id);

--
-- Name: order_items_store_id_product_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX order_items_store_id_product_id_idx ON retail.order_items USING btree (store_id, product_id);

--
-- Name: orders_customer_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX orders_customer_id_idx ON retail.orders USING btree (customer_id);

--
-- Name: orders_order_date_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX orders_order_date_idx ON retail.orders USING btree (order_date);

--
-- Name: orders_store_id_order_date_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX orders_store_id_order_date_idx ON retail.orders USING btree (store_id, order_date);

--
-- Name: product_description_embeddings_hnsw_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX product_description_embeddings_hnsw_idx ON retail.product_description_embeddings USING hnsw (description_embedding extensions.vector_cosine_ops) WITH (ef_construction='200');

--
-- Name: product_translations_fts_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX product_translations_fts_idx ON retail.product_translations USING gin (to_tsvector('simple'::regconfig, (((product_name)::text || ' '::text) || keywords))) WITH (fastupdate=off);

--
-- Name: product_translations_trgm_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX product_translations_trgm_idx ON retail.product_translations USING gin (NORMALIZE(lower((((product_name)::text || ' '::text) || keywords)), NFD) extensions.gin_trgm_ops) WITH (fastupdate=off);

--
-- Name: product_types_category_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX product_types_category_id_idx ON retail.product_types USING btree (category_id);

--
-- Name: product_types_name_fts_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX product_types_name_fts_idx ON retail.product_types USING gin (to_tsvector('english'::regconfig, (type_name)::text)) WITH (fastupdate=off);

--
-- Name: product_types_name_trgm_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX product_types_name_trgm_idx ON retail.product_types USING gin (NORMALIZE(lower((type_name)::text), NFD) extensions.gin_trgm_ops) WITH (fastupdate=off);

--
-- Name: products_category_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX products_category_id_idx ON retail.products USING btree (category_id);

--
-- Name: products_name_trgm_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX products_name_trgm_idx ON retail.products USING gin (NORMALIZE(lower((product_name)::text), NFD) extensions.gin_trgm_ops) WITH (fastupdate=off);

--
-- Name: products_text_fts_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX products_text_fts_idx ON retail.products USING gin (to_tsvector('english'::regconfig, (((product_name)::text || ' '::text) || product_description))) WITH (fastupdate=off);

--
-- Name: products_type_id_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX products_type_id_idx ON retail.products USING btree (type_id);

--
-- Name: sales_customer_month_customer_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX sales_customer_month_customer_idx ON retail.sales_customer_month USING btree (store_id, status, customer_id, month);

--
-- Name: sales_customer_store_total_revenue_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX sales_customer_store_total_revenue_idx ON retail.sales_customer_store_total USING btree (store_id, revenue_cents DESC, customer_id);

--
-- Name: sales_customer_total_revenue_idx; Type: INDEX; Schema: retail; Owner: zava_owner
--

CREATE INDEX sales_customer_total_revenue_idx ON retail.sales_customer_total USING btree (revenue_cents DESC, customer_id);

--
-- Name: history history_is_append_only; Type: TRIGGER; Schema: mcp_migrations; Owner: postgres
--

CREATE TRIGGER history_is_append_only BEFORE DELETE OR UPDATE OR TRUNCATE ON mcp_migrations.history FOR EACH STATEMENT EXECUTE FUNCTION mcp_migrations.history_is_append_only();

--
-- Name: history history_is_append_only; Type: TRIGGER; Schema: migrations; Owner: postgres
--

CREATE TRIGGER history_is_append_only BEFORE DELETE OR UPDATE OR TRUNCATE ON migrations.history FOR EACH STATEMENT EXECUTE FUNCTION migrations.history_is_append_only();

--
-- Name: order_items order_items_rollup_delete; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER order_items_rollup_delete AFTER DELETE ON retail.order_items REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION retail.order_lines_changed();

--
-- Name: order_items order_items_rollup_insert; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER order_items_rollup_insert AFTER INSERT ON retail.order_items REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION retail.order_lines_inserted();

--
-- Name: order_items order_items_rollup_truncate; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER order_items_rollup_truncate AFTER TRUNCATE ON retail.order_items FOR EACH STATEMENT EXECUTE FUNCTION retail.sales_truncated();

--
-- Name: order_items order_items_rollup_update; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER order_items_rollup_update AFTER UPDATE ON retail.order_items REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION retail.order_lines_changed();

--
-- Name: orders orders_rollup_deleted; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER orders_rollup_deleted AFTER DELETE ON retail.orders REFERENCING OLD TABLE AS old_orders FOR EACH STATEMENT EXECUTE FUNCTION retail.orders_changed();

--
-- Name: orders orders_rollup_truncate; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER orders_rollup_truncate AFTER TRUNCATE ON retail.orders FOR EACH STATEMENT EXECUTE FUNCTION retail.sales_truncated();

--
-- Name: orders orders_rollup_update; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER orders_rollup_update AFTER UPDATE ON retail.orders REFERENCING OLD TABLE AS old_orders FOR EACH STATEMENT EXECUTE FUNCTION retail.orders_changed();

--
-- Name: products products_rollup_update; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER products_rollup_update AFTER UPDATE ON retail.products REFERENCING OLD TABLE AS old_products FOR EACH STATEMENT EXECUTE FUNCTION retail.products_changed();

--
-- Name: sales_customer_month sales_customer_month_buyers_added; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER sales_customer_month_buyers_added AFTER INSERT ON retail.sales_customer_month REFERENCING NEW TABLE AS added_cells FOR EACH STATEMENT EXECUTE FUNCTION retail.customer_cells_added();

--
-- Name: sales_customer_month sales_customer_month_buyers_removed; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER sales_customer_month_buyers_removed AFTER DELETE ON retail.sales_customer_month REFERENCING OLD TABLE AS removed_cells FOR EACH STATEMENT EXECUTE FUNCTION retail.customer_cells_removed();

--
-- Name: stores stores_grant_new_store_access; Type: TRIGGER; Schema: retail; Owner: zava_owner
--

CREATE TRIGGER stores_grant_new_store_access AFTER INSERT ON retail.stores FOR EACH ROW EXECUTE FUNCTION retail.grant_new_store_access();

--
-- Name: customers customers_primary_store_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.customers
    ADD CONSTRAINT customers_primary_store_id_fkey FOREIGN KEY (primary_store_id) REFERENCES retail.stores(store_id);

--
-- Name: inventory inventory_product_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.inventory
    ADD CONSTRAINT inventory_product_id_fkey FOREIGN KEY (product_id) REFERENCES retail.products(product_id);

--
-- Name: inventory inventory_store_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.inventory
    ADD CONSTRAINT inventory_store_id_fkey FOREIGN KEY (store_id) REFERENCES retail.stores(store_id);

--
-- Name: manager_stores manager_stores_rls_user_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.manager_stores
    ADD CONSTRAINT manager_stores_rls_user_id_fkey FOREIGN KEY (rls_user_id) REFERENCES retail.managers(rls_user_id) ON DELETE CASCADE;

--
-- Name: manager_stores manager_stores_store_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.manager_stores
    ADD CONSTRAINT manager_stores_store_id_fkey FOREIGN KEY (store_id) REFERENCES retail.stores(store_id) ON DELETE CASCADE;

--
-- Name: order_items order_items_order_id_store_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.order_items
    ADD CONSTRAINT order_items_order_id_store_id_fkey FOREIGN KEY (order_id, store_id) REFERENCES retail.orders(order_id, store_id) ON DELETE CASCADE;

--
-- Name: order_items order_items_product_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.order_items
    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES retail.products(product_id);

--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES retail.customers(customer_id);

--
-- Name: orders orders_store_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.orders
    ADD CONSTRAINT orders_store_id_fkey FOREIGN KEY (store_id) REFERENCES retail.stores(store_id);

--
-- Name: product_description_embeddings product_description_embeddings_product_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.product_description_embeddings
    ADD CONSTRAINT product_description_embeddings_product_id_fkey FOREIGN KEY (product_id) REFERENCES retail.products(product_id) ON DELETE CASCADE;

--
-- Name: product_translations product_translations_product_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.product_translations
    ADD CONSTRAINT product_translations_product_id_fkey FOREIGN KEY (product_id) REFERENCES retail.products(product_id) ON DELETE CASCADE;

--
-- Name: product_types product_types_category_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.product_types
    ADD CONSTRAINT product_types_category_id_fkey FOREIGN KEY (category_id) REFERENCES retail.categories(category_id);

--
-- Name: products products_category_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.products
    ADD CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id) REFERENCES retail.categories(category_id);

--
-- Name: products products_type_id_category_id_fkey; Type: FK CONSTRAINT; Schema: retail; Owner: zava_owner
--

ALTER TABLE ONLY retail.products
    ADD CONSTRAINT products_type_id_category_id_fkey FOREIGN KEY (type_id, category_id) REFERENCES retail.product_types(type_id, category_id);

--
-- Name: customers; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.customers ENABLE ROW LEVEL SECURITY;

--
-- Name: customers customers_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY customers_head_office_select ON retail.customers FOR SELECT TO zava_head_office USING ((primary_store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: customers customers_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY customers_regional_manager_select ON retail.customers FOR SELECT TO zava_regional_manager USING ((primary_store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: customers customers_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY customers_sql_reader_select ON retail.customers FOR SELECT TO zava_sql_reader USING ((primary_store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: customers customers_store_manager_insert; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY customers_store_manager_insert ON retail.customers FOR INSERT TO zava_store_manager WITH CHECK ((primary_store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: customers customers_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY customers_store_manager_select ON retail.customers FOR SELECT TO zava_store_manager USING ((primary_store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: customers customers_store_manager_update; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY customers_store_manager_update ON retail.customers FOR UPDATE TO zava_store_manager USING ((primary_store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store))) WITH CHECK ((primary_store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: inventory; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.inventory ENABLE ROW LEVEL SECURITY;

--
-- Name: inventory inventory_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY inventory_head_office_select ON retail.inventory FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: inventory inventory_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY inventory_regional_manager_select ON retail.inventory FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: inventory inventory_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY inventory_sql_reader_select ON retail.inventory FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: inventory inventory_store_manager_insert; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY inventory_store_manager_insert ON retail.inventory FOR INSERT TO zava_store_manager WITH CHECK ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: inventory inventory_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY inventory_store_manager_select ON retail.inventory FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: inventory inventory_store_manager_update; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY inventory_store_manager_update ON retail.inventory FOR UPDATE TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store))) WITH CHECK ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: manager_stores; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.manager_stores ENABLE ROW LEVEL SECURITY;

--
-- Name: managers; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.managers ENABLE ROW LEVEL SECURITY;

--
-- Name: order_items; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.order_items ENABLE ROW LEVEL SECURITY;

--
-- Name: order_items order_items_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY order_items_head_office_select ON retail.order_items FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: order_items order_items_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY order_items_regional_manager_select ON retail.order_items FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: order_items order_items_rollup_writer_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY order_items_rollup_writer_select ON retail.order_items FOR SELECT TO zava_rollup_writer USING (true);

--
-- Name: order_items order_items_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY order_items_sql_reader_select ON retail.order_items FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: order_items order_items_store_manager_insert; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY order_items_store_manager_insert ON retail.order_items FOR INSERT TO zava_store_manager WITH CHECK ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: order_items order_items_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY order_items_store_manager_select ON retail.order_items FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: order_items order_items_store_manager_update; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY order_items_store_manager_update ON retail.order_items FOR UPDATE TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store))) WITH CHECK ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: orders; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.orders ENABLE ROW LEVEL SECURITY;

--
-- Name: orders orders_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY orders_head_office_select ON retail.orders FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: orders orders_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY orders_regional_manager_select ON retail.orders FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: orders orders_rollup_writer_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY orders_rollup_writer_select ON retail.orders FOR SELECT TO zava_rollup_writer USING (true);

--
-- Name: orders orders_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY orders_sql_reader_select ON retail.orders FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: orders orders_store_manager_insert; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY orders_store_manager_insert ON retail.orders FOR INSERT TO zava_store_manager WITH CHECK ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: orders orders_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY orders_store_manager_select ON retail.orders FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: orders orders_store_manager_update; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY orders_store_manager_update ON retail.orders FOR UPDATE TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store))) WITH CHECK ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_buyer_numbers; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_buyer_numbers ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_buyer_numbers sales_buyer_numbers_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyer_numbers_head_office_select ON retail.sales_buyer_numbers FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_buyer_numbers sales_buyer_numbers_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyer_numbers_regional_manager_select ON retail.sales_buyer_numbers FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_buyer_numbers sales_buyer_numbers_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyer_numbers_rollup_writer_all ON retail.sales_buyer_numbers TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_buyer_numbers sales_buyer_numbers_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyer_numbers_sql_reader_select ON retail.sales_buyer_numbers FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_buyer_numbers sales_buyer_numbers_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyer_numbers_store_manager_select ON retail.sales_buyer_numbers FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_buyers_month; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_buyers_month ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_buyers_month sales_buyers_month_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyers_month_head_office_select ON retail.sales_buyers_month FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_buyers_month sales_buyers_month_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyers_month_regional_manager_select ON retail.sales_buyers_month FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_buyers_month sales_buyers_month_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyers_month_rollup_writer_all ON retail.sales_buyers_month TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_buyers_month sales_buyers_month_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyers_month_sql_reader_select ON retail.sales_buyers_month FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_buyers_month sales_buyers_month_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_buyers_month_store_manager_select ON retail.sales_buyers_month FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_category_day; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_category_day ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_category_day sales_category_day_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_category_day_head_office_select ON retail.sales_category_day FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_category_day sales_category_day_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_category_day_regional_manager_select ON retail.sales_category_day FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_category_day sales_category_day_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_category_day_rollup_writer_all ON retail.sales_category_day TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_category_day sales_category_day_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_category_day_sql_reader_select ON retail.sales_category_day FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_category_day sales_category_day_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_category_day_store_manager_select ON retail.sales_category_day FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_changes; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_changes ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_changes sales_changes_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_changes_rollup_writer_all ON retail.sales_changes TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_customer_cohort; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_customer_cohort ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_customer_cohort sales_customer_cohort_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_cohort_head_office_select ON retail.sales_customer_cohort FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_cohort sales_customer_cohort_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_cohort_regional_manager_select ON retail.sales_customer_cohort FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_cohort sales_customer_cohort_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_cohort_rollup_writer_all ON retail.sales_customer_cohort TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_customer_cohort sales_customer_cohort_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_cohort_sql_reader_select ON retail.sales_customer_cohort FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_cohort sales_customer_cohort_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_cohort_store_manager_select ON retail.sales_customer_cohort FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_customer_first; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_customer_first ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_customer_first sales_customer_first_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_first_head_office_select ON retail.sales_customer_first FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_first sales_customer_first_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_first_regional_manager_select ON retail.sales_customer_first FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_first sales_customer_first_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_first_rollup_writer_all ON retail.sales_customer_first TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_customer_first sales_customer_first_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_first_sql_reader_select ON retail.sales_customer_first FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_first sales_customer_first_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_first_store_manager_select ON retail.sales_customer_first FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_customer_month; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_customer_month ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_customer_month sales_customer_month_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_month_head_office_select ON retail.sales_customer_month FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_month sales_customer_month_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_month_regional_manager_select ON retail.sales_customer_month FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_month sales_customer_month_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_month_rollup_writer_all ON retail.sales_customer_month TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_customer_month sales_customer_month_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_month_sql_reader_select ON retail.sales_customer_month FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_month sales_customer_month_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_month_store_manager_select ON retail.sales_customer_month FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_customer_store_total; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_customer_store_total ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_customer_store_total sales_customer_store_total_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_store_total_head_office_select ON retail.sales_customer_store_total FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_store_total sales_customer_store_total_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_store_total_regional_manager_select ON retail.sales_customer_store_total FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_store_total sales_customer_store_total_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_store_total_rollup_writer_all ON retail.sales_customer_store_total TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_customer_store_total sales_customer_store_total_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_store_total_sql_reader_select ON retail.sales_customer_store_total FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_customer_store_total sales_customer_store_total_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_store_total_store_manager_select ON retail.sales_customer_store_total FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_customer_total; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_customer_total ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_customer_total sales_customer_total_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_total_head_office_select ON retail.sales_customer_total FOR SELECT TO zava_head_office USING (( SELECT retail.caller_sees_every_store() AS caller_sees_every_store));

--
-- Name: sales_customer_total sales_customer_total_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_customer_total_rollup_writer_all ON retail.sales_customer_total TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_hour_month; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_hour_month ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_hour_month sales_hour_month_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_hour_month_head_office_select ON retail.sales_hour_month FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_hour_month sales_hour_month_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_hour_month_regional_manager_select ON retail.sales_hour_month FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_hour_month sales_hour_month_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_hour_month_rollup_writer_all ON retail.sales_hour_month TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_hour_month sales_hour_month_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_hour_month_sql_reader_select ON retail.sales_hour_month FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_hour_month sales_hour_month_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_hour_month_store_manager_select ON retail.sales_hour_month FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_product_month; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_product_month ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_product_month sales_product_month_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_month_head_office_select ON retail.sales_product_month FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_month sales_product_month_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_month_regional_manager_select ON retail.sales_product_month FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_month sales_product_month_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_month_rollup_writer_all ON retail.sales_product_month TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_product_month sales_product_month_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_month_sql_reader_select ON retail.sales_product_month FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_month sales_product_month_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_month_store_manager_select ON retail.sales_product_month FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_product_quarter; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_product_quarter ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_product_quarter sales_product_quarter_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_quarter_head_office_select ON retail.sales_product_quarter FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_quarter sales_product_quarter_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_quarter_regional_manager_select ON retail.sales_product_quarter FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_quarter sales_product_quarter_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_quarter_rollup_writer_all ON retail.sales_product_quarter TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_product_quarter sales_product_quarter_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_quarter_sql_reader_select ON retail.sales_product_quarter FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_quarter sales_product_quarter_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_quarter_store_manager_select ON retail.sales_product_quarter FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_product_week; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_product_week ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_product_week sales_product_week_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_week_head_office_select ON retail.sales_product_week FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_week sales_product_week_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_week_regional_manager_select ON retail.sales_product_week FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_week sales_product_week_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_week_rollup_writer_all ON retail.sales_product_week TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_product_week sales_product_week_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_week_sql_reader_select ON retail.sales_product_week FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_week sales_product_week_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_week_store_manager_select ON retail.sales_product_week FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_product_year; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_product_year ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_product_year sales_product_year_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_year_head_office_select ON retail.sales_product_year FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_year sales_product_year_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_year_regional_manager_select ON retail.sales_product_year FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_year sales_product_year_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_year_rollup_writer_all ON retail.sales_product_year TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_product_year sales_product_year_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_year_sql_reader_select ON retail.sales_product_year FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_product_year sales_product_year_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_product_year_store_manager_select ON retail.sales_product_year FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_repeat_buyers_month; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_repeat_buyers_month ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_repeat_buyers_month sales_repeat_buyers_month_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_repeat_buyers_month_head_office_select ON retail.sales_repeat_buyers_month FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_repeat_buyers_month sales_repeat_buyers_month_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_repeat_buyers_month_regional_manager_select ON retail.sales_repeat_buyers_month FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_repeat_buyers_month sales_repeat_buyers_month_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_repeat_buyers_month_rollup_writer_all ON retail.sales_repeat_buyers_month TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_repeat_buyers_month sales_repeat_buyers_month_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_repeat_buyers_month_sql_reader_select ON retail.sales_repeat_buyers_month FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_repeat_buyers_month sales_repeat_buyers_month_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_repeat_buyers_month_store_manager_select ON retail.sales_repeat_buyers_month FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_store_day; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_store_day ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_store_day sales_store_day_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_store_day_head_office_select ON retail.sales_store_day FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_store_day sales_store_day_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_store_day_regional_manager_select ON retail.sales_store_day FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_store_day sales_store_day_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_store_day_rollup_writer_all ON retail.sales_store_day TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_store_day sales_store_day_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_store_day_sql_reader_select ON retail.sales_store_day FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_store_day sales_store_day_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_store_day_store_manager_select ON retail.sales_store_day FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: sales_type_month; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.sales_type_month ENABLE ROW LEVEL SECURITY;

--
-- Name: sales_type_month sales_type_month_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_type_month_head_office_select ON retail.sales_type_month FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_type_month sales_type_month_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_type_month_regional_manager_select ON retail.sales_type_month FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_type_month sales_type_month_rollup_writer_all; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_type_month_rollup_writer_all ON retail.sales_type_month TO zava_rollup_writer USING (true) WITH CHECK (true);

--
-- Name: sales_type_month sales_type_month_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_type_month_sql_reader_select ON retail.sales_type_month FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: sales_type_month sales_type_month_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY sales_type_month_store_manager_select ON retail.sales_type_month FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: stores; Type: ROW SECURITY; Schema: retail; Owner: zava_owner
--

ALTER TABLE retail.stores ENABLE ROW LEVEL SECURITY;

--
-- Name: stores stores_head_office_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY stores_head_office_select ON retail.stores FOR SELECT TO zava_head_office USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: stores stores_regional_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY stores_regional_manager_select ON retail.stores FOR SELECT TO zava_regional_manager USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: stores stores_sql_reader_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY stores_sql_reader_select ON retail.stores FOR SELECT TO zava_sql_reader USING ((store_id = ANY (( SELECT retail.get_user_store_list() AS get_user_store_list)::uuid[])));

--
-- Name: stores stores_store_manager_select; Type: POLICY; Schema: retail; Owner: zava_owner
--

CREATE POLICY stores_store_manager_select ON retail.stores FOR SELECT TO zava_store_manager USING ((store_id = ( SELECT retail.get_current_user_store() AS get_current_user_store)));

--
-- Name: SCHEMA api; Type: ACL; Schema: -; Owner: zava_owner
--

GRANT USAGE ON SCHEMA api TO zava_store_manager;
GRANT USAGE ON SCHEMA api TO zava_regional_manager;
GRANT USAGE ON SCHEMA api TO zava_head_office;

--
-- Name: SCHEMA auth; Type: ACL; Schema: -; Owner: zava_owner
--

GRANT USAGE ON SCHEMA auth TO zava_mcp;

--
-- Name: SCHEMA extensions; Type: ACL; Schema: -; Owner: postgres
--

GRANT USAGE ON SCHEMA extensions TO PUBLIC;

--
-- Name: SCHEMA jobs; Type: ACL; Schema: -; Owner: zava_owner
--

GRANT ALL ON SCHEMA jobs TO zava_rollup_writer;
GRANT USAGE ON SCHEMA jobs TO zava_mcp;

--
-- Name: SCHEMA mcp; Type: ACL; Schema: -; Owner: postgres
--

GRANT USAGE ON SCHEMA mcp TO zava_mcp;

--
-- Name: SCHEMA prompts; Type: ACL; Schema: -; Owner: zava_owner
--

GRANT USAGE ON SCHEMA prompts TO zava_store_manager;
GRANT USAGE ON SCHEMA prompts TO zava_regional_manager;
GRANT USAGE ON SCHEMA prompts TO zava_head_office;

--
-- Name: SCHEMA retail; Type: ACL; Schema: -; Owner: zava_owner
--

GRANT USAGE ON SCHEMA retail TO zava_store_manager;
GRANT USAGE ON SCHEMA retail TO zava_regional_manager;
GRANT USAGE ON SCHEMA retail TO zava_head_office;
GRANT USAGE ON SCHEMA retail TO zava_sql_reader;
GRANT ALL ON SCHEMA retail TO zava_rollup_writer;

--
-- Name: TYPE calendar_year; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.calendar_year TO zava_store_manager;
GRANT ALL ON TYPE api.calendar_year TO zava_regional_manager;
GRANT ALL ON TYPE api.calendar_year TO zava_head_office;

--
-- Name: TYPE comparison; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.comparison TO zava_api_caller;

--
-- Name: TYPE embedding_source; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.embedding_source TO zava_api_caller;

--
-- Name: TYPE horizon_days; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.horizon_days TO zava_store_manager;
GRANT ALL ON TYPE api.horizon_days TO zava_regional_manager;
GRANT ALL ON TYPE api.horizon_days TO zava_head_office;

--
-- Name: TYPE lookback_days; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.lookback_days TO zava_store_manager;
GRANT ALL ON TYPE api.lookback_days TO zava_regional_manager;
GRANT ALL ON TYPE api.lookback_days TO zava_head_office;

--
-- Name: TYPE name_text; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.name_text TO zava_store_manager;
GRANT ALL ON TYPE api.name_text TO zava_regional_manager;
GRANT ALL ON TYPE api.name_text TO zava_head_office;

--
-- Name: TYPE order_status; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.order_status TO zava_store_manager;
GRANT ALL ON TYPE api.order_status TO zava_regional_manager;
GRANT ALL ON TYPE api.order_status TO zava_head_office;

--
-- Name: TYPE rank_metric; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.rank_metric TO zava_store_manager;
GRANT ALL ON TYPE api.rank_metric TO zava_regional_manager;
GRANT ALL ON TYPE api.rank_metric TO zava_head_office;

--
-- Name: TYPE sales_dimension; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.sales_dimension TO zava_store_manager;
GRANT ALL ON TYPE api.sales_dimension TO zava_regional_manager;
GRANT ALL ON TYPE api.sales_dimension TO zava_head_office;

--
-- Name: TYPE sales_pattern; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.sales_pattern TO zava_store_manager;
GRANT ALL ON TYPE api.sales_pattern TO zava_regional_manager;
GRANT ALL ON TYPE api.sales_pattern TO zava_head_office;

--
-- Name: TYPE search_max_rows; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.search_max_rows TO zava_store_manager;
GRANT ALL ON TYPE api.search_max_rows TO zava_regional_manager;
GRANT ALL ON TYPE api.search_max_rows TO zava_head_office;

--
-- Name: TYPE similarity; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.similarity TO zava_store_manager;
GRANT ALL ON TYPE api.similarity TO zava_regional_manager;
GRANT ALL ON TYPE api.similarity TO zava_head_office;

--
-- Name: TYPE sql_text; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.sql_text TO zava_store_manager;
GRANT ALL ON TYPE api.sql_text TO zava_regional_manager;
GRANT ALL ON TYPE api.sql_text TO zava_head_office;

--
-- Name: TYPE stock_threshold; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.stock_threshold TO zava_store_manager;
GRANT ALL ON TYPE api.stock_threshold TO zava_regional_manager;
GRANT ALL ON TYPE api.stock_threshold TO zava_head_office;

--
-- Name: TYPE time_grain; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.time_grain TO zava_store_manager;
GRANT ALL ON TYPE api.time_grain TO zava_regional_manager;
GRANT ALL ON TYPE api.time_grain TO zava_head_office;

--
-- Name: TYPE top_n; Type: ACL; Schema: api; Owner: zava_owner
--

GRANT ALL ON TYPE api.top_n TO zava_store_manager;
GRANT ALL ON TYPE api.top_n TO zava_regional_manager;
GRANT ALL ON TYPE api.top_n TO zava_head_office;

--
-- Name: TYPE customer_cell; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT ALL ON TYPE retail.customer_cell TO zava_rollup_writer;

--
-- Name: FUNCTION execute_sales_query(postgresql_query api.sql_text); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.execute_sales_query(postgresql_query api.sql_text) FROM PUBLIC;
GRANT ALL ON FUNCTION api.execute_sales_query(postgresql_query api.sql_text) TO zava_api_caller;

--
-- Name: FUNCTION get_category_growth(year api.calendar_year, compare_year api.calendar_year, store_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_category_growth(year api.calendar_year, compare_year api.calendar_year, store_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_category_growth(year api.calendar_year, compare_year api.calendar_year, store_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_current_utc_date(); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_current_utc_date() FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_current_utc_date() TO zava_api_caller;

--
-- Name: FUNCTION get_customer_metrics(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_customer_metrics(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_customer_metrics(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_inventory_value(store_name api.name_text); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_inventory_value(store_name api.name_text) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_inventory_value(store_name api.name_text) TO zava_api_caller;

--
-- Name: FUNCTION get_low_stock(threshold api.stock_threshold, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_low_stock(threshold api.stock_threshold, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_low_stock(threshold api.stock_threshold, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_measure_glossary(); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_measure_glossary() FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_measure_glossary() TO zava_api_caller;

--
-- Name: FUNCTION get_multiple_table_schemas(table_names api.name_text[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_multiple_table_schemas(table_names api.name_text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_multiple_table_schemas(table_names api.name_text[]) TO zava_api_caller;

--
-- Name: FUNCTION get_order_status_summary(period_start date, period_end date, store_name api.name_text, category_name api.name_text); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_order_status_summary(period_start date, period_end date, store_name api.name_text, category_name api.name_text) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_order_status_summary(period_start date, period_end date, store_name api.name_text, category_name api.name_text) TO zava_api_caller;

--
-- Name: FUNCTION get_sales_by_dimension(dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_sales_by_dimension(dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_sales_by_dimension(dimension api.sales_dimension, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_sales_by_period(grain api.time_grain, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_sales_by_period(grain api.time_grain, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_sales_by_period(grain api.time_grain, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_sales_pattern(pattern api.sales_pattern, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_sales_pattern(pattern api.sales_pattern, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_sales_pattern(pattern api.sales_pattern, period_start date, period_end date, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_seasonal_trend(category_name api.name_text, store_name api.name_text, from_year api.calendar_year, to_year api.calendar_year, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_seasonal_trend(category_name api.name_text, store_name api.name_text, from_year api.calendar_year, to_year api.calendar_year, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_seasonal_trend(category_name api.name_text, store_name api.name_text, from_year api.calendar_year, to_year api.calendar_year, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_slow_movers(lookback_days api.lookback_days, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_slow_movers(lookback_days api.lookback_days, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_slow_movers(lookback_days api.lookback_days, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_stockout_risk(lookback_days api.lookback_days, horizon_days api.horizon_days, store_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_stockout_risk(lookback_days api.lookback_days, horizon_days api.horizon_days, store_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_stockout_risk(lookback_days api.lookback_days, horizon_days api.horizon_days, store_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_store_performance(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[], compare_with api.comparison); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_store_performance(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[], compare_with api.comparison) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_store_performance(period_start date, period_end date, store_name api.name_text, include_statuses api.order_status[], compare_with api.comparison) TO zava_api_caller;

--
-- Name: FUNCTION get_top_customers(period_start date, period_end date, top_n api.top_n, store_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_top_customers(period_start date, period_end date, top_n api.top_n, store_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_top_customers(period_start date, period_end date, top_n api.top_n, store_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION get_top_products(period_start date, period_end date, rank_by api.rank_metric, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.get_top_products(period_start date, period_end date, rank_by api.rank_metric, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION api.get_top_products(period_start date, period_end date, rank_by api.rank_metric, top_n api.top_n, store_name api.name_text, category_name api.name_text, include_statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION semantic_search_products(query_description extensions.vector, max_rows api.search_max_rows, similarity_threshold api.similarity, query_text api.embedding_source); Type: ACL; Schema: api; Owner: zava_owner
--

REVOKE ALL ON FUNCTION api.semantic_search_products(query_description extensions.vector, max_rows api.search_max_rows, similarity_threshold api.similarity, query_text api.embedding_source) FROM PUBLIC;
GRANT ALL ON FUNCTION api.semantic_search_products(query_description extensions.vector, max_rows api.search_max_rows, similarity_threshold api.similarity, query_text api.embedding_source) TO zava_api_caller;

--
-- Name: FUNCTION call_tool(identity_setting text, identity text, request_role text, call_statement text, call_arguments text[], read_only boolean); Type: ACL; Schema: auth; Owner: zava_owner
--

REVOKE ALL ON FUNCTION auth.call_tool(identity_setting text, identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION auth.call_tool(identity_setting text, identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) TO zava_mcp;

--
-- Name: FUNCTION request_role(identity text); Type: ACL; Schema: auth; Owner: zava_owner
--

REVOKE ALL ON FUNCTION auth.request_role(identity text) FROM PUBLIC;
GRANT ALL ON FUNCTION auth.request_role(identity text) TO zava_mcp;

--
-- Name: FUNCTION fold_sales_changes(); Type: ACL; Schema: jobs; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION jobs.fold_sales_changes() FROM PUBLIC;
GRANT ALL ON FUNCTION jobs.fold_sales_changes() TO zava_mcp;
GRANT ALL ON FUNCTION jobs.fold_sales_changes() TO zava_owner;

--
-- Name: FUNCTION base_type(type_oid oid); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.base_type(type_oid oid) FROM PUBLIC;

--
-- Name: FUNCTION base_type_name(type_oid oid); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.base_type_name(type_oid oid) FROM PUBLIC;

--
-- Name: FUNCTION call_tool(identity text, request_role text, call_statement text, call_arguments text[], read_only boolean); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.call_tool(identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION mcp.call_tool(identity text, request_role text, call_statement text, call_arguments text[], read_only boolean) TO zava_mcp;

--
-- Name: FUNCTION comment_docs(comment_text text); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.comment_docs(comment_text text) FROM PUBLIC;

--
-- Name: FUNCTION declared_input_schema(type_oid oid, embed_vectors boolean); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.declared_input_schema(type_oid oid, embed_vectors boolean) FROM PUBLIC;

--
-- Name: FUNCTION described(value_schema jsonb, doc text); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.described(value_schema jsonb, doc text) FROM PUBLIC;

--
-- Name: FUNCTION domain_check_schema(checks text[]); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.domain_check_schema(checks text[]) FROM PUBLIC;

--
-- Name: FUNCTION input_schema(type_oid oid, embed_vectors boolean); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.input_schema(type_oid oid, embed_vectors boolean) FROM PUBLIC;

--
-- Name: FUNCTION nullable_schema(value_schema jsonb); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.nullable_schema(value_schema jsonb) FROM PUBLIC;

--
-- Name: FUNCTION output_schema(type_oid oid); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.output_schema(type_oid oid) FROM PUBLIC;

--
-- Name: FUNCTION prompts(schema_name text); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.prompts(schema_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION mcp.prompts(schema_name text) TO zava_mcp;

--
-- Name: FUNCTION qualified_name(schema_name text, object_name text); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.qualified_name(schema_name text, object_name text) FROM PUBLIC;

--
-- Name: FUNCTION served_functions(schema_name text); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.served_functions(schema_name text) FROM PUBLIC;

--
-- Name: FUNCTION tools(api_schema text, embed_vectors boolean); Type: ACL; Schema: mcp; Owner: postgres
--

REVOKE ALL ON FUNCTION mcp.tools(api_schema text, embed_vectors boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION mcp.tools(api_schema text, embed_vectors boolean) TO zava_mcp;

--
-- Name: FUNCTION age(xid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.age(xid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.age(xid) TO pg_read_all_stats;

--
-- Name: FUNCTION array_fill(anyelement, integer[]); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[]) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[]) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[]) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[]) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[]) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[]) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[]) TO pg_read_all_data;

--
-- Name: FUNCTION array_fill(anyelement, integer[], integer[]); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[], integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[], integer[]) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[], integer[]) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[], integer[]) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[], integer[]) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[], integer[]) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[], integer[]) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.array_fill(anyelement, integer[], integer[]) TO pg_read_all_data;

--
-- Name: FUNCTION concat(VARIADIC "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.concat(VARIADIC "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.concat(VARIADIC "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.concat(VARIADIC "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.concat(VARIADIC "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.concat(VARIADIC "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.concat(VARIADIC "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.concat(VARIADIC "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.concat(VARIADIC "any") TO pg_read_all_data;

--
-- Name: FUNCTION concat_ws(text, VARIADIC "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.concat_ws(text, VARIADIC "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.concat_ws(text, VARIADIC "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.concat_ws(text, VARIADIC "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.concat_ws(text, VARIADIC "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.concat_ws(text, VARIADIC "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.concat_ws(text, VARIADIC "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.concat_ws(text, VARIADIC "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.concat_ws(text, VARIADIC "any") TO pg_read_all_data;

--
-- Name: FUNCTION current_query(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.current_query() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.current_query() TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.current_query() TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.current_query() TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.current_query() TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.current_query() TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.current_query() TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.current_query() TO pg_read_all_data;

--
-- Name: FUNCTION cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xml(cursor refcursor, count integer, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.cursor_to_xmlschema(cursor refcursor, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION database_to_xml(nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.database_to_xml(nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml(nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml(nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml(nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml(nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml(nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml(nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml(nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.database_to_xml_and_xmlschema(nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION database_to_xmlschema(nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.database_to_xmlschema(nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.database_to_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.database_to_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.database_to_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.database_to_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.database_to_xmlschema(nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.database_to_xmlschema(nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.database_to_xmlschema(nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION format(text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.format(text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.format(text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.format(text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.format(text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.format(text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.format(text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.format(text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.format(text) TO pg_read_all_data;

--
-- Name: FUNCTION format(text, VARIADIC "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.format(text, VARIADIC "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.format(text, VARIADIC "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.format(text, VARIADIC "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.format(text, VARIADIC "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.format(text, VARIADIC "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.format(text, VARIADIC "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.format(text, VARIADIC "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.format(text, VARIADIC "any") TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg_finalfn(internal); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg_finalfn(internal) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_finalfn(internal) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_finalfn(internal) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_finalfn(internal) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_finalfn(internal) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_finalfn(internal) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_finalfn(internal) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_finalfn(internal) TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg_strict_transfn(internal, "any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg_strict_transfn(internal, "any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict_transfn(internal, "any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict_transfn(internal, "any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict_transfn(internal, "any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict_transfn(internal, "any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict_transfn(internal, "any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict_transfn(internal, "any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict_transfn(internal, "any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg_transfn(internal, "any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg_transfn(internal, "any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_transfn(internal, "any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_transfn(internal, "any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_transfn(internal, "any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_transfn(internal, "any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_transfn(internal, "any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_transfn(internal, "any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_transfn(internal, "any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg_unique_strict_transfn(internal, "any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict_transfn(internal, "any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict_transfn(internal, "any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict_transfn(internal, "any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg_unique_transfn(internal, "any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg_unique_transfn(internal, "any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_transfn(internal, "any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_transfn(internal, "any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_transfn(internal, "any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_transfn(internal, "any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_transfn(internal, "any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_transfn(internal, "any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_transfn(internal, "any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg_finalfn(internal); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg_finalfn(internal) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_finalfn(internal) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_finalfn(internal) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_finalfn(internal) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_finalfn(internal) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_finalfn(internal) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_finalfn(internal) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_finalfn(internal) TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg_strict_transfn(internal, "any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict_transfn(internal, "any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict_transfn(internal, "any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict_transfn(internal, "any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict_transfn(internal, "any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict_transfn(internal, "any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict_transfn(internal, "any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict_transfn(internal, "any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict_transfn(internal, "any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg_transfn(internal, "any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg_transfn(internal, "any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_transfn(internal, "any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_transfn(internal, "any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_transfn(internal, "any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_transfn(internal, "any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_transfn(internal, "any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_transfn(internal, "any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_transfn(internal, "any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg_unique_strict_transfn(internal, "any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict_transfn(internal, "any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict_transfn(internal, "any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict_transfn(internal, "any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict_transfn(internal, "any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg_unique_transfn(internal, "any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_transfn(internal, "any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_transfn(internal, "any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_transfn(internal, "any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_transfn(internal, "any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_transfn(internal, "any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_transfn(internal, "any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_transfn(internal, "any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_transfn(internal, "any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION lo_close(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_close(integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_creat(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_creat(integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_create(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_create(oid) FROM PUBLIC;

--
-- Name: FUNCTION lo_from_bytea(oid, bytea); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_from_bytea(oid, bytea) FROM PUBLIC;

--
-- Name: FUNCTION lo_get(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_get(oid) FROM PUBLIC;

--
-- Name: FUNCTION lo_get(oid, bigint, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_get(oid, bigint, integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_lseek(integer, integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_lseek(integer, integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_lseek64(integer, bigint, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_lseek64(integer, bigint, integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_open(oid, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_open(oid, integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_put(oid, bigint, bytea); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_put(oid, bigint, bytea) FROM PUBLIC;

--
-- Name: FUNCTION lo_tell(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_tell(integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_tell64(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_tell64(integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_truncate(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_truncate(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION lo_truncate64(integer, bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_truncate64(integer, bigint) FROM PUBLIC;

--
-- Name: FUNCTION lo_unlink(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lo_unlink(oid) FROM PUBLIC;

--
-- Name: FUNCTION loread(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.loread(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION lowrite(integer, bytea); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lowrite(integer, bytea) FROM PUBLIC;

--
-- Name: FUNCTION lpad(text, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lpad(text, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer) TO pg_read_all_data;

--
-- Name: FUNCTION lpad(text, integer, text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.lpad(text, integer, text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer, text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer, text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer, text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer, text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer, text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer, text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.lpad(text, integer, text) TO pg_read_all_data;

--
-- Name: FUNCTION mxid_age(xid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.mxid_age(xid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.mxid_age(xid) TO pg_read_all_stats;

--
-- Name: FUNCTION "overlay"(bit, bit, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer) TO pg_read_all_data;

--
-- Name: FUNCTION "overlay"(bytea, bytea, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer) TO pg_read_all_data;

--
-- Name: FUNCTION "overlay"(text, text, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog."overlay"(text, text, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer) TO pg_read_all_data;

--
-- Name: FUNCTION "overlay"(bit, bit, integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bit, bit, integer, integer) TO pg_read_all_data;

--
-- Name: FUNCTION "overlay"(bytea, bytea, integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog."overlay"(bytea, bytea, integer, integer) TO pg_read_all_data;

--
-- Name: FUNCTION "overlay"(text, text, integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog."overlay"(text, text, integer, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog."overlay"(text, text, integer, integer) TO pg_read_all_data;

--
-- Name: FUNCTION pg_advisory_lock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_lock(bigint) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_lock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_lock(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_lock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_lock_shared(bigint) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_lock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_lock_shared(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_unlock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock(bigint) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_unlock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_unlock_all(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock_all() FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_unlock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock_shared(bigint) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_unlock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_unlock_shared(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_xact_lock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock(bigint) TO zava_rollup_writer;

--
-- Name: FUNCTION pg_advisory_xact_lock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_xact_lock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock_shared(bigint) FROM PUBLIC;

--
-- Name: FUNCTION pg_advisory_xact_lock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_advisory_xact_lock_shared(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_blocking_pids(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_blocking_pids(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_blocking_pids(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_control_checkpoint(OUT checkpoint_lsn pg_lsn, OUT redo_lsn pg_lsn, OUT redo_wal_file text, OUT timeline_id integer, OUT prev_timeline_id integer, OUT full_page_writes boolean, OUT next_xid text, OUT next_oid oid, OUT next_multixact_id xid, OUT next_multi_offset xid, OUT oldest_xid xid, OUT oldest_xid_dbid oid, OUT oldest_active_xid xid, OUT oldest_multi_xid xid, OUT oldest_multi_dbid oid, OUT oldest_commit_ts_xid xid, OUT newest_commit_ts_xid xid, OUT checkpoint_time timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_control_checkpoint(OUT checkpoint_lsn pg_lsn, OUT redo_lsn pg_lsn, OUT redo_wal_file text, OUT timeline_id integer, OUT prev_timeline_id integer, OUT full_page_writes boolean, OUT next_xid text, OUT next_oid oid, OUT next_multixact_id xid, OUT next_multi_offset xid, OUT oldest_xid xid, OUT oldest_xid_dbid oid, OUT oldest_active_xid xid, OUT oldest_multi_xid xid, OUT oldest_multi_dbid oid, OUT oldest_commit_ts_xid xid, OUT newest_commit_ts_xid xid, OUT checkpoint_time timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_control_checkpoint(OUT checkpoint_lsn pg_lsn, OUT redo_lsn pg_lsn, OUT redo_wal_file text, OUT timeline_id integer, OUT prev_timeline_id integer, OUT full_page_writes boolean, OUT next_xid text, OUT next_oid oid, OUT next_multixact_id xid, OUT next_multi_offset xid, OUT oldest_xid xid, OUT oldest_xid_dbid oid, OUT oldest_active_xid xid, OUT oldest_multi_xid xid, OUT oldest_multi_dbid oid, OUT oldest_commit_ts_xid xid, OUT newest_commit_ts_xid xid, OUT checkpoint_time timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_control_init(OUT max_data_alignment integer, OUT database_block_size integer, OUT blocks_per_segment integer, OUT wal_block_size integer, OUT bytes_per_wal_segment integer, OUT max_identifier_length integer, OUT max_index_columns integer, OUT max_toast_chunk_size integer, OUT large_object_chunk_size integer, OUT float8_pass_by_value boolean, OUT data_page_checksum_version integer, OUT default_char_signedness boolean); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_control_init(OUT max_data_alignment integer, OUT database_block_size integer, OUT blocks_per_segment integer, OUT wal_block_size integer, OUT bytes_per_wal_segment integer, OUT max_identifier_length integer, OUT max_index_columns integer, OUT max_toast_chunk_size integer, OUT large_object_chunk_size integer, OUT float8_pass_by_value boolean, OUT data_page_checksum_version integer, OUT default_char_signedness boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_control_init(OUT max_data_alignment integer, OUT database_block_size integer, OUT blocks_per_segment integer, OUT wal_block_size integer, OUT bytes_per_wal_segment integer, OUT max_identifier_length integer, OUT max_index_columns integer, OUT max_toast_chunk_size integer, OUT large_object_chunk_size integer, OUT float8_pass_by_value boolean, OUT data_page_checksum_version integer, OUT default_char_signedness boolean) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_control_recovery(OUT min_recovery_end_lsn pg_lsn, OUT min_recovery_end_timeline integer, OUT backup_start_lsn pg_lsn, OUT backup_end_lsn pg_lsn, OUT end_of_backup_record_required boolean); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_control_recovery(OUT min_recovery_end_lsn pg_lsn, OUT min_recovery_end_timeline integer, OUT backup_start_lsn pg_lsn, OUT backup_end_lsn pg_lsn, OUT end_of_backup_record_required boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_control_recovery(OUT min_recovery_end_lsn pg_lsn, OUT min_recovery_end_timeline integer, OUT backup_start_lsn pg_lsn, OUT backup_end_lsn pg_lsn, OUT end_of_backup_record_required boolean) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_control_system(OUT pg_control_version integer, OUT catalog_version_no integer, OUT system_identifier bigint, OUT pg_control_last_modified timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_control_system(OUT pg_control_version integer, OUT catalog_version_no integer, OUT system_identifier bigint, OUT pg_control_last_modified timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_control_system(OUT pg_control_version integer, OUT catalog_version_no integer, OUT system_identifier bigint, OUT pg_control_last_modified timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_current_snapshot(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_current_snapshot() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_current_snapshot() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_current_wal_flush_lsn(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_current_wal_flush_lsn() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_current_wal_flush_lsn() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_current_wal_insert_lsn(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_current_wal_insert_lsn() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_current_wal_insert_lsn() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_current_wal_lsn(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_current_wal_lsn() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_current_wal_lsn() TO pg_read_all_stats;
GRANT ALL ON FUNCTION pg_catalog.pg_current_wal_lsn() TO zava_mcp;

--
-- Name: FUNCTION pg_current_xact_id(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_current_xact_id() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_current_xact_id() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_current_xact_id_if_assigned(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_current_xact_id_if_assigned() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_current_xact_id_if_assigned() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_database_size(name); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_database_size(name) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_database_size(name) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_database_size(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_database_size(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_database_size(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_get_multixact_members(multixid xid, OUT xid xid, OUT mode text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_get_multixact_members(multixid xid, OUT xid xid, OUT mode text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_get_multixact_members(multixid xid, OUT xid xid, OUT mode text) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_indexes_size(regclass); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_indexes_size(regclass) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_indexes_size(regclass) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_isolation_test_session_is_blocked(integer, integer[]); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_isolation_test_session_is_blocked(integer, integer[]) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_isolation_test_session_is_blocked(integer, integer[]) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_last_committed_xact(OUT xid xid, OUT "timestamp" timestamp with time zone, OUT roident oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_last_committed_xact(OUT xid xid, OUT "timestamp" timestamp with time zone, OUT roident oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_last_committed_xact(OUT xid xid, OUT "timestamp" timestamp with time zone, OUT roident oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_last_wal_receive_lsn(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_last_wal_receive_lsn() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_last_wal_receive_lsn() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_last_wal_replay_lsn(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_last_wal_replay_lsn() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_last_wal_replay_lsn() TO pg_read_all_stats;
GRANT ALL ON FUNCTION pg_catalog.pg_last_wal_replay_lsn() TO zava_mcp;

--
-- Name: FUNCTION pg_lock_status(OUT locktype text, OUT database oid, OUT relation oid, OUT page integer, OUT tuple smallint, OUT virtualxid text, OUT transactionid xid, OUT classid oid, OUT objid oid, OUT objsubid smallint, OUT virtualtransaction text, OUT pid integer, OUT mode text, OUT granted boolean, OUT fastpath boolean, OUT waitstart timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_lock_status(OUT locktype text, OUT database oid, OUT relation oid, OUT page integer, OUT tuple smallint, OUT virtualxid text, OUT transactionid xid, OUT classid oid, OUT objid oid, OUT objsubid smallint, OUT virtualtransaction text, OUT pid integer, OUT mode text, OUT granted boolean, OUT fastpath boolean, OUT waitstart timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_lock_status(OUT locktype text, OUT database oid, OUT relation oid, OUT page integer, OUT tuple smallint, OUT virtualxid text, OUT transactionid xid, OUT classid oid, OUT objid oid, OUT objsubid smallint, OUT virtualtransaction text, OUT pid integer, OUT mode text, OUT granted boolean, OUT fastpath boolean, OUT waitstart timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_notification_queue_usage(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_notification_queue_usage() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_notification_queue_usage() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_notify(text, text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_notify(text, text) FROM PUBLIC;

--
-- Name: FUNCTION pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.pg_prepared_statement(OUT name text, OUT statement text, OUT prepare_time timestamp with time zone, OUT parameter_types regtype[], OUT result_types regtype[], OUT from_sql boolean, OUT generic_plans bigint, OUT custom_plans bigint) TO pg_read_all_data;

--
-- Name: FUNCTION pg_prepared_xact(OUT transaction xid, OUT gid text, OUT prepared timestamp with time zone, OUT ownerid oid, OUT dbid oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_prepared_xact(OUT transaction xid, OUT gid text, OUT prepared timestamp with time zone, OUT ownerid oid, OUT dbid oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_prepared_xact(OUT transaction xid, OUT gid text, OUT prepared timestamp with time zone, OUT ownerid oid, OUT dbid oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_relation_size(regclass); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_relation_size(regclass) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_relation_size(regclass) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_relation_size(regclass, text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_relation_size(regclass, text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_relation_size(regclass, text) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_safe_snapshot_blocking_pids(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_safe_snapshot_blocking_pids(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_safe_snapshot_blocking_pids(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_activity(pid integer, OUT datid oid, OUT pid integer, OUT usesysid oid, OUT application_name text, OUT state text, OUT query text, OUT wait_event_type text, OUT wait_event text, OUT xact_start timestamp with time zone, OUT query_start timestamp with time zone, OUT backend_start timestamp with time zone, OUT state_change timestamp with time zone, OUT client_addr inet, OUT client_hostname text, OUT client_port integer, OUT backend_xid xid, OUT backend_xmin xid, OUT backend_type text, OUT ssl boolean, OUT sslversion text, OUT sslcipher text, OUT sslbits integer, OUT ssl_client_dn text, OUT ssl_client_serial numeric, OUT ssl_issuer_dn text, OUT gss_auth boolean, OUT gss_princ text, OUT gss_enc boolean, OUT gss_delegation boolean, OUT leader_pid integer, OUT query_id bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_activity(pid integer, OUT datid oid, OUT pid integer, OUT usesysid oid, OUT application_name text, OUT state text, OUT query text, OUT wait_event_type text, OUT wait_event text, OUT xact_start timestamp with time zone, OUT query_start timestamp with time zone, OUT backend_start timestamp with time zone, OUT state_change timestamp with time zone, OUT client_addr inet, OUT client_hostname text, OUT client_port integer, OUT backend_xid xid, OUT backend_xmin xid, OUT backend_type text, OUT ssl boolean, OUT sslversion text, OUT sslcipher text, OUT sslbits integer, OUT ssl_client_dn text, OUT ssl_client_serial numeric, OUT ssl_issuer_dn text, OUT gss_auth boolean, OUT gss_princ text, OUT gss_enc boolean, OUT gss_delegation boolean, OUT leader_pid integer, OUT query_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_activity(pid integer, OUT datid oid, OUT pid integer, OUT usesysid oid, OUT application_name text, OUT state text, OUT query text, OUT wait_event_type text, OUT wait_event text, OUT xact_start timestamp with time zone, OUT query_start timestamp with time zone, OUT backend_start timestamp with time zone, OUT state_change timestamp with time zone, OUT client_addr inet, OUT client_hostname text, OUT client_port integer, OUT backend_xid xid, OUT backend_xmin xid, OUT backend_type text, OUT ssl boolean, OUT sslversion text, OUT sslcipher text, OUT sslbits integer, OUT ssl_client_dn text, OUT ssl_client_serial numeric, OUT ssl_issuer_dn text, OUT gss_auth boolean, OUT gss_princ text, OUT gss_enc boolean, OUT gss_delegation boolean, OUT leader_pid integer, OUT query_id bigint) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_analyze_count(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_analyze_count(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_analyze_count(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_archiver(OUT archived_count bigint, OUT last_archived_wal text, OUT last_archived_time timestamp with time zone, OUT failed_count bigint, OUT last_failed_wal text, OUT last_failed_time timestamp with time zone, OUT stats_reset timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_archiver(OUT archived_count bigint, OUT last_archived_wal text, OUT last_archived_time timestamp with time zone, OUT failed_count bigint, OUT last_failed_wal text, OUT last_failed_time timestamp with time zone, OUT stats_reset timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_archiver(OUT archived_count bigint, OUT last_archived_wal text, OUT last_archived_time timestamp with time zone, OUT failed_count bigint, OUT last_failed_wal text, OUT last_failed_time timestamp with time zone, OUT stats_reset timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_autoanalyze_count(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_autoanalyze_count(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_autoanalyze_count(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_autovacuum_count(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_autovacuum_count(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_autovacuum_count(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_activity(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_activity(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_activity(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_activity_start(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_activity_start(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_activity_start(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_client_addr(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_client_addr(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_client_addr(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_client_port(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_client_port(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_client_port(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_dbid(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_dbid(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_dbid(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_idset(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_idset() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_idset() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_io(backend_pid integer, OUT backend_type text, OUT object text, OUT context text, OUT reads bigint, OUT read_bytes numeric, OUT read_time double precision, OUT writes bigint, OUT write_bytes numeric, OUT write_time double precision, OUT writebacks bigint, OUT writeback_time double precision, OUT extends bigint, OUT extend_bytes numeric, OUT extend_time double precision, OUT hits bigint, OUT evictions bigint, OUT reuses bigint, OUT fsyncs bigint, OUT fsync_time double precision, OUT stats_reset timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_io(backend_pid integer, OUT backend_type text, OUT object text, OUT context text, OUT reads bigint, OUT read_bytes numeric, OUT read_time double precision, OUT writes bigint, OUT write_bytes numeric, OUT write_time double precision, OUT writebacks bigint, OUT writeback_time double precision, OUT extends bigint, OUT extend_bytes numeric, OUT extend_time double precision, OUT hits bigint, OUT evictions bigint, OUT reuses bigint, OUT fsyncs bigint, OUT fsync_time double precision, OUT stats_reset timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_io(backend_pid integer, OUT backend_type text, OUT object text, OUT context text, OUT reads bigint, OUT read_bytes numeric, OUT read_time double precision, OUT writes bigint, OUT write_bytes numeric, OUT write_time double precision, OUT writebacks bigint, OUT writeback_time double precision, OUT extends bigint, OUT extend_bytes numeric, OUT extend_time double precision, OUT hits bigint, OUT evictions bigint, OUT reuses bigint, OUT fsyncs bigint, OUT fsync_time double precision, OUT stats_reset timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_pid(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_pid(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_pid(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_start(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_start(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_start(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_subxact(bid integer, OUT subxact_count integer, OUT subxact_overflowed boolean); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_subxact(bid integer, OUT subxact_count integer, OUT subxact_overflowed boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_subxact(bid integer, OUT subxact_count integer, OUT subxact_overflowed boolean) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_userid(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_userid(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_userid(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_wait_event(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_wait_event(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_wait_event(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_wait_event_type(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_wait_event_type(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_wait_event_type(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_wal(backend_pid integer, OUT wal_records bigint, OUT wal_fpi bigint, OUT wal_bytes numeric, OUT wal_buffers_full bigint, OUT stats_reset timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_wal(backend_pid integer, OUT wal_records bigint, OUT wal_fpi bigint, OUT wal_bytes numeric, OUT wal_buffers_full bigint, OUT stats_reset timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_wal(backend_pid integer, OUT wal_records bigint, OUT wal_fpi bigint, OUT wal_bytes numeric, OUT wal_buffers_full bigint, OUT stats_reset timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_backend_xact_start(integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_backend_xact_start(integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_backend_xact_start(integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_bgwriter_buf_written_clean(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_bgwriter_buf_written_clean() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_bgwriter_buf_written_clean() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_bgwriter_maxwritten_clean(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_bgwriter_maxwritten_clean() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_bgwriter_maxwritten_clean() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_bgwriter_stat_reset_time(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_bgwriter_stat_reset_time() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_bgwriter_stat_reset_time() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_blocks_fetched(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_blocks_fetched(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_blocks_fetched(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_blocks_hit(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_blocks_hit(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_blocks_hit(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_buf_alloc(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_buf_alloc() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_buf_alloc() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_buffers_written(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_buffers_written() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_buffers_written() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_num_performed(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_num_performed() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_num_performed() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_num_requested(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_num_requested() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_num_requested() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_num_timed(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_num_timed() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_num_timed() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_restartpoints_performed(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_restartpoints_performed() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_restartpoints_performed() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_restartpoints_requested(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_restartpoints_requested() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_restartpoints_requested() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_restartpoints_timed(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_restartpoints_timed() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_restartpoints_timed() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_slru_written(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_slru_written() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_slru_written() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_stat_reset_time(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_stat_reset_time() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_stat_reset_time() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_sync_time(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_sync_time() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_sync_time() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_checkpointer_write_time(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_write_time() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_checkpointer_write_time() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_active_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_active_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_active_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_blk_read_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_blk_read_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_blk_read_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_blk_write_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_blk_write_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_blk_write_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_blocks_fetched(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_blocks_fetched(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_blocks_fetched(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_blocks_hit(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_blocks_hit(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_blocks_hit(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_checksum_failures(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_checksum_failures(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_checksum_failures(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_checksum_last_failure(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_checksum_last_failure(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_checksum_last_failure(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_conflict_all(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_all(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_all(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_conflict_bufferpin(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_bufferpin(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_bufferpin(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_conflict_lock(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_lock(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_lock(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_conflict_logicalslot(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_logicalslot(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_logicalslot(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_conflict_snapshot(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_snapshot(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_snapshot(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_conflict_startup_deadlock(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_startup_deadlock(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_startup_deadlock(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_conflict_tablespace(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_tablespace(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_conflict_tablespace(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_deadlocks(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_deadlocks(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_deadlocks(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_idle_in_transaction_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_idle_in_transaction_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_idle_in_transaction_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_numbackends(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_numbackends(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_numbackends(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_parallel_workers_launched(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_parallel_workers_launched(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_parallel_workers_launched(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_parallel_workers_to_launch(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_parallel_workers_to_launch(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_parallel_workers_to_launch(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_session_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_session_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_session_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_sessions(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_sessions(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_sessions(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_sessions_abandoned(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_sessions_abandoned(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_sessions_abandoned(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_sessions_fatal(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_sessions_fatal(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_sessions_fatal(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_sessions_killed(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_sessions_killed(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_sessions_killed(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_stat_reset_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_stat_reset_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_stat_reset_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_temp_bytes(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_temp_bytes(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_temp_bytes(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_temp_files(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_temp_files(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_temp_files(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_tuples_deleted(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_deleted(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_deleted(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_tuples_fetched(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_fetched(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_fetched(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_tuples_inserted(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_inserted(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_inserted(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_tuples_returned(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_returned(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_returned(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_tuples_updated(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_updated(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_tuples_updated(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_xact_commit(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_xact_commit(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_xact_commit(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_db_xact_rollback(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_db_xact_rollback(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_db_xact_rollback(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_dead_tuples(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_dead_tuples(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_dead_tuples(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_function_calls(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_function_calls(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_function_calls(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_function_self_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_function_self_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_function_self_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_function_total_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_function_total_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_function_total_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_ins_since_vacuum(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_ins_since_vacuum(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_ins_since_vacuum(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_io(OUT backend_type text, OUT object text, OUT context text, OUT reads bigint, OUT read_bytes numeric, OUT read_time double precision, OUT writes bigint, OUT write_bytes numeric, OUT write_time double precision, OUT writebacks bigint, OUT writeback_time double precision, OUT extends bigint, OUT extend_bytes numeric, OUT extend_time double precision, OUT hits bigint, OUT evictions bigint, OUT reuses bigint, OUT fsyncs bigint, OUT fsync_time double precision, OUT stats_reset timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_io(OUT backend_type text, OUT object text, OUT context text, OUT reads bigint, OUT read_bytes numeric, OUT read_time double precision, OUT writes bigint, OUT write_bytes numeric, OUT write_time double precision, OUT writebacks bigint, OUT writeback_time double precision, OUT extends bigint, OUT extend_bytes numeric, OUT extend_time double precision, OUT hits bigint, OUT evictions bigint, OUT reuses bigint, OUT fsyncs bigint, OUT fsync_time double precision, OUT stats_reset timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_io(OUT backend_type text, OUT object text, OUT context text, OUT reads bigint, OUT read_bytes numeric, OUT read_time double precision, OUT writes bigint, OUT write_bytes numeric, OUT write_time double precision, OUT writebacks bigint, OUT writeback_time double precision, OUT extends bigint, OUT extend_bytes numeric, OUT extend_time double precision, OUT hits bigint, OUT evictions bigint, OUT reuses bigint, OUT fsyncs bigint, OUT fsync_time double precision, OUT stats_reset timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_last_analyze_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_last_analyze_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_last_analyze_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_last_autoanalyze_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_last_autoanalyze_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_last_autoanalyze_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_last_autovacuum_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_last_autovacuum_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_last_autovacuum_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_last_vacuum_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_last_vacuum_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_last_vacuum_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_lastscan(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_lastscan(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_lastscan(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_live_tuples(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_live_tuples(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_live_tuples(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_mod_since_analyze(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_mod_since_analyze(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_mod_since_analyze(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_numscans(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_numscans(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_numscans(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_progress_info(cmdtype text, OUT pid integer, OUT datid oid, OUT relid oid, OUT param1 bigint, OUT param2 bigint, OUT param3 bigint, OUT param4 bigint, OUT param5 bigint, OUT param6 bigint, OUT param7 bigint, OUT param8 bigint, OUT param9 bigint, OUT param10 bigint, OUT param11 bigint, OUT param12 bigint, OUT param13 bigint, OUT param14 bigint, OUT param15 bigint, OUT param16 bigint, OUT param17 bigint, OUT param18 bigint, OUT param19 bigint, OUT param20 bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_progress_info(cmdtype text, OUT pid integer, OUT datid oid, OUT relid oid, OUT param1 bigint, OUT param2 bigint, OUT param3 bigint, OUT param4 bigint, OUT param5 bigint, OUT param6 bigint, OUT param7 bigint, OUT param8 bigint, OUT param9 bigint, OUT param10 bigint, OUT param11 bigint, OUT param12 bigint, OUT param13 bigint, OUT param14 bigint, OUT param15 bigint, OUT param16 bigint, OUT param17 bigint, OUT param18 bigint, OUT param19 bigint, OUT param20 bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_progress_info(cmdtype text, OUT pid integer, OUT datid oid, OUT relid oid, OUT param1 bigint, OUT param2 bigint, OUT param3 bigint, OUT param4 bigint, OUT param5 bigint, OUT param6 bigint, OUT param7 bigint, OUT param8 bigint, OUT param9 bigint, OUT param10 bigint, OUT param11 bigint, OUT param12 bigint, OUT param13 bigint, OUT param14 bigint, OUT param15 bigint, OUT param16 bigint, OUT param17 bigint, OUT param18 bigint, OUT param19 bigint, OUT param20 bigint) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_recovery_prefetch(OUT stats_reset timestamp with time zone, OUT prefetch bigint, OUT hit bigint, OUT skip_init bigint, OUT skip_new bigint, OUT skip_fpw bigint, OUT skip_rep bigint, OUT wal_distance integer, OUT block_distance integer, OUT io_depth integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_recovery_prefetch(OUT stats_reset timestamp with time zone, OUT prefetch bigint, OUT hit bigint, OUT skip_init bigint, OUT skip_new bigint, OUT skip_fpw bigint, OUT skip_rep bigint, OUT wal_distance integer, OUT block_distance integer, OUT io_depth integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_recovery_prefetch(OUT stats_reset timestamp with time zone, OUT prefetch bigint, OUT hit bigint, OUT skip_init bigint, OUT skip_new bigint, OUT skip_fpw bigint, OUT skip_rep bigint, OUT wal_distance integer, OUT block_distance integer, OUT io_depth integer) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_replication_slot(slot_name text, OUT slot_name text, OUT spill_txns bigint, OUT spill_count bigint, OUT spill_bytes bigint, OUT stream_txns bigint, OUT stream_count bigint, OUT stream_bytes bigint, OUT total_txns bigint, OUT total_bytes bigint, OUT stats_reset timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_replication_slot(slot_name text, OUT slot_name text, OUT spill_txns bigint, OUT spill_count bigint, OUT spill_bytes bigint, OUT stream_txns bigint, OUT stream_count bigint, OUT stream_bytes bigint, OUT total_txns bigint, OUT total_bytes bigint, OUT stats_reset timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_replication_slot(slot_name text, OUT slot_name text, OUT spill_txns bigint, OUT spill_count bigint, OUT spill_bytes bigint, OUT stream_txns bigint, OUT stream_count bigint, OUT stream_bytes bigint, OUT total_txns bigint, OUT total_bytes bigint, OUT stats_reset timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_slru(OUT name text, OUT blks_zeroed bigint, OUT blks_hit bigint, OUT blks_read bigint, OUT blks_written bigint, OUT blks_exists bigint, OUT flushes bigint, OUT truncates bigint, OUT stats_reset timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_slru(OUT name text, OUT blks_zeroed bigint, OUT blks_hit bigint, OUT blks_read bigint, OUT blks_written bigint, OUT blks_exists bigint, OUT flushes bigint, OUT truncates bigint, OUT stats_reset timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_slru(OUT name text, OUT blks_zeroed bigint, OUT blks_hit bigint, OUT blks_read bigint, OUT blks_written bigint, OUT blks_exists bigint, OUT flushes bigint, OUT truncates bigint, OUT stats_reset timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_snapshot_timestamp(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_snapshot_timestamp() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_snapshot_timestamp() TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_subscription(subid oid, OUT subid oid, OUT relid oid, OUT pid integer, OUT leader_pid integer, OUT received_lsn pg_lsn, OUT last_msg_send_time timestamp with time zone, OUT last_msg_receipt_time timestamp with time zone, OUT latest_end_lsn pg_lsn, OUT latest_end_time timestamp with time zone, OUT worker_type text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_subscription(subid oid, OUT subid oid, OUT relid oid, OUT pid integer, OUT leader_pid integer, OUT received_lsn pg_lsn, OUT last_msg_send_time timestamp with time zone, OUT last_msg_receipt_time timestamp with time zone, OUT latest_end_lsn pg_lsn, OUT latest_end_time timestamp with time zone, OUT worker_type text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_subscription(subid oid, OUT subid oid, OUT relid oid, OUT pid integer, OUT leader_pid integer, OUT received_lsn pg_lsn, OUT last_msg_send_time timestamp with time zone, OUT last_msg_receipt_time timestamp with time zone, OUT latest_end_lsn pg_lsn, OUT latest_end_time timestamp with time zone, OUT worker_type text) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_subscription_stats(subid oid, OUT subid oid, OUT apply_error_count bigint, OUT sync_error_count bigint, OUT confl_insert_exists bigint, OUT confl_update_origin_differs bigint, OUT confl_update_exists bigint, OUT confl_update_missing bigint, OUT confl_delete_origin_differs bigint, OUT confl_delete_missing bigint, OUT confl_multiple_unique_conflicts bigint, OUT stats_reset timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_subscription_stats(subid oid, OUT subid oid, OUT apply_error_count bigint, OUT sync_error_count bigint, OUT confl_insert_exists bigint, OUT confl_update_origin_differs bigint, OUT confl_update_exists bigint, OUT confl_update_missing bigint, OUT confl_delete_origin_differs bigint, OUT confl_delete_missing bigint, OUT confl_multiple_unique_conflicts bigint, OUT stats_reset timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_subscription_stats(subid oid, OUT subid oid, OUT apply_error_count bigint, OUT sync_error_count bigint, OUT confl_insert_exists bigint, OUT confl_update_origin_differs bigint, OUT confl_update_exists bigint, OUT confl_update_missing bigint, OUT confl_delete_origin_differs bigint, OUT confl_delete_missing bigint, OUT confl_multiple_unique_conflicts bigint, OUT stats_reset timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_total_analyze_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_total_analyze_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_total_analyze_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_total_autoanalyze_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_total_autoanalyze_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_total_autoanalyze_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_total_autovacuum_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_total_autovacuum_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_total_autovacuum_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_total_vacuum_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_total_vacuum_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_total_vacuum_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_tuples_deleted(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_deleted(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_deleted(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_tuples_fetched(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_fetched(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_fetched(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_tuples_hot_updated(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_hot_updated(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_hot_updated(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_tuples_inserted(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_inserted(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_inserted(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_tuples_newpage_updated(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_newpage_updated(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_newpage_updated(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_tuples_returned(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_returned(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_returned(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_tuples_updated(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_updated(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_tuples_updated(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_vacuum_count(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_vacuum_count(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_vacuum_count(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_wal(OUT wal_records bigint, OUT wal_fpi bigint, OUT wal_bytes numeric, OUT wal_buffers_full bigint, OUT stats_reset timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_wal(OUT wal_records bigint, OUT wal_fpi bigint, OUT wal_bytes numeric, OUT wal_buffers_full bigint, OUT stats_reset timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_wal(OUT wal_records bigint, OUT wal_fpi bigint, OUT wal_bytes numeric, OUT wal_buffers_full bigint, OUT stats_reset timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_wal_receiver(OUT pid integer, OUT status text, OUT receive_start_lsn pg_lsn, OUT receive_start_tli integer, OUT written_lsn pg_lsn, OUT flushed_lsn pg_lsn, OUT received_tli integer, OUT last_msg_send_time timestamp with time zone, OUT last_msg_receipt_time timestamp with time zone, OUT latest_end_lsn pg_lsn, OUT latest_end_time timestamp with time zone, OUT slot_name text, OUT sender_host text, OUT sender_port integer, OUT conninfo text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_wal_receiver(OUT pid integer, OUT status text, OUT receive_start_lsn pg_lsn, OUT receive_start_tli integer, OUT written_lsn pg_lsn, OUT flushed_lsn pg_lsn, OUT received_tli integer, OUT last_msg_send_time timestamp with time zone, OUT last_msg_receipt_time timestamp with time zone, OUT latest_end_lsn pg_lsn, OUT latest_end_time timestamp with time zone, OUT slot_name text, OUT sender_host text, OUT sender_port integer, OUT conninfo text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_wal_receiver(OUT pid integer, OUT status text, OUT receive_start_lsn pg_lsn, OUT receive_start_tli integer, OUT written_lsn pg_lsn, OUT flushed_lsn pg_lsn, OUT received_tli integer, OUT last_msg_send_time timestamp with time zone, OUT last_msg_receipt_time timestamp with time zone, OUT latest_end_lsn pg_lsn, OUT latest_end_time timestamp with time zone, OUT slot_name text, OUT sender_host text, OUT sender_port integer, OUT conninfo text) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_wal_senders(OUT pid integer, OUT state text, OUT sent_lsn pg_lsn, OUT write_lsn pg_lsn, OUT flush_lsn pg_lsn, OUT replay_lsn pg_lsn, OUT write_lag interval, OUT flush_lag interval, OUT replay_lag interval, OUT sync_priority integer, OUT sync_state text, OUT reply_time timestamp with time zone); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_wal_senders(OUT pid integer, OUT state text, OUT sent_lsn pg_lsn, OUT write_lsn pg_lsn, OUT flush_lsn pg_lsn, OUT replay_lsn pg_lsn, OUT write_lag interval, OUT flush_lag interval, OUT replay_lag interval, OUT sync_priority integer, OUT sync_state text, OUT reply_time timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_wal_senders(OUT pid integer, OUT state text, OUT sent_lsn pg_lsn, OUT write_lsn pg_lsn, OUT flush_lsn pg_lsn, OUT replay_lsn pg_lsn, OUT write_lag interval, OUT flush_lag interval, OUT replay_lag interval, OUT sync_priority integer, OUT sync_state text, OUT reply_time timestamp with time zone) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_blocks_fetched(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_blocks_fetched(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_blocks_fetched(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_blocks_hit(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_blocks_hit(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_blocks_hit(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_function_calls(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_function_calls(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_function_calls(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_function_self_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_function_self_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_function_self_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_function_total_time(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_function_total_time(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_function_total_time(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_numscans(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_numscans(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_numscans(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_tuples_deleted(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_deleted(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_deleted(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_tuples_fetched(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_fetched(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_fetched(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_tuples_hot_updated(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_hot_updated(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_hot_updated(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_tuples_inserted(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_inserted(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_inserted(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_tuples_newpage_updated(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_newpage_updated(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_newpage_updated(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_tuples_returned(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_returned(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_returned(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_stat_get_xact_tuples_updated(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_updated(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_stat_get_xact_tuples_updated(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_table_size(regclass); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_table_size(regclass) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_table_size(regclass) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_tablespace_size(name); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_tablespace_size(name) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_tablespace_size(name) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_tablespace_size(oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_tablespace_size(oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_tablespace_size(oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_total_relation_size(regclass); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_total_relation_size(regclass) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_total_relation_size(regclass) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_try_advisory_lock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_lock(bigint) FROM PUBLIC;

--
-- Name: FUNCTION pg_try_advisory_lock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_lock(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_try_advisory_lock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_lock_shared(bigint) FROM PUBLIC;

--
-- Name: FUNCTION pg_try_advisory_lock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_lock_shared(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_try_advisory_xact_lock(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock(bigint) TO zava_rollup_writer;

--
-- Name: FUNCTION pg_try_advisory_xact_lock(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_try_advisory_xact_lock_shared(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock_shared(bigint) FROM PUBLIC;

--
-- Name: FUNCTION pg_try_advisory_xact_lock_shared(integer, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_try_advisory_xact_lock_shared(integer, integer) FROM PUBLIC;

--
-- Name: FUNCTION pg_xact_commit_timestamp(xid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_xact_commit_timestamp(xid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_xact_commit_timestamp(xid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_xact_commit_timestamp_origin(xid xid, OUT "timestamp" timestamp with time zone, OUT roident oid); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_xact_commit_timestamp_origin(xid xid, OUT "timestamp" timestamp with time zone, OUT roident oid) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_xact_commit_timestamp_origin(xid xid, OUT "timestamp" timestamp with time zone, OUT roident oid) TO pg_read_all_stats;

--
-- Name: FUNCTION pg_xact_status(xid8); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.pg_xact_status(xid8) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.pg_xact_status(xid8) TO pg_read_all_stats;

--
-- Name: FUNCTION query_to_xml(query text, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.query_to_xml(query text, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml(query text, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml(query text, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml(query text, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml(query text, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml(query text, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml(query text, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml(query text, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.query_to_xml_and_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.query_to_xmlschema(query text, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION regexp_replace(string text, pattern text, replacement text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text) TO pg_read_all_data;

--
-- Name: FUNCTION regexp_replace(string text, pattern text, replacement text, start integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer) TO pg_read_all_data;

--
-- Name: FUNCTION regexp_replace(string text, pattern text, replacement text, flags text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, flags text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, flags text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, flags text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, flags text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, flags text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, flags text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, flags text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, flags text) TO pg_read_all_data;

--
-- Name: FUNCTION regexp_replace(string text, pattern text, replacement text, start integer, "N" integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer) TO pg_read_all_data;

--
-- Name: FUNCTION regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.regexp_replace(string text, pattern text, replacement text, start integer, "N" integer, flags text) TO pg_read_all_data;

--
-- Name: FUNCTION repeat(text, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.repeat(text, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.repeat(text, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.repeat(text, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.repeat(text, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.repeat(text, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.repeat(text, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.repeat(text, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.repeat(text, integer) TO pg_read_all_data;

--
-- Name: FUNCTION replace(text, text, text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.replace(text, text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.replace(text, text, text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.replace(text, text, text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.replace(text, text, text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.replace(text, text, text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.replace(text, text, text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.replace(text, text, text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.replace(text, text, text) TO pg_read_all_data;

--
-- Name: FUNCTION rpad(text, integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.rpad(text, integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer) TO pg_read_all_data;

--
-- Name: FUNCTION rpad(text, integer, text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.rpad(text, integer, text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer, text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer, text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer, text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer, text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer, text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer, text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.rpad(text, integer, text) TO pg_read_all_data;

--
-- Name: FUNCTION schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml(schema name, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xml_and_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.schema_to_xmlschema(schema name, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION set_config(text, text, boolean); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.set_config(text, text, boolean) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.set_config(text, text, boolean) TO zava_owner;

--
-- Name: FUNCTION table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.table_to_xml_and_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.table_to_xmlschema(tbl regclass, nulls boolean, tableforest boolean, targetns text) TO pg_read_all_data;

--
-- Name: FUNCTION ts_rewrite(tsquery, text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, text) TO pg_read_all_data;

--
-- Name: FUNCTION ts_rewrite(tsquery, tsquery, tsquery); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, tsquery, tsquery) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, tsquery, tsquery) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, tsquery, tsquery) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, tsquery, tsquery) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, tsquery, tsquery) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, tsquery, tsquery) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, tsquery, tsquery) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.ts_rewrite(tsquery, tsquery, tsquery) TO pg_read_all_data;

--
-- Name: FUNCTION ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, OUT word text, OUT ndoc integer, OUT nentry integer) TO pg_read_all_data;

--
-- Name: FUNCTION ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.ts_stat(query text, weights text, OUT word text, OUT ndoc integer, OUT nentry integer) TO pg_read_all_data;

--
-- Name: FUNCTION txid_current(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.txid_current() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.txid_current() TO pg_read_all_stats;

--
-- Name: FUNCTION txid_current_if_assigned(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.txid_current_if_assigned() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.txid_current_if_assigned() TO pg_read_all_stats;

--
-- Name: FUNCTION txid_current_snapshot(); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.txid_current_snapshot() FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.txid_current_snapshot() TO pg_read_all_stats;

--
-- Name: FUNCTION txid_status(bigint); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.txid_status(bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.txid_status(bigint) TO pg_read_all_stats;

--
-- Name: FUNCTION category_deep_dive(category_name text, grain api.time_grain, store_name text); Type: ACL; Schema: prompts; Owner: zava_owner
--

REVOKE ALL ON FUNCTION prompts.category_deep_dive(category_name text, grain api.time_grain, store_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION prompts.category_deep_dive(category_name text, grain api.time_grain, store_name text) TO zava_api_caller;

--
-- Name: FUNCTION complete_category_name(prefix text); Type: ACL; Schema: prompts; Owner: zava_owner
--

REVOKE ALL ON FUNCTION prompts.complete_category_name(prefix text) FROM PUBLIC;
GRANT ALL ON FUNCTION prompts.complete_category_name(prefix text) TO zava_api_caller;

--
-- Name: FUNCTION complete_store_name(prefix text); Type: ACL; Schema: prompts; Owner: zava_owner
--

REVOKE ALL ON FUNCTION prompts.complete_store_name(prefix text) FROM PUBLIC;
GRANT ALL ON FUNCTION prompts.complete_store_name(prefix text) TO zava_api_caller;

--
-- Name: FUNCTION stock_risk_check(store_name text, horizon_days integer); Type: ACL; Schema: prompts; Owner: zava_owner
--

REVOKE ALL ON FUNCTION prompts.stock_risk_check(store_name text, horizon_days integer) FROM PUBLIC;
GRANT ALL ON FUNCTION prompts.stock_risk_check(store_name text, horizon_days integer) TO zava_api_caller;

--
-- Name: FUNCTION weekly_store_review(store_name text, week_ending date); Type: ACL; Schema: prompts; Owner: zava_owner
--

REVOKE ALL ON FUNCTION prompts.weekly_store_review(store_name text, week_ending date) FROM PUBLIC;
GRANT ALL ON FUNCTION prompts.weekly_store_review(store_name text, week_ending date) TO zava_api_caller;

--
-- Name: FUNCTION adhoc_statement(query text, OUT statement text, OUT sort_areas integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.adhoc_statement(query text, OUT statement text, OUT sort_areas integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.adhoc_statement(query text, OUT statement text, OUT sort_areas integer) TO zava_api_caller;

--
-- Name: FUNCTION business_time_zone(); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.business_time_zone() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.business_time_zone() TO zava_api_caller;
GRANT ALL ON FUNCTION retail.business_time_zone() TO zava_rollup_writer;

--
-- Name: FUNCTION buyer_bit(buyer_number integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.buyer_bit(buyer_number integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.buyer_bit(buyer_number integer) TO zava_api_caller;
GRANT ALL ON FUNCTION retail.buyer_bit(buyer_number integer) TO zava_rollup_writer;

--
-- Name: FUNCTION buyer_chunk(buyer_number integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.buyer_chunk(buyer_number integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.buyer_chunk(buyer_number integer) TO zava_api_caller;
GRANT ALL ON FUNCTION retail.buyer_chunk(buyer_number integer) TO zava_rollup_writer;

--
-- Name: FUNCTION buyer_counts(cells retail.period_cells, statuses text[], wanted_store uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.buyer_counts(cells retail.period_cells, statuses text[], wanted_store uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.buyer_counts(cells retail.period_cells, statuses text[], wanted_store uuid) TO zava_api_caller;

--
-- Name: FUNCTION buyer_mask(buyer_number integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.buyer_mask(buyer_number integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.buyer_mask(buyer_number integer) TO zava_api_caller;
GRANT ALL ON FUNCTION retail.buyer_mask(buyer_number integer) TO zava_rollup_writer;

--
-- Name: FUNCTION caller_sees_every_store(); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.caller_sees_every_store() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.caller_sees_every_store() TO zava_api_caller;
GRANT ALL ON FUNCTION retail.caller_sees_every_store() TO zava_rollup_writer;

--
-- Name: FUNCTION category_filter(wanted text, argument_name text); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.category_filter(wanted text, argument_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.category_filter(wanted text, argument_name text) TO zava_api_caller;

--
-- Name: FUNCTION check_period(period_start date, period_end date); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.check_period(period_start date, period_end date) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.check_period(period_start date, period_end date) TO zava_api_caller;

--
-- Name: FUNCTION check_range(argument_name text, value integer, lowest integer, highest integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.check_range(argument_name text, value integer, lowest integer, highest integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.check_range(argument_name text, value integer, lowest integer, highest integer) TO zava_api_caller;

--
-- Name: FUNCTION counted_statuses(statuses api.order_status[]); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.counted_statuses(statuses api.order_status[]) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.counted_statuses(statuses api.order_status[]) TO zava_api_caller;

--
-- Name: FUNCTION current_rls_user_id(); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.current_rls_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.current_rls_user_id() TO zava_sql_reader;
GRANT ALL ON FUNCTION retail.current_rls_user_id() TO zava_api_caller;

--
-- Name: FUNCTION customer_cells_added(); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.customer_cells_added() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.customer_cells_added() TO zava_owner;

--
-- Name: FUNCTION customer_cells_removed(); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.customer_cells_removed() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.customer_cells_removed() TO zava_owner;

--
-- Name: FUNCTION customer_sales(cells retail.period_cells, statuses text[], wanted_store uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.customer_sales(cells retail.period_cells, statuses text[], wanted_store uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.customer_sales(cells retail.period_cells, statuses text[], wanted_store uuid) TO zava_api_caller;

--
-- Name: FUNCTION customers_by_bound(wanted_store uuid, how_many integer, at_least bigint); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.customers_by_bound(wanted_store uuid, how_many integer, at_least bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.customers_by_bound(wanted_store uuid, how_many integer, at_least bigint) TO zava_api_caller;

--
-- Name: FUNCTION day_sales(period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.day_sales(period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.day_sales(period_start date, period_end date, statuses text[], wanted_store uuid, wanted_category uuid) TO zava_api_caller;

--
-- Name: FUNCTION days_with_data(first_day date, last_day date, data_end date); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.days_with_data(first_day date, last_day date, data_end date) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.days_with_data(first_day date, last_day date, data_end date) TO zava_api_caller;

--
-- Name: FUNCTION email_for_caller(email text, primary_store_id uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.email_for_caller(email text, primary_store_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.email_for_caller(email text, primary_store_id uuid) TO zava_api_caller;

--
-- Name: FUNCTION get_current_user_store(); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.get_current_user_store() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.get_current_user_store() TO zava_sql_reader;
GRANT ALL ON FUNCTION retail.get_current_user_store() TO zava_api_caller;

--
-- Name: FUNCTION get_user_store_list(); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.get_user_store_list() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.get_user_store_list() TO zava_sql_reader;
GRANT ALL ON FUNCTION retail.get_user_store_list() TO zava_api_caller;
GRANT ALL ON FUNCTION retail.get_user_store_list() TO zava_rollup_writer;

--
-- Name: FUNCTION grant_new_store_access(); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.grant_new_store_access() FROM PUBLIC;

--
-- Name: FUNCTION hour_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.hour_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.hour_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) TO zava_api_caller;

--
-- Name: FUNCTION last_order_date(wanted_store uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.last_order_date(wanted_store uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.last_order_date(wanted_store uuid) TO zava_api_caller;

--
-- Name: FUNCTION load_own_scope(); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.load_own_scope() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.load_own_scope() TO zava_sql_reader;
GRANT ALL ON FUNCTION retail.load_own_scope() TO zava_api_caller;
GRANT ALL ON FUNCTION retail.load_own_scope() TO zava_rollup_writer;

--
-- Name: FUNCTION low_stock_rows(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.low_stock_rows(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.low_stock_rows(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) TO zava_api_caller;

--
-- Name: FUNCTION low_stock_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.low_stock_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.low_stock_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, threshold integer, latest_day date) TO zava_api_caller;

--
-- Name: FUNCTION money(cents numeric); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.money(cents numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.money(cents numeric) TO zava_api_caller;

--
-- Name: FUNCTION order_lines_changed(); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.order_lines_changed() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.order_lines_changed() TO zava_owner;

--
-- Name: FUNCTION order_lines_inserted(); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.order_lines_inserted() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.order_lines_inserted() TO zava_owner;

--
-- Name: FUNCTION orders_changed(); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.orders_changed() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.orders_changed() TO zava_owner;

--
-- Name: FUNCTION parse_uuid(candidate text); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.parse_uuid(candidate text) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.parse_uuid(candidate text) TO zava_sql_reader;
GRANT ALL ON FUNCTION retail.parse_uuid(candidate text) TO zava_api_caller;

--
-- Name: FUNCTION period_cells(period_start date, period_end date); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.period_cells(period_start date, period_end date) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.period_cells(period_start date, period_end date) TO zava_api_caller;

--
-- Name: FUNCTION previous_period_start(period_start date, period_end date); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.previous_period_start(period_start date, period_end date) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.previous_period_start(period_start date, period_end date) TO zava_api_caller;

--
-- Name: FUNCTION product_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.product_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.product_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) TO zava_api_caller;

--
-- Name: FUNCTION products_changed(); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.products_changed() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.products_changed() TO zava_owner;

--
-- Name: FUNCTION queryable_tables(); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.queryable_tables() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.queryable_tables() TO zava_api_caller;

--
-- Name: FUNCTION ranked_products(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.ranked_products(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.ranked_products(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) TO zava_api_caller;

--
-- Name: FUNCTION ranked_products_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.ranked_products_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.ranked_products_planned(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid, rank_by api.rank_metric, top_n integer) TO zava_api_caller;

--
-- Name: FUNCTION rebuild_sales_rollups(only_if_empty boolean); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.rebuild_sales_rollups(only_if_empty boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.rebuild_sales_rollups(only_if_empty boolean) TO zava_owner;

--
-- Name: FUNCTION refresh_customer_cohorts(cells retail.customer_cell[], only_if_empty boolean); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.refresh_customer_cohorts(cells retail.customer_cell[], only_if_empty boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.refresh_customer_cohorts(cells retail.customer_cell[], only_if_empty boolean) TO zava_owner;

--
-- Name: FUNCTION sales_of_customers(customers uuid[], period_start date, period_end date, statuses text[], wanted_store uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.sales_of_customers(customers uuid[], period_start date, period_end date, statuses text[], wanted_store uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.sales_of_customers(customers uuid[], period_start date, period_end date, statuses text[], wanted_store uuid) TO zava_api_caller;

--
-- Name: FUNCTION sales_truncated(); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.sales_truncated() FROM PUBLIC;
GRANT ALL ON FUNCTION retail.sales_truncated() TO zava_owner;

--
-- Name: FUNCTION scope_key(identity text); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.scope_key(identity text) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.scope_key(identity text) TO zava_sql_reader;
GRANT ALL ON FUNCTION retail.scope_key(identity text) TO zava_api_caller;
GRANT ALL ON FUNCTION retail.scope_key(identity text) TO zava_rollup_writer;

--
-- Name: FUNCTION search_products_by_description(query_embedding extensions.vector, similarity_threshold double precision, max_results integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.search_products_by_description(query_embedding extensions.vector, similarity_threshold double precision, max_results integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.search_products_by_description(query_embedding extensions.vector, similarity_threshold double precision, max_results integer) TO zava_api_caller;

--
-- Name: FUNCTION search_products_hybrid(query_text text, query_embedding extensions.vector, max_rows integer, relevance_floor double precision); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.search_products_hybrid(query_text text, query_embedding extensions.vector, max_rows integer, relevance_floor double precision) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.search_products_hybrid(query_text text, query_embedding extensions.vector, max_rows integer, relevance_floor double precision) TO zava_api_caller;

--
-- Name: FUNCTION stockout_rows(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.stockout_rows(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.stockout_rows(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) TO zava_api_caller;

--
-- Name: FUNCTION stockout_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.stockout_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.stockout_rows_planned(cells retail.period_cells, statuses text[], wanted_store uuid, lookback_days integer, horizon_days integer, latest_day date) TO zava_api_caller;

--
-- Name: FUNCTION store_filter(wanted text, argument_name text); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.store_filter(wanted text, argument_name text) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.store_filter(wanted text, argument_name text) TO zava_api_caller;

--
-- Name: FUNCTION top_customer_candidates(period_start date, period_end date, statuses text[], top_n integer, wanted_store uuid, most integer); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.top_customer_candidates(period_start date, period_end date, statuses text[], top_n integer, wanted_store uuid, most integer) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.top_customer_candidates(period_start date, period_end date, statuses text[], top_n integer, wanted_store uuid, most integer) TO zava_api_caller;

--
-- Name: FUNCTION type_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid); Type: ACL; Schema: retail; Owner: zava_owner
--

REVOKE ALL ON FUNCTION retail.type_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.type_sales(cells retail.period_cells, statuses text[], wanted_store uuid, wanted_category uuid) TO zava_api_caller;

--
-- Name: FUNCTION unfolded_customers(wanted_store uuid); Type: ACL; Schema: retail; Owner: zava_rollup_writer
--

REVOKE ALL ON FUNCTION retail.unfolded_customers(wanted_store uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION retail.unfolded_customers(wanted_store uuid) TO zava_api_caller;

--
-- Name: FUNCTION array_agg(anyarray); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.array_agg(anyarray) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anyarray) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anyarray) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anyarray) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anyarray) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anyarray) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anyarray) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anyarray) TO pg_read_all_data;

--
-- Name: FUNCTION array_agg(anynonarray); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.array_agg(anynonarray) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anynonarray) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anynonarray) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anynonarray) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anynonarray) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anynonarray) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anynonarray) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.array_agg(anynonarray) TO pg_read_all_data;

--
-- Name: FUNCTION json_agg(anyelement); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_agg(anyelement) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_agg(anyelement) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_agg(anyelement) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_agg(anyelement) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_agg(anyelement) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_agg(anyelement) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_agg(anyelement) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_agg(anyelement) TO pg_read_all_data;

--
-- Name: FUNCTION json_agg_strict(anyelement); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_agg_strict(anyelement) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_agg_strict(anyelement) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_agg_strict(anyelement) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_agg_strict(anyelement) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_agg_strict(anyelement) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_agg_strict(anyelement) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_agg_strict(anyelement) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_agg_strict(anyelement) TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg("any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg("any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg("any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg("any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg("any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg("any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg("any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg("any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg("any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg_strict("any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg_strict("any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict("any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict("any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict("any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict("any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict("any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict("any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_strict("any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg_unique("any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg_unique("any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique("any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique("any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique("any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique("any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique("any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique("any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique("any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION json_object_agg_unique_strict("any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict("any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict("any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict("any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict("any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict("any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict("any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict("any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.json_object_agg_unique_strict("any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_agg(anyelement); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_agg(anyelement) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg(anyelement) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg(anyelement) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg(anyelement) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg(anyelement) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg(anyelement) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg(anyelement) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg(anyelement) TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_agg_strict(anyelement); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_agg_strict(anyelement) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg_strict(anyelement) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg_strict(anyelement) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg_strict(anyelement) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg_strict(anyelement) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg_strict(anyelement) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg_strict(anyelement) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_agg_strict(anyelement) TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg("any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg("any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg("any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg("any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg("any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg("any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg("any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg("any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg("any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg_strict("any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict("any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict("any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict("any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict("any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict("any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict("any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict("any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_strict("any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg_unique("any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique("any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique("any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique("any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique("any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique("any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique("any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique("any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique("any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION jsonb_object_agg_unique_strict("any", "any"); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict("any", "any") FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict("any", "any") TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict("any", "any") TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict("any", "any") TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict("any", "any") TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict("any", "any") TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict("any", "any") TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.jsonb_object_agg_unique_strict("any", "any") TO pg_read_all_data;

--
-- Name: FUNCTION range_agg(anymultirange); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.range_agg(anymultirange) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anymultirange) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anymultirange) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anymultirange) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anymultirange) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anymultirange) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anymultirange) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anymultirange) TO pg_read_all_data;

--
-- Name: FUNCTION range_agg(anyrange); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.range_agg(anyrange) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anyrange) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anyrange) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anyrange) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anyrange) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anyrange) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anyrange) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.range_agg(anyrange) TO pg_read_all_data;

--
-- Name: FUNCTION string_agg(bytea, bytea); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.string_agg(bytea, bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.string_agg(bytea, bytea) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.string_agg(bytea, bytea) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.string_agg(bytea, bytea) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.string_agg(bytea, bytea) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.string_agg(bytea, bytea) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.string_agg(bytea, bytea) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.string_agg(bytea, bytea) TO pg_read_all_data;

--
-- Name: FUNCTION string_agg(text, text); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.string_agg(text, text) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.string_agg(text, text) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.string_agg(text, text) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.string_agg(text, text) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.string_agg(text, text) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.string_agg(text, text) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.string_agg(text, text) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.string_agg(text, text) TO pg_read_all_data;

--
-- Name: FUNCTION xmlagg(xml); Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE ALL ON FUNCTION pg_catalog.xmlagg(xml) FROM PUBLIC;
GRANT ALL ON FUNCTION pg_catalog.xmlagg(xml) TO zava_owner;
GRANT ALL ON FUNCTION pg_catalog.xmlagg(xml) TO zava_mcp;
GRANT ALL ON FUNCTION pg_catalog.xmlagg(xml) TO zava_store_manager;
GRANT ALL ON FUNCTION pg_catalog.xmlagg(xml) TO zava_regional_manager;
GRANT ALL ON FUNCTION pg_catalog.xmlagg(xml) TO zava_head_office;
GRANT ALL ON FUNCTION pg_catalog.xmlagg(xml) TO pg_monitor;
GRANT ALL ON FUNCTION pg_catalog.xmlagg(xml) TO pg_read_all_data;

--
-- Name: TABLE pg_class; Type: ACL; Schema: pg_catalog; Owner: postgres
--

REVOKE SELECT ON TABLE pg_catalog.pg_class FROM PUBLIC;
GRANT SELECT ON TABLE pg_catalog.pg_class TO pg_read_all_stats;
GRANT SELECT ON TABLE pg_catalog.pg_class TO pg_read_all_data;

--
-- Name: COLUMN pg_class.oid; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(oid) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relname; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relname) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relnamespace; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relnamespace) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.reltype; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(reltype) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.reloftype; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(reloftype) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relowner; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relowner) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relam; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relam) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relfilenode; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relfilenode) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.reltablespace; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(reltablespace) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.reltoastrelid; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(reltoastrelid) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relhasindex; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relhasindex) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relisshared; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relisshared) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relpersistence; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relpersistence) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relkind; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relkind) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relnatts; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relnatts) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relchecks; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relchecks) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relhasrules; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relhasrules) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relhastriggers; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relhastriggers) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relhassubclass; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relhassubclass) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relrowsecurity; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relrowsecurity) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relforcerowsecurity; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relforcerowsecurity) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relispopulated; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relispopulated) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relreplident; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relreplident) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relispartition; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relispartition) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relrewrite; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relrewrite) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relacl; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relacl) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.reloptions; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(reloptions) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: COLUMN pg_class.relpartbound; Type: ACL; Schema: pg_catalog; Owner: postgres
--

GRANT SELECT(relpartbound) ON TABLE pg_catalog.pg_class TO PUBLIC;

--
-- Name: TABLE categories; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.categories TO zava_store_manager;
GRANT SELECT ON TABLE retail.categories TO zava_regional_manager;
GRANT SELECT ON TABLE retail.categories TO zava_head_office;

--
-- Name: COLUMN categories.category_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(category_id) ON TABLE retail.categories TO zava_sql_reader;

--
-- Name: COLUMN categories.category_name; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(category_name) ON TABLE retail.categories TO zava_sql_reader;

--
-- Name: COLUMN categories.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.categories TO zava_sql_reader;

--
-- Name: TABLE customers; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE retail.customers TO zava_store_manager;
GRANT SELECT ON TABLE retail.customers TO zava_regional_manager;
GRANT SELECT ON TABLE retail.customers TO zava_head_office;

--
-- Name: COLUMN customers.customer_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(customer_id) ON TABLE retail.customers TO zava_sql_reader;

--
-- Name: COLUMN customers.first_name; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(first_name) ON TABLE retail.customers TO zava_sql_reader;

--
-- Name: COLUMN customers.last_name; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(last_name) ON TABLE retail.customers TO zava_sql_reader;

--
-- Name: COLUMN customers.primary_store_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(primary_store_id) ON TABLE retail.customers TO zava_sql_reader;

--
-- Name: COLUMN customers.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.customers TO zava_sql_reader;

--
-- Name: TABLE inventory; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE retail.inventory TO zava_store_manager;
GRANT SELECT ON TABLE retail.inventory TO zava_regional_manager;
GRANT SELECT ON TABLE retail.inventory TO zava_head_office;

--
-- Name: COLUMN inventory.store_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(store_id) ON TABLE retail.inventory TO zava_sql_reader;

--
-- Name: COLUMN inventory.product_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(product_id) ON TABLE retail.inventory TO zava_sql_reader;

--
-- Name: COLUMN inventory.stock_level; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(stock_level) ON TABLE retail.inventory TO zava_sql_reader;

--
-- Name: COLUMN inventory.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.inventory TO zava_sql_reader;

--
-- Name: TABLE order_items; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE retail.order_items TO zava_store_manager;
GRANT SELECT ON TABLE retail.order_items TO zava_regional_manager;
GRANT SELECT ON TABLE retail.order_items TO zava_head_office;
GRANT SELECT ON TABLE retail.order_items TO zava_rollup_writer;

--
-- Name: COLUMN order_items.order_item_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(order_item_id) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.order_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(order_id) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.store_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(store_id) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.product_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(product_id) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.quantity; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(quantity) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.unit_price; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(unit_price) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.discount_percent; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(discount_percent) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.discount_amount; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(discount_amount) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.total_amount; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(total_amount) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: COLUMN order_items.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.order_items TO zava_sql_reader;

--
-- Name: TABLE orders; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT,INSERT,UPDATE ON TABLE retail.orders TO zava_store_manager;
GRANT SELECT ON TABLE retail.orders TO zava_regional_manager;
GRANT SELECT ON TABLE retail.orders TO zava_head_office;
GRANT SELECT ON TABLE retail.orders TO zava_rollup_writer;

--
-- Name: COLUMN orders.order_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(order_id) ON TABLE retail.orders TO zava_sql_reader;

--
-- Name: COLUMN orders.customer_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(customer_id) ON TABLE retail.orders TO zava_sql_reader;

--
-- Name: COLUMN orders.store_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(store_id) ON TABLE retail.orders TO zava_sql_reader;

--
-- Name: COLUMN orders.order_date; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(order_date) ON TABLE retail.orders TO zava_sql_reader;

--
-- Name: COLUMN orders.total_amount; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(total_amount) ON TABLE retail.orders TO zava_sql_reader;

--
-- Name: COLUMN orders.status; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(status) ON TABLE retail.orders TO zava_sql_reader;

--
-- Name: COLUMN orders.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.orders TO zava_sql_reader;

--
-- Name: TABLE order_sales; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.order_sales TO zava_store_manager;
GRANT SELECT ON TABLE retail.order_sales TO zava_regional_manager;
GRANT SELECT ON TABLE retail.order_sales TO zava_head_office;

--
-- Name: TABLE product_description_embeddings; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.product_description_embeddings TO zava_store_manager;
GRANT SELECT ON TABLE retail.product_description_embeddings TO zava_regional_manager;
GRANT SELECT ON TABLE retail.product_description_embeddings TO zava_head_office;

--
-- Name: COLUMN product_description_embeddings.product_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(product_id) ON TABLE retail.product_description_embeddings TO zava_sql_reader;

--
-- Name: COLUMN product_description_embeddings.description_embedding; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(description_embedding) ON TABLE retail.product_description_embeddings TO zava_sql_reader;

--
-- Name: COLUMN product_description_embeddings.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.product_description_embeddings TO zava_sql_reader;

--
-- Name: COLUMN product_description_embeddings.source_hash; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(source_hash) ON TABLE retail.product_description_embeddings TO zava_sql_reader;

--
-- Name: COLUMN product_description_embeddings.model; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(model) ON TABLE retail.product_description_embeddings TO zava_sql_reader;

--
-- Name: TABLE product_translations; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.product_translations TO zava_store_manager;
GRANT SELECT ON TABLE retail.product_translations TO zava_regional_manager;
GRANT SELECT ON TABLE retail.product_translations TO zava_head_office;

--
-- Name: COLUMN product_translations.product_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(product_id) ON TABLE retail.product_translations TO zava_sql_reader;

--
-- Name: COLUMN product_translations.language_code; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(language_code) ON TABLE retail.product_translations TO zava_sql_reader;

--
-- Name: COLUMN product_translations.product_name; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(product_name) ON TABLE retail.product_translations TO zava_sql_reader;

--
-- Name: COLUMN product_translations.keywords; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(keywords) ON TABLE retail.product_translations TO zava_sql_reader;

--
-- Name: COLUMN product_translations.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.product_translations TO zava_sql_reader;

--
-- Name: TABLE product_types; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.product_types TO zava_store_manager;
GRANT SELECT ON TABLE retail.product_types TO zava_regional_manager;
GRANT SELECT ON TABLE retail.product_types TO zava_head_office;

--
-- Name: COLUMN product_types.type_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(type_id) ON TABLE retail.product_types TO zava_sql_reader;

--
-- Name: COLUMN product_types.category_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(category_id) ON TABLE retail.product_types TO zava_sql_reader;

--
-- Name: COLUMN product_types.type_name; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(type_name) ON TABLE retail.product_types TO zava_sql_reader;

--
-- Name: COLUMN product_types.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.product_types TO zava_sql_reader;

--
-- Name: TABLE products; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.products TO zava_store_manager;
GRANT SELECT ON TABLE retail.products TO zava_regional_manager;
GRANT SELECT ON TABLE retail.products TO zava_head_office;
GRANT SELECT ON TABLE retail.products TO zava_rollup_writer;

--
-- Name: COLUMN products.product_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(product_id) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.sku; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(sku) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.product_name; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(product_name) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.category_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(category_id) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.type_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(type_id) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.cost; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(cost) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.base_price; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(base_price) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.gross_margin_percent; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(gross_margin_percent) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.product_description; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(product_description) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: COLUMN products.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.products TO zava_sql_reader;

--
-- Name: TABLE rollup_rebuild_requests; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT,UPDATE ON TABLE retail.rollup_rebuild_requests TO zava_rollup_writer;

--
-- Name: TABLE sales_buyer_numbers; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_buyer_numbers TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_buyer_numbers TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_buyer_numbers TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_buyer_numbers TO zava_rollup_writer;

--
-- Name: TABLE sales_buyers_month; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_buyers_month TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_buyers_month TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_buyers_month TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_buyers_month TO zava_rollup_writer;

--
-- Name: TABLE sales_category_day; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_category_day TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_category_day TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_category_day TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_category_day TO zava_rollup_writer;

--
-- Name: TABLE sales_changes; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT,INSERT,DELETE,TRUNCATE ON TABLE retail.sales_changes TO zava_rollup_writer;

--
-- Name: TABLE sales_customer_cohort; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_customer_cohort TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_customer_cohort TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_customer_cohort TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_customer_cohort TO zava_rollup_writer;

--
-- Name: TABLE sales_customer_first; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_customer_first TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_customer_first TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_customer_first TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_customer_first TO zava_rollup_writer;

--
-- Name: TABLE sales_customer_month; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_customer_month TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_customer_month TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_customer_month TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_customer_month TO zava_rollup_writer;

--
-- Name: TABLE sales_customer_store_total; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_customer_store_total TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_customer_store_total TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_customer_store_total TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_customer_store_total TO zava_rollup_writer;

--
-- Name: TABLE sales_customer_total; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_customer_total TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_customer_total TO zava_rollup_writer;

--
-- Name: TABLE sales_facts; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_facts TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_facts TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_facts TO zava_head_office;
GRANT SELECT ON TABLE retail.sales_facts TO zava_rollup_writer;

--
-- Name: TABLE sales_hour_month; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_hour_month TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_hour_month TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_hour_month TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_hour_month TO zava_rollup_writer;

--
-- Name: TABLE sales_lines; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_lines TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_lines TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_lines TO zava_head_office;
GRANT SELECT ON TABLE retail.sales_lines TO zava_sql_reader;

--
-- Name: TABLE sales_product_month; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_product_month TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_product_month TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_product_month TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_product_month TO zava_rollup_writer;

--
-- Name: TABLE sales_product_quarter; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_product_quarter TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_product_quarter TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_product_quarter TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_product_quarter TO zava_rollup_writer;

--
-- Name: TABLE sales_product_week; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_product_week TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_product_week TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_product_week TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_product_week TO zava_rollup_writer;

--
-- Name: TABLE sales_product_year; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_product_year TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_product_year TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_product_year TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_product_year TO zava_rollup_writer;

--
-- Name: TABLE sales_repeat_buyers_month; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_repeat_buyers_month TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_repeat_buyers_month TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_repeat_buyers_month TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_repeat_buyers_month TO zava_rollup_writer;

--
-- Name: TABLE sales_store_day; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_store_day TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_store_day TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_store_day TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_store_day TO zava_rollup_writer;

--
-- Name: TABLE sales_type_month; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.sales_type_month TO zava_store_manager;
GRANT SELECT ON TABLE retail.sales_type_month TO zava_regional_manager;
GRANT SELECT ON TABLE retail.sales_type_month TO zava_head_office;
GRANT SELECT,INSERT,DELETE,TRUNCATE,UPDATE ON TABLE retail.sales_type_month TO zava_rollup_writer;

--
-- Name: TABLE search_glossary; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.search_glossary TO zava_store_manager;
GRANT SELECT ON TABLE retail.search_glossary TO zava_regional_manager;
GRANT SELECT ON TABLE retail.search_glossary TO zava_head_office;

--
-- Name: TABLE stores; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT ON TABLE retail.stores TO zava_store_manager;
GRANT SELECT ON TABLE retail.stores TO zava_regional_manager;
GRANT SELECT ON TABLE retail.stores TO zava_head_office;

--
-- Name: COLUMN stores.store_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(store_id) ON TABLE retail.stores TO zava_sql_reader;

--
-- Name: COLUMN stores.store_name; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(store_name) ON TABLE retail.stores TO zava_sql_reader;

--
-- Name: COLUMN stores.location; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(location) ON TABLE retail.stores TO zava_sql_reader;

--
-- Name: COLUMN stores.rls_user_id; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(rls_user_id) ON TABLE retail.stores TO zava_sql_reader;

--
-- Name: COLUMN stores.is_online; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(is_online) ON TABLE retail.stores TO zava_sql_reader;

--
-- Name: COLUMN stores.created_at; Type: ACL; Schema: retail; Owner: zava_owner
--

GRANT SELECT(created_at) ON TABLE retail.stores TO zava_sql_reader;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: zava_owner
--

ALTER DEFAULT PRIVILEGES FOR ROLE zava_owner REVOKE ALL ON FUNCTIONS FROM PUBLIC;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: zava_rollup_writer
--

ALTER DEFAULT PRIVILEGES FOR ROLE zava_rollup_writer REVOKE ALL ON FUNCTIONS FROM PUBLIC;

--
-- PostgreSQL database dump complete
--

--
-- Roles the schema names (pg_dump leaves roles out)
--

-- zava_api_caller: NOLOGIN NOINHERIT; members zava_head_office (no set), zava_regional_manager (no set), zava_store_manager (no set)
-- zava_head_office: NOLOGIN; member of zava_api_caller (no set); members zava_mcp (no inherit)
-- zava_mcp: LOGIN NOINHERIT; member of zava_head_office (no inherit), zava_regional_manager (no inherit), zava_sql_reader (no inherit), zava_store_manager (no inherit)
-- zava_owner: NOLOGIN
-- zava_regional_manager: NOLOGIN; member of zava_api_caller (no set); members zava_mcp (no inherit)
-- zava_rollup_writer: NOLOGIN
-- zava_sql_reader: NOLOGIN; members zava_mcp (no inherit)
-- zava_store_manager: NOLOGIN; member of zava_api_caller (no set); members zava_mcp (no inherit)

--
-- The database's settings and grants, and grants on parameters (pg_dump leaves them out)
--

-- GRANT CONNECT ON DATABASE TO PUBLIC
-- GRANT SET ON PARAMETER temp_file_limit TO zava_head_office
-- GRANT SET ON PARAMETER temp_file_limit TO zava_owner
-- GRANT SET ON PARAMETER temp_file_limit TO zava_regional_manager
-- GRANT SET ON PARAMETER temp_file_limit TO zava_store_manager
-- GRANT TEMPORARY ON DATABASE TO PUBLIC
