{#- Memory one ad-hoc call may use (MIGRATE_VAR_ADHOC_MEMORY_MB), and the work_mem each sort or hash of it gets
    (MIGRATE_VAR_ADHOC_WORK_MEM_MB). What the rest is spent on is in SECURITY.md ("Memory per ad-hoc call"). -#}
{%- set memory_mb = (adhoc_memory_mb if adhoc_memory_mb is defined else 256) | int -%}
{%- set work_mem_mb = (adhoc_work_mem_mb if adhoc_work_mem_mb is defined else 4) | int -%}
-- Text arguments became length-limited domains (sql/schema/0980_api_text_domains.sql); CREATE OR REPLACE
-- cannot change a parameter's type, so the text versions go first.
DROP FUNCTION IF EXISTS api.execute_sales_query(text);

-- The caller's SQL, read the way PostgreSQL's lexer reads it (strings, E'' strings, dollar quotes, quoted
-- identifiers, line and block comments), and made into the statement the ad-hoc tool runs:
-- - a trailing ";" followed by nothing but whitespace and comments is dropped; any other ";" is left for the
--   parser to refuse (one statement only);
-- - refused before anything is planned: unbalanced parentheses (breaking out of the wrapping subquery), WITH
--   RECURSIVE (unbounded iteration), ARRAY(subquery) (an array of every row), nesting deeper than 32, more than
--   10 "||" (each can double a value), unterminated or nested comments and literals;
-- - " OFFSET 0" is added to every subquery in FROM, JOIN, LATERAL and WITH that has no LIMIT or OFFSET, so the
--   planner never pulls one into its parent: pulling up copies a subquery's output expression into every place that
--   names it, and a chain of subqueries each naming the one below ten times made a plan of 10^8 nodes (9 GB, 33 s,
--   deaf to the statement timeout) out of 400 characters. OFFSET 0 changes no result.
-- sort_areas counts DISTINCT, ORDER and WITHIN: the sorts inside aggregates, which the plan does not show.
CREATE OR REPLACE FUNCTION retail.adhoc_statement(query text, OUT statement text, OUT sort_areas integer)
LANGUAGE plpgsql
IMMUTABLE
AS $fn$
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
$fn$;

COMMENT ON FUNCTION retail.adhoc_statement(text) IS
'The statement the ad-hoc tool runs for the caller''s SQL: a trailing semicolon dropped, subqueries kept out of the
planner''s pull-up (OFFSET 0), constructs without a memory bound refused; sort_areas counts in-aggregate sorts.';

GRANT EXECUTE ON FUNCTION retail.adhoc_statement(text) TO zava_api_caller;

-- The ad-hoc query tool. The caller's SQL (through retail.adhoc_statement) becomes the body of one subquery,
-- opened as a cursor: the grammar admits exactly one SELECT (a second statement, or a data-modifying WITH, is a
-- syntax error; a cursor refuses multi-statement plans), the shim runs it in a READ ONLY transaction under the
-- statement timeout, and for its duration the role is zava_sql_reader, which can read the retail tables' columns
-- through RLS and call nothing else (set_config, advisory locks, pg_notify and large objects are revoked in
-- sql/schema/0920_hardening.sql; statistics, sizes, activity and value-growing built-ins in 0970).
--
-- Memory (memory_mb per call; SECURITY.md): the plan is read first (EXPLAIN, as the reader) and refused when its
-- sorts, hashes and materialisations, each allowed work_mem (work_mem_mb, hash_mem_multiplier 1), would exceed what
-- is left after 64 MB for the backend itself and three copies of the largest result (memory_mb / 16 of JSON), or
-- when it hashes a subquery whose distinct values a join or a set-returning function could multiply (a hashed
-- SubPlan never spills).
-- VOLATILE because PL/pgSQL allows SET only there; @readonly in its comment has the shim run it READ ONLY, and
-- the function refuses to run in any other transaction.
CREATE OR REPLACE FUNCTION api.execute_sales_query(postgresql_query api.sql_text)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SET work_mem = '{{ work_mem_mb }}MB'
SET hash_mem_multiplier = 1
SET max_parallel_workers_per_gather = 0
SET jit = off
SET temp_file_limit = '1GB'
AS $fn$
DECLARE
    row_cap CONSTANT integer := 500;
    memory_mb CONSTANT integer := {{ memory_mb }};
    work_mem_mb CONSTANT integer := {{ work_mem_mb }};
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
$fn$;

COMMENT ON FUNCTION api.execute_sales_query(api.sql_text) IS
'Run one read-only PostgreSQL SELECT over the retail tables and get the rows back (at most 500; truncated says
when more were cut).

You only see rows of the stores you may see. Call get_multiple_table_schemas first for table and column names.
Tables are in schema retail (retail.orders, retail.order_items, retail.sales_lines ...). One statement only (a
trailing semicolon is fine); no writes, no settings, no recursive queries; built-in functions except those that
read server statistics or build values without bound (repeat, lpad, rpad, format, concat, replace, string_agg,
array_agg, json_agg ...; use || a few times instead); customers'' email and phone are not readable here; a
statement timeout applies.
@param postgresql_query One SELECT statement, e.g. SELECT store_id, count(*) FROM retail.orders GROUP BY 1.
@readonly';

GRANT EXECUTE ON FUNCTION api.execute_sales_query(api.sql_text)
TO zava_api_caller;
