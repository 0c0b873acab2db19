-- Stage 6: stock for every (store, product): scaled by the store's weight, with about 4% out of stock and
-- 10% low (1-5 units) so that stock-out and reorder questions have answers. The draws are hashes of the seed,
-- store and product rather than random(), so they do not depend on the order the rows are produced in.
INSERT INTO retail.inventory (store_id, product_id, stock_level, created_at)
SELECT
    d.store_id,
    d.product_id,
    CASE
        WHEN d.r_state < 0.04 THEN 0
        WHEN d.r_state < 0.14 THEN 1 + floor(d.r_level * 5)::int
        ELSE 6 + floor(d.r_level * 150 * d.weight / 30.0)::int
    END AS stock_level,
    timestamptz '2026-01-01 00:00:00+00' AS created_at
FROM (
    SELECT
        s.store_id,
        s.weight,
        p.product_id,
        ('x' || substr(md5('state:{{ random_seed }}:' || s.store_id || p.product_id), 1, 8))::bit(32)::bigint
        / 4294967296.0 AS r_state,
        ('x' || substr(md5('level:{{ random_seed }}:' || s.store_id || p.product_id), 1, 8))::bit(32)::bigint
        / 4294967296.0 AS r_level
    FROM seed_stores AS s
    CROSS JOIN retail.products AS p
) AS d;
