SET LOCAL ROLE zava_owner;

-- The order statuses a tool counts (include_statuses) and the within-week patterns it can slice by. As enums they
-- reach MCP clients as JSON Schema enums; the labels are those of the CHECK on retail.orders.status.
CREATE TYPE api.order_status AS ENUM ('pending', 'completed', 'cancelled', 'refunded');
CREATE TYPE api.sales_pattern AS ENUM ('hour_of_day', 'day_of_week');

GRANT USAGE ON TYPE api.order_status, api.sales_pattern
TO zava_store_manager, zava_regional_manager, zava_head_office;
