-- Stage 3: orders. Per customer {0:20%, 1:40%, 2:20%, 3:10%, 4:7%, 5:3%} orders times the store's multiplier
-- (at least one); years 2020-2026 weighted 1.0 .. 1.531; days uniform within the year (2026 up to end_date);
-- 97% completed, 2% refunded, 1% cancelled.
SELECT setseed({{ random_seed }} / 2);

CREATE TEMPORARY TABLE seed_years ON COMMIT DROP AS
SELECT
    y.year,
    (sum(y.weight) OVER (ORDER BY y.year) - y.weight)::float8 AS lo,
    (sum(y.weight) OVER (ORDER BY y.year))::float8 AS hi,
    (sum(y.weight) OVER ())::float8 AS total,
    make_date(y.year, 1, 1) AS first_day,
    least(make_date(y.year, 12, 31), date '{{ end_date }}') - make_date(y.year, 1, 1) + 1 AS days
FROM (
    VALUES (2020, 1.0), (2021, 1.1), (2022, 1.21), (2023, 1.15), (2024, 1.265), (2025, 1.392), (2026, 1.531)
) AS y (year, weight);

CREATE TEMPORARY TABLE seed_order_draws ON COMMIT DROP AS
SELECT
    c.i,
    k.k,
    c.customer_id,
    c.store_id,
    md5('order:{{ random_seed }}:' || c.i || ':' || k.k)::uuid AS order_id,
    random() AS r_year,
    random() AS r_day,
    random() AS r_items,
    random() AS r_status,
    random() AS r_time
FROM (
    SELECT
        sc.i,
        sc.customer_id,
        sc.store_id,
        greatest(1, round(
            CASE
                WHEN sc.r_orders < 0.20 THEN 0 WHEN sc.r_orders < 0.60 THEN 1 WHEN sc.r_orders < 0.80 THEN 2
                WHEN sc.r_orders < 0.90 THEN 3 WHEN sc.r_orders < 0.97 THEN 4 ELSE 5
            END * st.order_multiplier
        ))::int AS n_orders
    FROM seed_customers AS sc
    INNER JOIN seed_stores AS st ON sc.store_id = st.store_id
) AS c
CROSS JOIN LATERAL generate_series(1, c.n_orders) AS k (k)
ORDER BY c.i, k.k;

CREATE TEMPORARY TABLE seed_orders ON COMMIT DROP AS
SELECT
    d.i,
    d.k,
    d.order_id,
    d.customer_id,
    d.store_id,
    d.r_items,
    d.order_date,
    CASE WHEN d.r_status < 0.97 THEN 'completed' WHEN d.r_status < 0.99 THEN 'refunded' ELSE 'cancelled' END
        AS status,
    -- Opening hours, 08:00 to 20:00, in the stores' own time zone (sql/functions/0140).
    (
        d.order_date + make_interval(secs => 8 * 3600 + floor(d.r_time * 12 * 3600))
    ) AT TIME ZONE retail.business_time_zone() AS created_at
FROM (
    SELECT
        o.i,
        o.k,
        o.order_id,
        o.customer_id,
        o.store_id,
        o.r_items,
        o.r_status,
        o.r_time,
        y.first_day + floor(o.r_day * y.days)::int AS order_date
    FROM seed_order_draws AS o
    LEFT JOIN seed_years AS y ON o.r_year * y.total >= y.lo AND o.r_year * y.total < y.hi
) AS d;
