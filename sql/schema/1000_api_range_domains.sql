SET LOCAL ROLE zava_owner;

-- The ranges of the tools' numeric arguments. As domains they are part of the signature: the shim turns each CHECK
-- into minimum and maximum in the tool's JSON Schema (a call out of range is refused, naming the argument, before
-- the database is asked), and a direct SQL caller meets the CHECK when the argument is cast. The functions check
-- nothing of this themselves; their comments repeat the range for the reader.

-- How many rows a ranking returns (api.get_top_products, api.get_top_customers).
CREATE DOMAIN api.top_n AS integer
CONSTRAINT top_n_range CHECK (value BETWEEN 1 AND 100);

-- The stock level at or below which api.get_low_stock lists a product.
CREATE DOMAIN api.stock_threshold AS integer
CONSTRAINT stock_threshold_range CHECK (value BETWEEN 0 AND 100000);

-- Days of sales api.get_stockout_risk measures velocity over: a week to two years.
CREATE DOMAIN api.lookback_days AS integer
CONSTRAINT lookback_days_range CHECK (value BETWEEN 7 AND 730);

-- Days ahead api.get_stockout_risk looks: a day to a year.
CREATE DOMAIN api.horizon_days AS integer
CONSTRAINT horizon_days_range CHECK (value BETWEEN 1 AND 365);

-- A calendar year of the trend tools (api.get_seasonal_trend, api.get_category_growth).
CREATE DOMAIN api.calendar_year AS integer
CONSTRAINT calendar_year_range CHECK (value BETWEEN 2000 AND 2100);

-- How many products api.semantic_search_products returns: HNSW gives at most hnsw.ef_search (40) rows per scan.
CREATE DOMAIN api.search_max_rows AS integer
CONSTRAINT search_max_rows_range CHECK (value BETWEEN 1 AND 40);

-- A cosine similarity threshold of api.semantic_search_products.
CREATE DOMAIN api.similarity AS double precision
CONSTRAINT similarity_range CHECK (value BETWEEN 0 AND 1);

COMMENT ON DOMAIN api.top_n IS 'How many rows a ranking tool returns: 1 to 100.';
COMMENT ON DOMAIN api.stock_threshold IS 'A stock level threshold as a tool argument: 0 to 100,000 units.';
COMMENT ON DOMAIN api.lookback_days IS 'Days of past sales a tool measures over: 7 to 730.';
COMMENT ON DOMAIN api.horizon_days IS 'Days ahead a tool looks: 1 to 365.';
COMMENT ON DOMAIN api.calendar_year IS 'A calendar year as a tool argument: 2000 to 2100.';
COMMENT ON DOMAIN api.search_max_rows IS 'How many products a search returns: 1 to 40.';
COMMENT ON DOMAIN api.similarity IS 'A cosine similarity threshold as a tool argument: 0 to 1.';

GRANT USAGE ON TYPE api.top_n, api.stock_threshold, api.lookback_days, api.horizon_days, api.calendar_year,
api.search_max_rows, api.similarity
TO zava_store_manager, zava_regional_manager, zava_head_office;
