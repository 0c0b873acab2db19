SET LOCAL ROLE zava_owner;

-- A shopper's words in Korean and Hebrew, translated into the English of the catalog's descriptions: the hybrid
-- search (sql/functions/0312_search_hybrid.sql) looks up each query word here (the longest term it starts with,
-- after up to two Hebrew one-letter prefixes) and matches the English words against the products' English text.
-- Paraphrases and use cases in those languages ("a tool to make holes in a concrete wall") share few words with the
-- products' translated names and keywords, and the small multilingual model does not bridge them (bench/
-- search_results.md). Reference data of the package, the same for every tenant: its rows are the repeatable file
-- sql/reference/0100_search_glossary.sql. A term has no Latin letters (the English full-text search reads those).
CREATE TABLE retail.search_glossary (
    term text PRIMARY KEY CHECK (term ~ '^[^[:space:]a-z]{1,40}$' AND term = lower(normalize(term, nfc))),
    language_code varchar(8) NOT NULL CHECK (language_code IN ('ko', 'he')),
    english text NOT NULL CHECK (english ~ '^[a-z]+( [a-z]+){0,3}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE retail.search_glossary IS
'Korean and Hebrew shopping words (a word''s first letters: a noun, a verb''s stem) with their English, which the
hybrid product search matches against English product text.';

GRANT SELECT ON retail.search_glossary
TO zava_store_manager, zava_regional_manager, zava_head_office;
