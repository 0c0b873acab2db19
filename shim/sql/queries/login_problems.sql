-- What the server's database login can do, checked before anything is served (shim/login.py): one sentence per
-- problem, in order; no rows when it may serve. A query the server sends, not a function: it must also run for a
-- login that lacks USAGE on schema mcp, to say so. It calls no built-in a database may revoke from PUBLIC (the
-- retail package takes format, string_agg and the like away, sql/schema/1230), so any login can run it.
--
-- $1 text[]: the schemas served (tools, prompts). $2 jsonb: the functions every call runs with the login's rights,
-- as [schema, name, "argument types", whether the shim's own package makes it] (its absence then names the package).
--
-- Refused: a login that could bypass row-level security, by what it can do rather than by its name: a superuser or a
-- BYPASSRLS role, and a member (directly, or through other roles) of any role that is one, that owns a table with
-- row-level security enabled (an owner may turn it off), or that owns functions of the served schemas (an owner may
-- redefine a tool to run with the owner's rights). Membership counts whether or not it is inherited: a member may
-- SET ROLE to the role. Required: USAGE on the schemas of the functions and EXECUTE on them (privileges of the login
-- itself: a NOINHERIT login's memberships lend it nothing), and membership of at least one role to switch to.
WITH RECURSIVE login AS (
    SELECT r.oid FROM pg_catalog.pg_roles AS r
    WHERE r.rolname = current_user
),

chain (roleid, path) AS (
    SELECT
        m.roleid,
        ARRAY[m.roleid]
    FROM pg_catalog.pg_auth_members AS m
    WHERE m.member = (SELECT l.oid FROM login AS l)
    UNION
    SELECT
        m.roleid,
        c.path || m.roleid
    FROM pg_catalog.pg_auth_members AS m INNER JOIN chain AS c ON m.member = c.roleid
    WHERE m.roleid <> all(c.path)
),

-- Itself and every role the login is a member of, with the roles in between (shortest path first).
reach AS (
    SELECT
        l.oid AS roleid,
        ARRAY[]::oid[] AS via
    FROM login AS l
    UNION ALL
    SELECT
        s.roleid,
        s.via
    FROM (
        SELECT DISTINCT ON (c.roleid)
            c.roleid,
            c.path[1:pg_catalog.cardinality(c.path) - 1] AS via
        FROM chain AS c
        ORDER BY c.roleid ASC, pg_catalog.cardinality(c.path) ASC
    ) AS s
),

powers AS (
    SELECT
        r.rolname,
        reach.via,
        r.rolsuper,
        r.rolbypassrls,
        array(
            SELECT c.oid::pg_catalog.regclass::text FROM pg_catalog.pg_class AS c
            WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p') AND c.relrowsecurity
            ORDER BY c.oid::pg_catalog.regclass::text
        ) AS rls_tables,
        array(
            SELECT n.nspname::text FROM pg_catalog.pg_namespace AS n
            WHERE
                n.nspname = any($1::text[])
                AND EXISTS (
                    SELECT FROM pg_catalog.pg_proc AS p
                    WHERE p.pronamespace = n.oid AND p.proowner = r.oid
                )
            ORDER BY n.nspname
        ) AS served_schemas,
        pg_catalog.cardinality(reach.via) AS depth
    FROM reach INNER JOIN pg_catalog.pg_roles AS r ON reach.roleid = r.oid
),

bypasses AS (
    SELECT
        1 AS kind,
        p.depth::bigint AS rank,
        p.rolname::text AS detail,
        CASE
            WHEN p.rolname = current_user THEN 'it'
            WHEN p.depth = 0 THEN 'it is a member of ' || pg_catalog.quote_literal(p.rolname) || ', which'
            ELSE
                'it is a member of ' || pg_catalog.quote_literal(p.rolname) || ' (through '
                || pg_catalog.array_to_string(array(
                    SELECT pg_catalog.quote_literal(v.rolname)
                    FROM pg_catalog.unnest(p.via) WITH ORDINALITY AS u (oid, n)
                    INNER JOIN pg_catalog.pg_roles AS v ON u.oid = v.oid
                    ORDER BY u.n
                ), ' -> ') || '), which'
        END || ' ' || pg_catalog.array_to_string(ARRAY[
            CASE WHEN p.rolsuper THEN 'is a superuser' END,
            CASE WHEN p.rolbypassrls THEN 'has BYPASSRLS' END,
            CASE
                WHEN pg_catalog.cardinality(p.rls_tables) > 0
                    THEN
                        'owns tables with row-level security ('
                        || pg_catalog.array_to_string(p.rls_tables[1:3], ', ')
                        || CASE
                            WHEN pg_catalog.cardinality(p.rls_tables) > 3
                                THEN ' and ' || pg_catalog.cardinality(p.rls_tables) - 3 || ' more'
                            ELSE ''
                        END
                        || ')'
            END,
            CASE
                WHEN pg_catalog.cardinality(p.served_schemas) > 0
                    THEN
                        'owns functions in the served schema(s) ' || pg_catalog.array_to_string(array(
                            SELECT pg_catalog.quote_literal(s.s)
                            FROM pg_catalog.unnest(p.served_schemas) WITH ORDINALITY AS s (s, n)
                            ORDER BY s.n
                        ), ', ')
            END
        ], ' and ') AS problem
    FROM powers AS p
    WHERE
        p.rolsuper OR p.rolbypassrls OR pg_catalog.cardinality(p.rls_tables) > 0
        OR pg_catalog.cardinality(p.served_schemas) > 0
),

wanted AS (
    SELECT
        w.n,
        n.oid AS schema_oid,
        p.oid AS function_oid,
        w.f ->> 0 AS nspname,
        w.f ->> 1 AS proname,
        (w.f ->> 0) || '.' || (w.f ->> 1) || '(' || (w.f ->> 2) || ')' AS signature,
        CASE
            WHEN (w.f ->> 3)::boolean
                THEN
                    'the shim''s own SQL package (shim/sql) is not applied: '
                    || 'migrate.py applies it (migrate.toml: requires)'
        END AS package
    FROM pg_catalog.jsonb_array_elements($2::jsonb) WITH ORDINALITY AS w (f, n)
    LEFT JOIN pg_catalog.pg_namespace AS n ON n.nspname = w.f ->> 0
    LEFT JOIN pg_catalog.pg_proc AS p
        ON
            n.oid = p.pronamespace AND p.proname = w.f ->> 1
            AND pg_catalog.array_to_string(p.proargtypes::oid[]::pg_catalog.regtype[], ', ') = w.f ->> 2
),

rights AS (
    SELECT
        2 AS kind,
        2 * w.n AS rank,
        '' AS detail,
        CASE
            WHEN w.schema_oid IS NULL
                THEN
                    'function ' || w.signature || ': '
                    || coalesce(w.package, 'schema ' || pg_catalog.quote_literal(w.nspname) || ' does not exist')
            WHEN NOT pg_catalog.has_schema_privilege(w.schema_oid, 'USAGE')
                THEN 'it lacks USAGE on schema ' || w.nspname
        END AS problem
    FROM wanted AS w
    UNION ALL
    SELECT
        2 AS kind,
        2 * w.n + 1 AS rank,
        '' AS detail,
        CASE
            WHEN w.function_oid IS NULL
                THEN 'function ' || w.signature || ' does not exist' || coalesce(': ' || w.package, '')
            WHEN NOT pg_catalog.has_function_privilege(w.function_oid, 'EXECUTE')
                THEN 'it lacks EXECUTE on function ' || w.signature
        END AS problem
    FROM wanted AS w
    WHERE w.schema_oid IS NOT NULL
    UNION ALL
    SELECT
        3 AS kind,
        0 AS rank,
        '' AS detail,
        'it lacks membership of at least one role to switch to (the request roles)' AS problem
    WHERE NOT EXISTS (
        SELECT FROM pg_catalog.pg_auth_members AS m
        WHERE m.member = (SELECT l.oid FROM login AS l)
    )
),

problems AS (
    SELECT
        b.kind,
        b.rank,
        b.detail,
        b.problem
    FROM bypasses AS b
    UNION ALL
    SELECT
        r.kind,
        r.rank,
        r.detail,
        r.problem
    FROM rights AS r
    WHERE r.problem IS NOT NULL
)

-- USAGE on one schema is named once, where it is first missed.
SELECT p.problem
FROM (
    SELECT DISTINCT ON (p.problem)
        p.problem,
        p.kind,
        p.rank,
        p.detail
    FROM problems AS p
    ORDER BY p.problem ASC, p.kind ASC, p.rank ASC
) AS p
ORDER BY p.kind ASC, p.rank ASC, p.detail ASC
