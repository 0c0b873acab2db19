SET LOCAL ROLE zava_owner;

-- The fold hands the customer cohorts (sql/functions/0157) what its statement changed in each customer cell, not
-- only which cells: the cohorts then move by those changes (a cell's orders and revenue before and after) instead
-- of recomputing every month a change touched (17,687 cells read for 400 new orders spread over 2025 at full,
-- ~60 ms of a 175 ms fold).
ALTER TYPE retail.customer_cell
ADD ATTRIBUTE orders integer,
ADD ATTRIBUTE revenue_cents bigint;

COMMENT ON TYPE retail.customer_cell IS
'A cell of the customer rollup (store, status, customer, month) and what one statement added to its orders and
revenue (negative: taken away).';
