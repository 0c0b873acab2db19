SET LOCAL ROLE zava_owner;

-- What each stored embedding was computed from: the hash of the text and the model, so `make embed` recomputes
-- only what changed and can resume after an interruption.
ALTER TABLE retail.product_description_embeddings
ADD COLUMN source_hash text NOT NULL DEFAULT '',
ADD COLUMN model text NOT NULL DEFAULT '';

-- HNSW keeps recall on a catalog of a few hundred rows without the tuning IVFFlat needs (SPEC §3).
CREATE INDEX product_description_embeddings_hnsw_idx ON retail.product_description_embeddings
USING hnsw (description_embedding extensions.vector_cosine_ops);
