SET LOCAL ROLE zava_owner;

-- The dimension is the embedder's (migrate.toml: embedding_dim); changing it later takes a new migration.
CREATE TABLE retail.product_description_embeddings (
    product_id uuid PRIMARY KEY REFERENCES retail.products (product_id) ON DELETE CASCADE,
    description_embedding extensions.vector({{ embedding_dim }}) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE retail.product_description_embeddings IS
'One embedding per product description, dimension {{ embedding_dim }}.';

GRANT SELECT ON retail.product_description_embeddings
TO zava_store_manager, zava_regional_manager, zava_head_office;
