-- Every prompt of a schema as the server lists it, one JSON object each:
--   {name, qualified_name, description,
--    arguments: [{name, type_sql, description, required, choices, max_length, completer, completer_takes_context}]}
-- A prompt is every served function of the schema (mcp.served_functions) that returns one text value; its texts
-- come from its comment as a tool's do (mcp.comment_docs), its arguments are its parameters, required unless they
-- have a default. An argument's max_length is its type's, as a tool argument's maxLength (a text domain's length
-- CHECK). An argument of an enum type (or a domain with an IN list) has its labels as choices; another is
-- completed by the function <schema>.complete_<argument>(prefix text [, context jsonb]) RETURNS SETOF text, if there
-- is one. Overloaded prompts, unnamed arguments and completers of another signature: 42P13. SECURITY DEFINER as
-- mcp.tools is.
CREATE OR REPLACE FUNCTION mcp.prompts(schema_name text)
RETURNS SETOF json
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
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

COMMENT ON FUNCTION mcp.prompts(text) IS
'Every text function of the prompts schema as the MCP prompt the server lists, with its arguments'' completers.';
REVOKE EXECUTE ON FUNCTION mcp.prompts(text) FROM public;
