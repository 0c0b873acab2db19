-- Stage 1: the catalog, from data/catalog.csv (loaded by seed.py into the temporary table seed_catalog).
-- Keys are derived from names and SKUs, so every database seeded from the same file agrees on them.
INSERT INTO retail.categories (category_id, category_name)
SELECT DISTINCT
    md5('category:' || c.category)::uuid AS category_id,
    c.category AS category_name
FROM seed_catalog AS c;

INSERT INTO retail.product_types (type_id, category_id, type_name)
SELECT DISTINCT
    md5('type:' || c.category || ':' || c.product_type)::uuid AS type_id,
    md5('category:' || c.category)::uuid AS category_id,
    c.product_type AS type_name
FROM seed_catalog AS c;

INSERT INTO retail.products (product_id, sku, product_name, category_id, type_id, cost, product_description)
SELECT
    md5('product:' || c.sku)::uuid AS product_id,
    c.sku,
    c.product_name,
    md5('category:' || c.category)::uuid AS category_id,
    md5('type:' || c.category || ':' || c.product_type)::uuid AS type_id,
    c.cost::numeric(10, 2) AS cost,
    c.description AS product_description
FROM seed_catalog AS c;
