{#- The sales rollups (sql/schema/1030, 1040, 1200, 1210, 1270, 1280, 1310), each named once with its cell's
    columns: the fold, the rebuild and the truncations of sql/functions/0160 and 0165 are written from this list, so
    a new grain is one line here (and its table). Every rollup keeps the same additive measures: orders, lines,
    units, and revenue, cost and discount in cents. -#}
{% set rollups = {
    "sales_store_day": ["order_date", "store_id", "status"],
    "sales_category_day": ["order_date", "store_id", "status", "category_id"],
    "sales_type_month": ["month", "store_id", "status", "type_id"],
    "sales_product_month": ["month", "store_id", "status", "product_id"],
    "sales_hour_month": ["month", "store_id", "status", "hour"],
    "sales_customer_month": ["month", "store_id", "status", "customer_id"],
    "sales_product_week": ["week", "store_id", "status", "product_id"],
    "sales_product_quarter": ["quarter", "store_id", "status", "product_id"],
    "sales_product_year": ["year", "store_id", "status", "product_id"],
    "sales_customer_store_total": ["store_id", "customer_id"],
    "sales_customer_total": ["customer_id"],
} %}

{#- A cell column from retail.sales_facts (f), for the rebuild. -#}
{% set from_facts = {
    "month": "date_trunc('month', f.order_date)::date",
    "week": "date_trunc('week', f.order_date)::date",
    "quarter": "date_trunc('quarter', f.order_date)::date",
    "year": "date_trunc('year', f.order_date)::date",
    "hour": "extract(HOUR FROM f.created_at AT TIME ZONE retail.business_time_zone())",
} %}

{#- The rollups a rebuild sums from a finer rollup built before them instead of from the lines (the lines join
    orders and products: ~4.4M of them at SCALE=large, read once per rollup), with the cell columns that differ
    from the finer rollup's. Exact: every measure adds up over the cells (an order has one month and one store). -#}
{% set from_rollup = {
    "sales_product_quarter": ("sales_product_month", {"quarter": "date_trunc('quarter', r.month)::date"}),
    "sales_product_year": ("sales_product_month", {"year": "date_trunc('year', r.month)::date"}),
    "sales_customer_store_total": ("sales_customer_month", {}),
    "sales_customer_total": ("sales_customer_store_total", {}),
} %}

{#- Every rollup, comma-separated (TRUNCATE, ANALYZE), with the buyer bitmaps and numbers (sql/schema/1260) and the
    customer cohorts and repeat buyers (sql/schema/1290), which the customer rollup's triggers keep rather than the
    fold. -#}
{% macro rollup_tables() -%}
{% for table in rollups %}retail.{{ table }}, {% endfor %}retail.sales_buyers_month, retail.sales_buyer_numbers,
    retail.sales_customer_first, retail.sales_customer_cohort, retail.sales_repeat_buyers_month
{%- endmacro %}

{#- Columns with a table alias, comma-separated. -#}
{% macro qualified(columns, alias) -%}
{% for c in columns %}{{ alias }}.{{ c }}{{ ", " if not loop.last }}{% endfor %}
{%- endmacro %}

{#- One rollup's part of the fold's statement: the signed facts summed per order (its order_id and store) and cell
    first (an order counts once in a cell, however many of its lines fall in it; two stores' orders sharing an id
    stay two orders in a cell without the store), then per cell, then added to the cells (upsert). A cell the change
    empties (every order moved out of it) is deleted instead, so a cell exists only while an order has a line in it,
    as after a rebuild: the tools that count distinct cells (customers of a store, products sold) need no zero test.
    The two parts touch disjoint cells (one row is never changed twice in one statement). -#}
{% macro fold_into(table) -%}
{%- set columns = rollups[table] -%}
{%- set n = columns | length -%}
{{ table }}_delta AS (
        SELECT {{ columns | join(", ") }}, sum(sign) AS orders, sum(sign * lines) AS lines,
               sum(sign * units) AS units, sum(sign * revenue) AS revenue, sum(sign * cost) AS cost,
               sum(sign * discount) AS discount
        FROM (SELECT {% for c in columns %}f.{{ c }}, {% endfor %}f.order_id, f.store_id AS order_store, f.sign,
                     count(*) AS lines, sum(f.quantity) AS units, sum(f.revenue) AS revenue, sum(f.cost) AS cost,
                     sum(f.discount) AS discount
              FROM facts AS f GROUP BY {{ range(1, n + 4) | join(", ") }}) AS per_order
        GROUP BY {{ range(1, n + 1) | join(", ") }}
    ),
    {{ table }}_emptied AS (
        DELETE FROM retail.{{ table }} AS t
        USING {{ table }}_delta AS d
        WHERE ({{ qualified(columns, "t") }}) = ({{ qualified(columns, "d") }})
          AND (t.orders + d.orders, t.lines + d.lines, t.units + d.units, t.revenue_cents + d.revenue,
               t.cost_cents + d.cost, t.discount_cents + d.discount) = (0, 0, 0, 0, 0, 0)
        RETURNING {{ qualified(columns, "t") }}
    ),
    {{ table }}_folded AS (
        INSERT INTO retail.{{ table }} AS t
        SELECT * FROM {{ table }}_delta AS d
        WHERE (d.orders, d.lines, d.units, d.revenue, d.cost, d.discount) <> (0, 0, 0, 0, 0, 0)
          AND NOT EXISTS (
              SELECT FROM {{ table }}_emptied AS e
              WHERE ({{ qualified(columns, "e") }}) = ({{ qualified(columns, "d") }})
          )
        ON CONFLICT ({{ columns | join(", ") }}) DO UPDATE SET
            orders = t.orders + excluded.orders, lines = t.lines + excluded.lines, units = t.units + excluded.units,
            revenue_cents = t.revenue_cents + excluded.revenue_cents, cost_cents = t.cost_cents + excluded.cost_cents,
            discount_cents = t.discount_cents + excluded.discount_cents
    )
{%- endmacro %}

{#- One rollup rebuilt from the lines (retail.sales_facts), or from a finer rollup (from_rollup). -#}
{% macro rebuild(table) -%}
{%- set columns = rollups[table] -%}
{%- if table in from_rollup -%}
{%- set source, cells = from_rollup[table] -%}
INSERT INTO retail.{{ table }}
    SELECT {% for c in columns %}{{ cells.get(c, "r." ~ c) }}, {% endfor %}sum(r.orders), sum(r.lines), sum(r.units),
           sum(r.revenue_cents), sum(r.cost_cents), sum(r.discount_cents)
    FROM retail.{{ source }} AS r GROUP BY {{ range(1, (columns | length) + 1) | join(", ") }};
{%- else -%}
INSERT INTO retail.{{ table }}
    SELECT {% for c in columns %}{{ from_facts.get(c, "f." ~ c) }}, {% endfor %}count(DISTINCT f.order_id), count(*),
           sum(f.quantity), (sum(f.revenue) * 100)::bigint, (sum(f.cost_amount) * 100)::bigint,
           (sum(f.discount_amount) * 100)::bigint
    FROM retail.sales_facts AS f GROUP BY {{ range(1, (columns | length) + 1) | join(", ") }};
{%- endif %}
{%- endmacro %}

{#- The buyers of customer rollup cells (a table of them: a trigger's transition table, or the rollup itself)
    numbered at their store if new there, after the store's last number (one writer of the rollup at a time; the
    unique key refuses a number given twice), then their bits set in the buyer bitmaps (sql/schema/1260). -#}
{% macro add_buyers(cells) -%}
DECLARE
        buyer_store uuid;
        last_number integer;
    BEGIN
        -- Store by store, the store's last number looked up before its new buyers are added: looked up per new
        -- buyer while they are added, it walked back over every number added so far (in the index, not in the
        -- statement's snapshot), which made a rebuild at SCALE=large quadratic.
        FOR buyer_store IN SELECT DISTINCT a.store_id FROM {{ cells }} AS a LOOP
            SELECT max(n.buyer_number) INTO last_number
            FROM retail.sales_buyer_numbers AS n WHERE n.store_id = buyer_store;
            INSERT INTO retail.sales_buyer_numbers (store_id, customer_id, buyer_number)
            SELECT buyer_store, f.customer_id, coalesce(last_number, -1) + row_number() OVER (ORDER BY f.customer_id)
            FROM (
                SELECT DISTINCT a.customer_id
                FROM {{ cells }} AS a
                WHERE a.store_id = buyer_store
                  AND NOT EXISTS (
                      SELECT FROM retail.sales_buyer_numbers AS n
                      WHERE n.store_id = buyer_store AND n.customer_id = a.customer_id
                  )
            ) AS f;
        END LOOP;

        INSERT INTO retail.sales_buyers_month AS b (month, store_id, status, chunk, buyers)
        SELECT a.month, a.store_id, a.status, retail.buyer_chunk(n.buyer_number),
               bit_or(retail.buyer_mask(n.buyer_number))
        FROM {{ cells }} AS a
        INNER JOIN retail.sales_buyer_numbers AS n ON a.store_id = n.store_id AND a.customer_id = n.customer_id
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (month, store_id, status, chunk) DO UPDATE SET buyers = b.buyers | excluded.buyers;
    END;
{%- endmacro %}
