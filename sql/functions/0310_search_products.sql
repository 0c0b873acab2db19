-- The design document's search function (its contract: query embedding, threshold, max results), with the
-- category, type and price an answer needs. Nearest first through the HNSW index, then the threshold. HNSW returns
-- at most hnsw.ef_search (default 40) rows per scan, so callers ask for at most 40.
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

-- The tool. Its vector argument arrives as text: the MCP server embeds it with the configured embedder. The ranges
-- of max_rows and similarity_threshold are their domains' (sql/schema/1000_api_range_domains.sql); the integer and
-- float versions go first, as CREATE OR REPLACE cannot change a parameter's type.
DROP FUNCTION IF EXISTS api.semantic_search_products(extensions.vector, integer, double precision);

CREATE OR REPLACE FUNCTION api.semantic_search_products(
    query_description extensions.vector,
    max_rows api.search_max_rows DEFAULT 10,
    similarity_threshold api.similarity DEFAULT {{ '%.2f' % (search_similarity_percent / 100) }}
)
RETURNS TABLE (
    sku varchar, product varchar, category varchar, product_type varchar, price numeric, similarity numeric,
    stock_in_your_stores bigint, description text
)
LANGUAGE sql
STABLE
AS $$
    SELECT
        p.sku, s.name, s.category, s.product_type, s.price, round(s.similarity_score::numeric, 3),
        (SELECT sum(i.stock_level) FROM retail.inventory AS i WHERE i.product_id = s.product_id),
        s.description
    FROM retail.search_products_by_description(
        semantic_search_products.query_description,
        semantic_search_products.similarity_threshold,
        semantic_search_products.max_rows
    ) AS s
    JOIN retail.products AS p ON p.product_id = s.product_id
    ORDER BY s.similarity_score DESC, p.sku
$$;

COMMENT ON FUNCTION api.semantic_search_products(extensions.vector, api.search_max_rows, api.similarity) IS
'Find products by meaning: describe what you need in plain words, in any language ("something to fix a leaking
pipe", "무선 드릴", "מקדחה אלחוטית") and get the closest products, best first.

stock_in_your_stores is the stock on hand in the stores you can see (a store manager: their own store).
@param query_description What you are looking for, in words (1 to 2,000 characters).
@param max_rows How many products at most, 1 to 40 (default 10).
@param similarity_threshold Minimum similarity, 0 to 1 (default {{ '%.2f' % (search_similarity_percent / 100) }}); lower it to see
    more distant matches.';

GRANT EXECUTE ON FUNCTION api.semantic_search_products(extensions.vector, api.search_max_rows, api.similarity)
TO zava_api_caller;
