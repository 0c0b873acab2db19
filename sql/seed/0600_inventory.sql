-- Stage 6: stock for every (store, product): scaled by the store's weight, with about 4% out of stock and
-- 10% low (1-5 units) so that stock-out and reorder questions have answers.
SELECT setseed({{ random_seed }} / 5);

INSERT INTO retail.inventory (store_id, product_id, stock_level)
SELECT
    d.store_id,
    d.product_id,
    CASE
        WHEN d.r_state < 0.04 THEN 0
        WHEN d.r_state < 0.14 THEN 1 + floor(d.r_level * 5)::int
        ELSE 6 + floor(d.r_level * 150 * d.weight / 30.0)::int
    END AS stock_level
FROM (
    SELECT
        s.store_id,
        s.weight,
        p.product_id,
        random() AS r_state,
        random() AS r_level
    FROM seed_stores AS s
    CROSS JOIN (SELECT pr.product_id FROM retail.products AS pr ORDER BY pr.sku) AS p
    ORDER BY s.store_id, p.product_id
) AS d;
