-- Stage 1b: localised names and keywords, from data/catalog_i18n.csv (seed.py loads it into seed_translations).
INSERT INTO retail.product_translations (product_id, language_code, product_name, keywords, created_at)
SELECT
    md5('product:' || t.sku)::uuid AS product_id,
    t.language_code,
    t.product_name,
    t.keywords,
    timestamptz '2019-01-01 00:00:00+00' AS created_at
FROM seed_translations AS t;
