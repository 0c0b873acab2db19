-- Read replicas (shim/replicas.py): the server login compares the primary's WAL position with each replica's replay
-- position, to skip a replica further behind than --replica-max-lag-ms. 0970 left these two to pg_read_all_stats;
-- the login gets them back, and nothing more of that role (request roles and the ad-hoc reader still lack them).
GRANT EXECUTE ON FUNCTION pg_catalog.pg_current_wal_lsn(), pg_catalog.pg_last_wal_replay_lsn() TO zava_mcp;
