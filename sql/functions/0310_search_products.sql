-- The SET clause below names a setting of pgvector, which only a superuser may name before the session has loaded
-- the library (this file runs as the owner): one call of pgvector's loads it.
SELECT extensions.vector_dims('[1]'::extensions.vector) AS vector_loaded;

-- The design document's search function (its contract: query embedding, threshold, max results), with the
-- category, type and price an answer needs. Nearest first through the HNSW index, then the threshold. Callers ask
-- for at most 40 rows. The scan keeps hnsw.ef_search {{ search_hnsw_ef_search }} candidates, as the hybrid search
-- does: the session default (40) finds 0.77-0.87 of the true 10 nearest among 100,000 products (bench/hnsw_recall.py).
CREATE OR REPLACE FUNCTION retail.search_products_by_description(
    query_embedding extensions.vector({{ embedding_dim }}),
    similarity_threshold double precision DEFAULT 0.7,
    max_results integer DEFAULT 20
)
RETURNS TABLE (
    product_id uuid, name varchar, description text, similarity_score double precision, category varchar,
    product_type varchar, price numeric
)
LANGUAGE sql
STABLE
SET "hnsw.ef_search" = {{ search_hnsw_ef_search }}
AS $$
    SELECT n.product_id, p.product_name, p.product_description, n.similarity, c.category_name, t.type_name,
           p.base_price
    FROM (
        SELECT e.product_id, 1 - (e.description_embedding OPERATOR(extensions.<=>) query_embedding) AS similarity
        FROM retail.product_description_embeddings AS e
        ORDER BY e.description_embedding OPERATOR(extensions.<=>) query_embedding
        LIMIT max_results
    ) AS n
    JOIN retail.products AS p ON p.product_id = n.product_id
    JOIN retail.categories AS c ON c.category_id = p.category_id
    JOIN retail.product_types AS t ON t.type_id = p.type_id
    WHERE n.similarity >= similarity_threshold
    ORDER BY n.similarity DESC, p.sku
$$;

COMMENT ON FUNCTION retail.search_products_by_description(extensions.vector, double precision, integer) IS
'Products whose description embedding is closest (cosine) to a query embedding, at or above a similarity.';

GRANT EXECUTE ON FUNCTION retail.search_products_by_description(extensions.vector, double precision, integer)
TO zava_api_caller;

-- The tool. Its vector argument arrives as text: the MCP server embeds it with the configured embedder, and binds
-- the text itself to query_text (an api.embedding_source: not in the tool's input schema). With the text, the
-- search is the hybrid one (retail.search_products_hybrid: vector neighbours and lexical evidence, a calibrated
-- relevance floor); without the text (a server with no embedder takes vectors from its clients), the vector search
-- alone, at the cosine floor of the design.
-- The ranges of max_rows and similarity_threshold are their domains' (sql/schema/1000_api_range_domains.sql).
DROP FUNCTION IF EXISTS api.semantic_search_products(extensions.vector, integer, double precision);
DROP FUNCTION IF EXISTS api.semantic_search_products(extensions.vector, api.search_max_rows, api.similarity);

CREATE OR REPLACE FUNCTION api.semantic_search_products(
    query_description extensions.vector,
    max_rows api.search_max_rows DEFAULT 10,
    similarity_threshold api.similarity DEFAULT NULL,
    query_text api.embedding_source DEFAULT NULL
)
RETURNS TABLE (
    sku varchar, product varchar, category varchar, product_type varchar, price numeric, relevance numeric,
    similarity numeric, stock_in_your_stores bigint, description text
)
LANGUAGE plpgsql
STABLE
AS $$
#variable_conflict use_column
BEGIN
    IF query_text IS NULL THEN
        RETURN QUERY
        SELECT
            p.sku, s.name, s.category, s.product_type, s.price, round(s.similarity_score::numeric, 3),
            round(s.similarity_score::numeric, 3),
            (SELECT sum(i.stock_level) FROM retail.inventory AS i WHERE i.product_id = s.product_id),
            s.description
        FROM retail.search_products_by_description(
            query_description,
            coalesce(similarity_threshold, {{ '%.2f' % (search_similarity_percent / 100) }}),
            max_rows
        ) AS s
        INNER JOIN retail.products AS p ON s.product_id = p.product_id
        ORDER BY s.similarity_score DESC, p.sku;
        RETURN;
    END IF;
    RETURN QUERY
    SELECT
        p.sku, p.product_name, c.category_name, t.type_name, p.base_price, round(h.score::numeric, 3),
        round(h.similarity::numeric, 3),
        (SELECT sum(i.stock_level) FROM retail.inventory AS i WHERE i.product_id = h.product_id),
        p.product_description
    FROM retail.search_products_hybrid(query_text, query_description, max_rows) AS h
    INNER JOIN retail.products AS p ON h.product_id = p.product_id
    INNER JOIN retail.categories AS c ON p.category_id = c.category_id
    INNER JOIN retail.product_types AS t ON p.type_id = t.type_id
    WHERE similarity_threshold IS NULL OR h.similarity >= similarity_threshold
    ORDER BY h.score DESC, p.sku;
END
$$;

COMMENT ON FUNCTION api.semantic_search_products(
    extensions.vector, api.search_max_rows, api.similarity, api.embedding_source
) IS
'Find products by meaning: describe what you need in plain words, in any language ("something to fix a leaking
pipe", "무선 드릴", "מקדחה אלחוטית", even with typos) and get the closest products, best first.

relevance ranks the rows: the meaning of your words (similarity, the cosine of the embeddings) plus how well they
match product names, types and translations, word by word. Rows below a calibrated relevance are left out: no rows
means nothing matched well enough, but a query the catalog cannot answer may still get weakly related rows, whose
relevance stays close to their similarity. stock_in_your_stores is the stock on hand in the stores you can see (a
store manager: their own store).
@param query_description What you are looking for, in words (1 to 2,000 characters).
@param max_rows How many products at most, 1 to 40 (default 10).
@param similarity_threshold Optional: also require at least this similarity, 0 to 1 (by default the relevance
    floor alone decides).';

GRANT EXECUTE ON FUNCTION api.semantic_search_products(
    extensions.vector, api.search_max_rows, api.similarity, api.embedding_source
)
TO zava_api_caller;
