SET LOCAL ROLE zava_owner;

-- Hours of the day move from UTC to the chain's time zone (sql/functions/0140): an analyst's "busiest hour" is a
-- local hour, and UTC put the stores' 08:00 opening at 15:00 or 16:00 by season. The hour-of-day rollup's cells
-- change with it, so it is rebuilt, and with it every rollup: the rebuild also empties the log of changes not yet
-- folded, which a rebuild of one rollup would count twice. The request is kept here and carried out by the rollups'
-- repeatable file (sql/functions/0160, its last statement), in the transaction that installs the new hour, so no
-- reader ever sees an empty rollup and no fold in between can half-fill one.
CREATE TABLE retail.rollup_rebuild_requests (
    reason text PRIMARY KEY,
    requested_at timestamptz NOT NULL DEFAULT now(),
    done_at timestamptz
);

COMMENT ON TABLE retail.rollup_rebuild_requests IS
'Rebuilds of the sales rollups a versioned file asked for; sql/functions/0160 carries out the open ones.';

INSERT INTO retail.rollup_rebuild_requests (reason) VALUES ('hours of the day in the chain''s time zone');

COMMENT ON TABLE retail.sales_hour_month IS
'Rollup: order lines per month, store, order status and hour of the order''s creation in the chain''s time zone
(retail.business_time_zone()).';

-- The rollups' file carries the requests out as the rollups' writer (it owns the rebuild).
GRANT SELECT, UPDATE ON retail.rollup_rebuild_requests TO zava_rollup_writer;
