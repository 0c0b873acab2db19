-- Stage 4: order lines. Items per order {1:40, 2:30, 3:15, 4:10, 5:5}%; the category follows the month's
-- seasonal mix, the product is uniform within the category; quantity {1:60, 2:25, 3:10, 4:3, 5:2}%;
-- unit price = base price x U(0.8, 1.2); 15% of lines discounted 5/10/15/20/25%.
SELECT setseed({{ random_seed }} / 3);

-- Relative demand per category and month (January first): garden in spring and summer, plumbing and
-- electrical in winter, power tools at the holidays, storage in January.
CREATE TEMPORARY TABLE seed_season ON COMMIT DROP AS
SELECT
    c.category_id,
    m.month,
    s.factors[m.month] / sum(s.factors[m.month]) OVER (PARTITION BY m.month) AS share
FROM (
    VALUES
    ('Garden & Outdoor', ARRAY[0.4, 0.5, 0.9, 1.6, 2.0, 2.0, 1.8, 1.5, 1.1, 0.7, 0.4, 0.3]),
    ('Paint & Finishes', ARRAY[0.7, 0.8, 1.0, 1.2, 1.3, 1.3, 1.2, 1.2, 1.1, 0.9, 0.7, 0.6]),
    ('Lumber & Building Materials', ARRAY[0.7, 0.8, 1.0, 1.2, 1.3, 1.3, 1.3, 1.2, 1.1, 1.0, 0.8, 0.6]),
    ('Power Tools', ARRAY[0.8, 0.8, 0.9, 1.0, 1.0, 1.2, 1.0, 0.9, 0.9, 1.0, 1.4, 1.8]),
    ('Hand Tools', ARRAY[0.9, 0.9, 1.0, 1.0, 1.0, 1.1, 1.0, 1.0, 1.0, 1.0, 1.2, 1.4]),
    ('Electrical', ARRAY[1.3, 1.2, 1.0, 0.9, 0.9, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3]),
    ('Plumbing', ARRAY[1.4, 1.3, 1.1, 0.9, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.4]),
    ('Hardware', ARRAY[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
    ('Storage & Organization', ARRAY[1.5, 1.2, 1.0, 0.9, 0.9, 0.9, 0.9, 1.1, 1.2, 1.0, 0.9, 1.0])
) AS s (category_name, factors)
INNER JOIN retail.categories AS c ON s.category_name = c.category_name
CROSS JOIN generate_series(1, 12) AS m (month);

CREATE TEMPORARY TABLE seed_products ON COMMIT DROP AS
SELECT
    p.product_id,
    p.category_id,
    p.base_price,
    row_number() OVER (PARTITION BY p.category_id ORDER BY p.sku) - 1 AS idx,
    count(*) OVER (PARTITION BY p.category_id) AS n
FROM retail.products AS p;

-- n: the category's number of products, so that a line's product is found by equality on (category, index).
-- Bounds in float8: the draws compare as float8 anyway; cast once here, not twice per row and category.
CREATE TEMPORARY TABLE seed_season_ranges ON COMMIT DROP AS
WITH p AS (
    SELECT DISTINCT
        sp.category_id,
        sp.n
    FROM seed_products AS sp
)

SELECT
    s.category_id,
    s.month,
    (sum(s.share) OVER (PARTITION BY s.month ORDER BY s.category_id) - s.share)::float8 AS lo,
    (sum(s.share) OVER (PARTITION BY s.month ORDER BY s.category_id))::float8 AS hi,
    p.n
FROM seed_season AS s
INNER JOIN p ON s.category_id = p.category_id;

CREATE TEMPORARY TABLE seed_lines ON COMMIT DROP AS
SELECT
    o.order_id,
    o.store_id,
    extract(MONTH FROM o.order_date)::int AS month,
    o.created_at,
    j.j,
    random() AS r_category,
    random() AS r_product,
    random() AS r_quantity,
    random() AS r_price,
    random() AS r_discount,
    random() AS r_percent
FROM seed_orders AS o
CROSS JOIN
    LATERAL generate_series(1, CASE
        WHEN o.r_items < 0.40 THEN 1 WHEN o.r_items < 0.70 THEN 2 WHEN o.r_items < 0.85 THEN 3
        WHEN o.r_items < 0.95 THEN 4 ELSE 5
    END) AS j (j)
ORDER BY o.i, o.k, j.j;

-- Temporary tables are never analysed automatically; the joins below need their sizes.
ANALYZE seed_lines, seed_season_ranges, seed_products;

CREATE TEMPORARY TABLE seed_items ON COMMIT DROP AS
SELECT
    md5('item:' || l.order_id || ':' || l.j)::uuid AS order_item_id,
    l.order_id,
    l.store_id,
    p.product_id,
    q.quantity,
    q.unit_price,
    q.discount_percent,
    q.discount_amount,
    q.unit_price * q.quantity - q.discount_amount AS total_amount,
    l.created_at
FROM seed_lines AS l
INNER JOIN seed_season_ranges AS r
    ON l.month = r.month AND l.r_category >= r.lo AND l.r_category < r.hi
INNER JOIN seed_products AS p
    ON r.category_id = p.category_id AND p.idx = floor(l.r_product * r.n)::int
CROSS JOIN LATERAL (  -- noqa: ST05
    SELECT
        d.quantity,
        d.unit_price,
        d.discount_percent,
        round(d.unit_price * d.quantity * d.discount_percent / 100.0, 2) AS discount_amount
    FROM (
        SELECT
            CASE
                WHEN l.r_quantity < 0.60 THEN 1 WHEN l.r_quantity < 0.85 THEN 2 WHEN l.r_quantity < 0.95 THEN 3
                WHEN l.r_quantity < 0.98 THEN 4 ELSE 5
            END AS quantity,
            round(p.base_price * (0.8 + 0.4 * l.r_price)::numeric, 2) AS unit_price,
            CASE WHEN l.r_discount < 0.15 THEN 5 * (1 + floor(l.r_percent * 5))::int ELSE 0 END AS discount_percent
    ) AS d
) AS q;
