-- Stage 1: the catalog, from data/catalog.csv (loaded by seed.py into the temporary table seed_catalog).
-- Keys are derived from names and SKUs, so every database seeded from the same file agrees on them.
-- created_at is fixed too: the same seed must give byte-for-byte the same rows.
INSERT INTO retail.categories (category_id, category_name, created_at)
SELECT DISTINCT
    md5('category:' || c.category)::uuid AS category_id,
    c.category AS category_name,
    timestamptz '2019-01-01 00:00:00+00' AS created_at
FROM seed_catalog AS c;

INSERT INTO retail.product_types (type_id, category_id, type_name, created_at)
SELECT DISTINCT
    md5('type:' || c.category || ':' || c.product_type)::uuid AS type_id,
    md5('category:' || c.category)::uuid AS category_id,
    c.product_type AS type_name,
    timestamptz '2019-01-01 00:00:00+00' AS created_at
FROM seed_catalog AS c;

INSERT INTO retail.products (
    product_id, sku, product_name, category_id, type_id, cost, product_description, created_at
)
SELECT
    md5('product:' || c.sku)::uuid AS product_id,
    c.sku,
    c.product_name,
    md5('category:' || c.category)::uuid AS category_id,
    md5('type:' || c.category || ':' || c.product_type)::uuid AS type_id,
    c.cost::numeric(10, 2) AS cost,
    c.description AS product_description,
    timestamptz '2019-01-01 00:00:00+00' AS created_at
FROM seed_catalog AS c;
