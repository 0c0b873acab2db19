-- The functions of a schema the server serves: those of kind 'f' that at least one request role may EXECUTE. The
-- request roles are the roles the session's login is a direct member of (mcp.call_tool switches to one of them):
-- session_user, since mcp.tools and mcp.prompts run as their owner.
CREATE OR REPLACE FUNCTION mcp.served_functions(schema_name text)
RETURNS TABLE (
    name text,
    volatility text,
    returns_set boolean,
    return_type oid,
    n_defaults integer,
    in_types oid[],
    arguments jsonb,
    identity_args text,
    comment_text text
)
LANGUAGE sql
STABLE
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

-- "schema"."name", quoted always (the call statements and prompts name functions this way, whatever their names).
CREATE OR REPLACE FUNCTION mcp.qualified_name(schema_name text, object_name text)
RETURNS text
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT '"' || replace(schema_name, '"', '""') || '"."' || replace(object_name, '"', '""') || '"'
$$;

-- A parameter or column schema with its text from the comment, if any.
CREATE OR REPLACE FUNCTION mcp.described(value_schema jsonb, doc text)
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT CASE WHEN coalesce(doc, '') = '' THEN value_schema
        ELSE value_schema || pg_catalog.jsonb_build_object('description', doc) END
$$;

-- Every function of the API schema as the MCP tool the server lists, one JSON object each (json, not jsonb: the
-- order of the arguments is the signature's):
--   {name, qualified_name, description, read_only, cache_ttl_s, input_schema, output_schema,
--    params: [{name, type_sql, type_name, schema, required, is_vector, embedded_text}],
--    columns: [{name, schema, type_name}] or null for a scalar result, scalar_type_name}
-- Its input schema comes from the signature, its description from COMMENT ON FUNCTION (mcp.comment_docs), its output
-- schema from the result type, read_only from the volatility. A parameter of the domain embedding_source is filled
-- by the server with the text it embedded for the call's vector argument: not the caller's, so not in the schema.
-- Overloaded functions and unnamed parameters cannot become tools: 42P13, naming them all. SECURITY DEFINER (it
-- reads only the catalog, which every role may read) so that the login needs EXECUTE on it alone, not its helpers.
CREATE OR REPLACE FUNCTION mcp.tools(api_schema text, embed_vectors boolean)
RETURNS SETOF json
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
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
$$;

COMMENT ON FUNCTION mcp.served_functions(text) IS
'The functions of a schema that a request role of the session''s login may execute, with their parameters.';
COMMENT ON FUNCTION mcp.qualified_name(text, text) IS '"schema"."name", always quoted.';
COMMENT ON FUNCTION mcp.described(jsonb, text) IS 'A schema with its description from the comment, if any.';
COMMENT ON FUNCTION mcp.tools(text, boolean) IS
'Every function of the API schema as the MCP tool the server lists: schemas, description, annotations, binding.';
-- The server's login executes mcp.tools (and mcp.prompts) when its application's package grants it.
REVOKE EXECUTE ON FUNCTION mcp.served_functions(text), mcp.qualified_name(text, text), mcp.described(jsonb, text),
mcp.tools(text, boolean) FROM public;
