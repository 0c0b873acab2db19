SET LOCAL ROLE zava_owner;

-- The HNSW index of the product embeddings, rebuilt with ef_construction = 200 (pgvector's default, which 0950
-- used, is 64; m stays 16). Query embeddings of multilingual-e5 ("query: " prefix) lie apart from the passage
-- embeddings they are searched against, and the index's graph must be built more carefully for such queries: on
-- 100,000 synthetic products, recall@10 against an exact scan at hnsw.ef_search = 200 is 0.89 by distance with
-- ef_construction = 64 and 0.997 with 200 (bench/hnsw_recall.py, bench/search_results.md). The catalog of a few
-- hundred products builds in milliseconds either way; 100,000 products take about a minute instead of 20 s.
ALTER INDEX retail.product_description_embeddings_hnsw_idx SET (ef_construction = 200);
REINDEX INDEX retail.product_description_embeddings_hnsw_idx;
