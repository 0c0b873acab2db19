-- A PostgreSQL type as the JSON Schema of a tool's argument or result (mcp.tools, functions/0130_tools.sql).
--
-- Schemas are written so every client can take them (the MCP Inspector's strict portability lint finds nothing):
-- one `type` per schema, never a type array; a result value that may be NULL is {"anyOf": [{...}, {"type": "null"}]}
-- (a plain `type` would make the SDK clients, which validate structuredContent against outputSchema, reject every
-- NULL); a json/jsonb result, which may hold any JSON value, is `anyOf` one branch per JSON type, not the empty schema.
--
-- Text arguments always carry maxLength. It comes from the type: a domain over text with a length CHECK
-- (CHECK (char_length(VALUE) <= 200); function parameters drop varchar(n) typmods, so a domain says it) or a domain
-- over varchar(n). A text-like argument (pg_type.typcategory 'S') that declares no length gets 4096 characters, so
-- no text argument is unbounded; a tool that needs more or less declares a domain. Array arguments always carry
-- maxItems likewise: 1,000 elements (a raw vector 16,000, pgvector's most dimensions), so that neither the server's
-- validation nor the database is handed millions of them.

-- The type a domain (or a domain over a domain) is made of; any other type itself.
CREATE OR REPLACE FUNCTION mcp.base_type(type_oid oid)
RETURNS oid
LANGUAGE sql
STABLE
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

CREATE OR REPLACE FUNCTION mcp.base_type_name(type_oid oid)
RETURNS text
LANGUAGE sql
STABLE
AS $$
    SELECT t.typname::text FROM pg_catalog.pg_type AS t WHERE t.oid = mcp.base_type(type_oid)
$$;

-- JSON Schema for the simple domain CHECKs, as pg_get_constraintdef prints them: bounds, lengths, a regex, an IN
-- list. Any other CHECK is left to the database, and so is a CHECK with OR (outside string literals) entirely: a
-- schema made from one side of it would refuse what the other side admits.
CREATE OR REPLACE FUNCTION mcp.domain_check_schema(checks text[])
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
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

-- A result value may be NULL: the value's schema or null, as anyOf branches with one `type` each. What PostgreSQL
-- may return more of than an argument admits (bounds, formats, lengths, patterns) is not promised for results.
CREATE OR REPLACE FUNCTION mcp.nullable_schema(value_schema jsonb)
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
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

-- An argument's schema as the type declares it (mcp.input_schema adds the default length).
CREATE OR REPLACE FUNCTION mcp.declared_input_schema(type_oid oid, embed_vectors boolean)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
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

CREATE OR REPLACE FUNCTION mcp.input_schema(type_oid oid, embed_vectors boolean)
RETURNS jsonb
LANGUAGE sql
STABLE
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

CREATE OR REPLACE FUNCTION mcp.output_schema(type_oid oid)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
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

COMMENT ON FUNCTION mcp.base_type(oid) IS
'The type a domain (or a domain over a domain) is made of; any other type itself.';
COMMENT ON FUNCTION mcp.base_type_name(oid) IS 'pg_type.typname of mcp.base_type.';
COMMENT ON FUNCTION mcp.domain_check_schema(text[]) IS
'JSON Schema for the simple domain CHECKs (bounds, lengths, a regex, an IN list); a CHECK with OR is left out.';
COMMENT ON FUNCTION mcp.nullable_schema(jsonb) IS 'A result value''s schema that admits NULL, as anyOf branches.';
COMMENT ON FUNCTION mcp.declared_input_schema(oid, boolean) IS 'An argument''s JSON Schema as its type declares it.';
COMMENT ON FUNCTION mcp.input_schema(oid, boolean) IS
'An argument''s JSON Schema; text without a declared length gets maxLength 4096, an array maxItems 1000.';
COMMENT ON FUNCTION mcp.output_schema(oid) IS 'A result value''s JSON Schema, NULL admitted.';
-- Called by mcp.tools and mcp.prompts as their owner: nobody else needs them.
REVOKE EXECUTE ON FUNCTION mcp.base_type(oid), mcp.base_type_name(oid), mcp.domain_check_schema(text[]),
mcp.nullable_schema(jsonb), mcp.declared_input_schema(oid, boolean), mcp.input_schema(oid, boolean),
mcp.output_schema(oid) FROM public;
