SET LOCAL ROLE zava_owner;

-- The text behind a vector argument. A tool parameter of this domain is not the caller's: the MCP server leaves it
-- out of the tool's input schema and binds to it the text it embedded for the call's vector argument (NULL when the
-- caller sent a vector). api.semantic_search_products uses it for the lexical half of its hybrid search.
CREATE DOMAIN api.embedding_source AS text
CONSTRAINT embedding_source_length CHECK (length(value) BETWEEN 1 AND 2000);

COMMENT ON DOMAIN api.embedding_source IS
'The text the server embedded for this call''s vector argument (1 to 2,000 characters); filled in by the server.';

GRANT USAGE ON TYPE api.embedding_source TO zava_api_caller;
