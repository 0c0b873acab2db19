SET LOCAL ROLE zava_owner;

-- Enumerations the tools take; as enums they reach MCP clients as JSON Schema enums.
CREATE TYPE api.time_grain AS ENUM ('day', 'week', 'month', 'quarter', 'year');
CREATE TYPE api.sales_dimension AS ENUM ('category', 'product_type', 'product', 'store');
CREATE TYPE api.rank_metric AS ENUM ('revenue', 'quantity');

GRANT USAGE ON TYPE api.time_grain, api.sales_dimension, api.rank_metric
TO zava_store_manager, zava_regional_manager, zava_head_office;
