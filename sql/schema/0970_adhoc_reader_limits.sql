-- What an ad-hoc query (api.execute_sales_query, run as zava_sql_reader) may no longer reach: other tenants'
-- totals through the server's statistics, and built-ins that grow one value without bound.
--
-- PostgreSQL has no "deny" and every role is a member of PUBLIC, so taking a built-in away from one role means
-- revoking it from PUBLIC in this database and granting it back, by name, to every role that uses it. Only
-- functions PUBLIC could call are touched, so no role gains anything. What the package's other roles keep:
--   zava_owner, zava_mcp and the request roles      everything revoked here except the statistics (they read none)
--   pg_read_all_stats (and so pg_monitor)           statistics, activity, sizes and the full pg_class
--   pg_monitor, pg_read_all_data                    the value builders and aggregates below
-- A role created later in this database that is none of these calls neither until granted (SECURITY.md).
-- Other databases of the cluster are not affected: function ACLs and pg_class are per database.

-- 1. Statistics, sizes and other sessions' activity. The pg_stat_* and pg_statio_* views, pg_stat_activity,
-- pg_locks and pg_prepared_xacts are views over these functions, and a function called through a view is checked
-- against the caller, so the views refuse the reader too. WAL positions and transaction ids count every tenant's
-- writes.
DO $$
DECLARE
    fn regprocedure;
BEGIN
    FOR fn IN
        SELECT p.oid::regprocedure
        FROM pg_catalog.pg_proc AS p
        WHERE p.pronamespace = 'pg_catalog'::regnamespace
            AND pg_catalog.has_function_privilege('public', p.oid, 'EXECUTE')
            AND (
                p.proname LIKE 'pg\_stat\_get\_%'
                OR p.proname IN (
                    'pg_relation_size', 'pg_total_relation_size', 'pg_table_size', 'pg_indexes_size',
                    'pg_database_size', 'pg_tablespace_size', 'pg_lock_status', 'pg_blocking_pids',
                    'pg_safe_snapshot_blocking_pids', 'pg_isolation_test_session_is_blocked', 'pg_prepared_xact',
                    'pg_get_multixact_members', 'pg_notification_queue_usage', 'pg_current_wal_lsn',
                    'pg_current_wal_insert_lsn', 'pg_current_wal_flush_lsn', 'pg_last_wal_receive_lsn',
                    'pg_last_wal_replay_lsn', 'pg_current_xact_id', 'pg_current_xact_id_if_assigned', 'txid_current',
                    'txid_current_if_assigned', 'pg_current_snapshot', 'txid_current_snapshot', 'pg_xact_status',
                    'txid_status', 'pg_last_committed_xact', 'pg_xact_commit_timestamp',
                    'pg_xact_commit_timestamp_origin', 'pg_control_checkpoint', 'pg_control_system',
                    'pg_control_init', 'pg_control_recovery', 'mxid_age'
                )
                OR (p.proname = 'age' AND p.proargtypes = '28'::oidvector)  -- age(xid), not age(timestamp)
            )
    LOOP
        EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM public', fn);
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO pg_read_all_stats', fn);
    END LOOP;
END
$$;

-- 2. pg_class without the planner's row and page counts (reltuples of retail.orders is every store's order count)
-- and the transaction horizons: PUBLIC keeps every other column, so names, kinds, owners and ACLs stay readable
-- (psql's \d, information_schema, the server's catalog reader and api.get_multiple_table_schemas read only those).
REVOKE SELECT ON pg_catalog.pg_class FROM public;

DO $$
BEGIN
    EXECUTE pg_catalog.format(
        'GRANT SELECT (%s) ON pg_catalog.pg_class TO public',
        (
            SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
            FROM pg_catalog.pg_attribute AS a
            WHERE a.attrelid = 'pg_catalog.pg_class'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                AND a.attname NOT IN (
                    'relpages', 'reltuples', 'relallvisible', 'relallfrozen', 'relfrozenxid', 'relminmxid'
                )
        )
    );
END
$$;

GRANT SELECT ON pg_catalog.pg_class TO pg_read_all_stats, pg_read_all_data;

-- 3. The reader reads the retail tables' columns, not the whole tables: a table-level grant also admits the system
-- columns, and ctid (the physical position of a visible row) tells how many pages every store's rows fill, xmin how
-- many transactions ran between two of the caller's rows. SELECT * and whole-row references still work.
DO $$
DECLARE
    rel regclass;
BEGIN
    FOR rel IN
        SELECT c.oid::regclass
        FROM pg_catalog.pg_class AS c
        CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) AS acl
        WHERE c.relnamespace = 'retail'::regnamespace AND c.relkind IN ('r', 'p')
            AND acl.grantee = 'zava_sql_reader'::regrole AND acl.privilege_type = 'SELECT'
    LOOP
        EXECUTE pg_catalog.format('REVOKE SELECT ON %s FROM zava_sql_reader', rel);
        EXECUTE pg_catalog.format(
            'GRANT SELECT (%s) ON %s TO zava_sql_reader',
            (
                SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
                FROM pg_catalog.pg_attribute AS a
                WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
            ),
            rel
        );
    END LOOP;
END
$$;

-- 4. Built-ins that turn a short query into a huge value: repetition and padding, format widths, replacement
-- (nested replace multiplies), concatenation functions, and the aggregates that keep every input row (string_agg,
-- array_agg, the JSON and XML aggregates, range_agg). The XML functions that run a query given as text
-- (query_to_xml and friends) and ts_stat/ts_rewrite(text) would run SQL this file cannot see; current_query()
-- hands out the statement text, up to 20,000 characters, for the price of 15. And pg_prepared_statement(), behind
-- pg_prepared_statements: a pooled connection's prepared tool calls and how often each ran, for every caller the
-- connection served (auth.call_tool reads it as the request role).
DO $$
DECLARE
    fn regprocedure;
BEGIN
    FOR fn IN
        SELECT p.oid::regprocedure
        FROM pg_catalog.pg_proc AS p
        WHERE p.pronamespace = 'pg_catalog'::regnamespace
            AND pg_catalog.has_function_privilege('public', p.oid, 'EXECUTE')
            AND (
                p.proname IN (
                    'repeat', 'lpad', 'rpad', 'array_fill', 'format', 'concat', 'concat_ws', 'overlay', 'replace',
                    'regexp_replace', 'string_agg', 'array_agg', 'json_agg', 'json_agg_strict', 'jsonb_agg',
                    'jsonb_agg_strict', 'xmlagg', 'range_agg', 'ts_stat', 'ts_rewrite', 'current_query',
                    'pg_prepared_statement'
                )
                OR p.proname LIKE 'json\_object\_agg%'
                OR p.proname LIKE 'jsonb\_object\_agg%'
                OR p.proname ~ '^(query|table|cursor|schema|database)_to_xml'
            )
    LOOP
        EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM public', fn);
        EXECUTE pg_catalog.format(
            'GRANT EXECUTE ON FUNCTION %s TO zava_owner, zava_mcp, zava_store_manager, zava_regional_manager, '
            'zava_head_office, pg_monitor, pg_read_all_data',
            fn
        );
    END LOOP;
END
$$;

-- 5. api.execute_sales_query caps the disk its sorts and hashes may spill to (SET temp_file_limit on the function),
-- a superuser setting: the roles that call it, and the owner that creates it, may set it.
-- (In a DO block only because sqlfluff does not parse GRANT SET ON PARAMETER.)
DO $$
BEGIN
    GRANT SET ON PARAMETER temp_file_limit TO zava_owner, zava_store_manager, zava_regional_manager, zava_head_office;
END
$$;
