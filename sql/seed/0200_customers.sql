-- Stage 2: customers, each with one store drawn by the sample's store weights. Stages 2-4 only draw and shape rows
-- in temporary tables; stage 5 writes them, each table once, so nothing generated is ever updated.
SELECT setseed({{ random_seed }});

CREATE TEMPORARY TABLE seed_stores ON COMMIT DROP AS
SELECT
    s.store_id,
    w.weight,
    w.order_multiplier,
    (sum(w.weight) OVER (ORDER BY w.ord) - w.weight)::float8 AS lo,
    (sum(w.weight) OVER (ORDER BY w.ord))::float8 AS hi,
    (sum(w.weight) OVER ())::float8 AS total
FROM (
    VALUES
    (1, 'Zava Retail Seattle', 30, 3.0),
    (2, 'Zava Retail Bellevue', 25, 2.6),
    (3, 'Zava Retail Tacoma', 20, 2.4),
    (4, 'Zava Retail Spokane', 8, 2.0),
    (5, 'Zava Retail Everett', 7, 1.8),
    (6, 'Zava Retail Redmond', 6, 1.6),
    (7, 'Zava Retail Kirkland', 4, 1.4),
    (8, 'Zava Retail Online', 30, 3.0)
) AS w (ord, store_name, weight, order_multiplier)
INNER JOIN retail.stores AS s ON w.store_name = s.store_name;

-- One row of random draws per customer, materialised so every draw happens once, in order.
CREATE TEMPORARY TABLE seed_customer_draws ON COMMIT DROP AS
SELECT
    g.i,
    md5('customer:{{ random_seed }}:' || g.i)::uuid AS customer_id,
    random() AS r_store,
    random() AS r_first,
    random() AS r_last,
    random() AS r_orders,
    random() AS r_phone
FROM generate_series(1, {{ customers }}) AS g (i);

CREATE TEMPORARY TABLE seed_customers ON COMMIT DROP AS
WITH n AS (
    SELECT
        ARRAY[
            'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
            'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
            'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Steven', 'Emily',
            'Andrew', 'Michelle', 'Joshua', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Stephanie', 'Ji-woo', 'Min-jun',
            'Seo-yeon', 'Noa', 'Yael', 'Avi', 'Priya', 'Arjun', 'Mei', 'Wei', 'Sofia', 'Mateo', 'Aisha', 'Omar'
        ] AS first_names,
        ARRAY[
            'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
            'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
            'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King',
            'Wright', 'Scott', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Kim',
            'Park', 'Choi', 'Cohen', 'Levi', 'Mizrahi', 'Patel', 'Chen', 'Wang', 'Singh', 'Olsen', 'Larsen'
        ] AS last_names
)

SELECT
    c.i,
    c.customer_id,
    c.r_orders,
    s.store_id,
    n.first_names[1 + floor(c.r_first * cardinality(n.first_names))::int] AS first_name,
    n.last_names[1 + floor(c.r_last * cardinality(n.last_names))::int] AS last_name,
    lower(
        n.first_names[1 + floor(c.r_first * cardinality(n.first_names))::int] || '.'
        || n.last_names[1 + floor(c.r_last * cardinality(n.last_names))::int] || '.' || c.i || '@example.com'
    ) AS email,
    '(' || (ARRAY['206', '425', '253', '509', '360'])[1 + floor(c.r_phone * 5)::int] || ') 555-'
    || lpad((floor(c.r_phone * 100000)::int % 10000)::text, 4, '0') AS phone
FROM seed_customer_draws AS c
LEFT JOIN seed_stores AS s ON c.r_store * s.total >= s.lo AND c.r_store * s.total < s.hi
CROSS JOIN n;
