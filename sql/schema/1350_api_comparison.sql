SET LOCAL ROLE zava_owner;

-- What a period's figures are set against (get_store_performance's compare_with). As an enum it reaches MCP clients
-- as a JSON Schema enum. previous_period: the same months before for whole months (a quarter against the quarter
-- before), else the same number of days before; same_period_last_year: the same dates a year earlier (year to date
-- against the same months of last year), which an outside analyst could not ask for.
CREATE TYPE api.comparison AS ENUM ('previous_period', 'same_period_last_year');

COMMENT ON TYPE api.comparison IS
'What a period is compared with: the period just before it, or the same dates a year earlier.';

GRANT USAGE ON TYPE api.comparison TO zava_api_caller;
