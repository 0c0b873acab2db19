-- Lexical evidence for product search (retail.search_products_hybrid, sql/functions/0312_search_hybrid.sql): pg_trgm
-- for misspellings in any script, full-text search where a language configuration exists (English) and the
-- 'simple' configuration for the Korean and Hebrew names and keywords. pg_trgm lives beside vector in the
-- extensions schema (0110); like vector it is created by the migrating user (a superuser: versioned files run as
-- it), and its functions and operators stay executable by PUBLIC, as the extension makes them.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;

SET LOCAL ROLE zava_owner;

-- Each index is on the exact expression the search function writes, so the planner can use it. Trigrams are taken
-- over the NFD form: a Hangul syllable then becomes its letters (jamo), so one wrong letter in a Korean word costs
-- a few trigrams instead of the whole syllable's.
CREATE INDEX products_name_trgm_idx ON retail.products
USING gin (normalize(lower(product_name::text), nfd) extensions.gin_trgm_ops);

CREATE INDEX products_text_fts_idx ON retail.products
USING gin (to_tsvector('english'::regconfig, product_name::text || ' ' || product_description));

CREATE INDEX product_translations_trgm_idx ON retail.product_translations
USING gin (normalize(lower(product_name::text || ' ' || keywords), nfd) extensions.gin_trgm_ops);

CREATE INDEX product_translations_fts_idx ON retail.product_translations
USING gin (to_tsvector('simple'::regconfig, product_name::text || ' ' || keywords));
