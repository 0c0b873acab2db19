SET LOCAL ROLE zava_owner;

-- A period as the cells the rollups answer it with, computed once per call (retail.period_cells, sql/functions/0172)
-- and handed to the readers as one value. Lists, not ranges read through set-returning functions: planned with the
-- call's values, each list is a constant the planner sees (an index's "= ANY" with exact estimates), and no reader
-- joins helper functions any more (that join search was most of a call's ~5 ms planning at small).
CREATE TYPE retail.period_cells AS (
    first_day date,
    last_day date,
    months date [],
    weeks date [],
    days date [],
    edge_days date []
);

COMMENT ON TYPE retail.period_cells IS
'An inclusive period [first_day, last_day] as the first days of its whole months (months), the Mondays of the
whole weeks among the other days (weeks), the days outside whole months (days), and the days outside both
(edge_days).';
