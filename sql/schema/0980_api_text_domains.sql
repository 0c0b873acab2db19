SET LOCAL ROLE zava_owner;

-- How long the text arguments of the tools may be. Function parameters drop varchar(n) lengths, so a domain says
-- it; the shim turns the CHECK into maxLength in the tools' JSON Schema, and a direct SQL caller meets the CHECK.
-- Names (stores, categories, tables): the columns hold at most 100 characters; 200 leaves room for the spellings
-- the functions accept (surrounding spaces, a 'retail.' or 'Zava Retail ' prefix) and refuses nothing real.
CREATE DOMAIN api.name_text AS text
CONSTRAINT name_text_length CHECK (char_length(value) <= 200);

-- One ad-hoc SQL statement for api.execute_sales_query, which refused longer ones itself already.
CREATE DOMAIN api.sql_text AS text
CONSTRAINT sql_text_length CHECK (char_length(value) <= 20000);

COMMENT ON DOMAIN api.name_text IS 'A store, category or table name as a tool argument: at most 200 characters.';
COMMENT ON DOMAIN api.sql_text IS 'An ad-hoc SQL statement as a tool argument: at most 20,000 characters.';

GRANT USAGE ON TYPE api.name_text, api.sql_text
TO zava_store_manager, zava_regional_manager, zava_head_office;
