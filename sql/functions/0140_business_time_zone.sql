-- The chain's time zone: the stores are in Washington state (and the online store sells from there), so an hour
-- of the day or a business date means Pacific time. The hour-of-day rollup, its readers and the seed read it here;
-- hours in UTC put the stores' 08:00 opening at 16:00 or 15:00 depending on the season.
-- A chain elsewhere changes this one value and, in a versioned file, asks for the rollups to be rebuilt (a row in
-- retail.rollup_rebuild_requests, as sql/schema/1360 did when hours moved from UTC to this zone).
CREATE OR REPLACE FUNCTION retail.business_time_zone()
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
    SELECT 'America/Los_Angeles'
$$;

COMMENT ON FUNCTION retail.business_time_zone() IS
'The chain''s time zone (IANA name): the hours of get_sales_pattern and of the hour-of-day rollup are local to it.';

GRANT EXECUTE ON FUNCTION retail.business_time_zone() TO zava_api_caller, zava_rollup_writer;

-- Refused here, at migration, rather than at the first call: a name PostgreSQL does not know.
SELECT now() AT TIME ZONE retail.business_time_zone();
