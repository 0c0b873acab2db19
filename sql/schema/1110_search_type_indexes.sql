SET LOCAL ROLE zava_owner;

-- The type names' share of retail.search_products_hybrid's lexical evidence, indexed like the products' names
-- (sql/schema/1090): with sequential scans off in the function, the planner otherwise walks the whole primary key
-- and computes to_tsvector and the trigrams of every type name for every query word, about 2 of the search's
-- 4 ms on the catalog's 61 types.
CREATE INDEX product_types_name_trgm_idx ON retail.product_types
USING gin (normalize(lower(type_name::text), nfd) extensions.gin_trgm_ops);

CREATE INDEX product_types_name_fts_idx ON retail.product_types
USING gin (to_tsvector('english'::regconfig, type_name::text));
