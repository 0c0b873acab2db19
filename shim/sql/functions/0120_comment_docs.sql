-- A function's COMMENT as the parts of its tool (or prompt): the convention of the README's "The generic MCP shim"
-- (Descriptions).
--
--     One-line summary.
--
--     Free text for the model: what the tool answers, units, caveats.
--     @param store_name Store to report on, e.g. 'Seattle'.
--     @column revenue Net revenue of the period.
--
-- A line `@param <name> <text>` describes that argument, `@column <name> <text>` a result column; indented lines
-- continue it. `@readonly` marks a VOLATILE function (one that must SET something) as read-only: it runs in a READ
-- ONLY transaction and is announced with readOnlyHint. `@cache [seconds]` (default 300) lets the server cache a
-- STABLE/IMMUTABLE function's successful results per caller identity for that long. Every other line is the
-- description. Returns {"description", "docs": {"<param>" or "@column <name>": text}, "read_only", "cache_ttl_s"}.
CREATE OR REPLACE FUNCTION mcp.comment_docs(comment_text text)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
AS $$
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
$$;

COMMENT ON FUNCTION mcp.comment_docs(text) IS
'A function''s COMMENT as {description, docs, read_only, cache_ttl_s}: the @param/@column/@readonly/@cache convention.';
REVOKE EXECUTE ON FUNCTION mcp.comment_docs(text) FROM public;
