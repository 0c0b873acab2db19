"""sql/functions/02xx: every analytics tool agrees with an independent hand-written query over the same data,
for a store manager, a regional manager and head office; store managers' figures add up to head office's.

Tools are called the way the server calls them (identity.call_tool: one mcp.call_tool statement as zava_mcp), and
answers are compared as the client receives them, rendered to JSON by PostgreSQL."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from identity import HEAD_OFFICE, STORE_MANAGERS, call_tool, json_rows, server_login

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
EASTSIDE = "5e0c2f1a-7b3d-4c8e-9a10-000000000101"
IDENTITIES = {"store manager": SEATTLE, "regional manager": EASTSIDE, "head office": HEAD_OFFICE}

# Independent queries: plain joins over the base tables as the admin (no RLS), filtered to the caller's stores.
LINES = """
    FROM retail.order_items AS oi
    JOIN retail.orders AS o ON o.order_id = oi.order_id AND o.status = 'completed'
    JOIN retail.products AS p ON p.product_id = oi.product_id
    JOIN retail.stores AS s ON s.store_id = o.store_id
    WHERE o.store_id = ANY(%(stores)s)
"""
CASES = {
    "store_performance": (
        "SELECT store, revenue, orders, units, customers, gross_margin, previous_period_revenue "
        "FROM api.get_store_performance('2025-01-01', '2025-12-31')",
        """SELECT s.store_name,
                  coalesce(sum(oi.total_amount) FILTER (WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'), 0),
                  count(DISTINCT o.order_id) FILTER (WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'),
                  coalesce(sum(oi.quantity) FILTER (WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'), 0),
                  count(DISTINCT o.customer_id) FILTER (WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'),
                  round(coalesce(sum(oi.total_amount - p.cost * oi.quantity)
                      FILTER (WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'), 0), 2),
                  coalesce(sum(oi.total_amount) FILTER (WHERE o.order_date BETWEEN '2024-01-01' AND '2024-12-31'), 0)
        """
        + LINES
        + " GROUP BY s.store_name",
    ),
    # Year to date against the same months of last year (compare_with), not against the months just before.
    "store_performance_last_year": (
        "SELECT store, previous_period_revenue, compare_start, compare_end FROM api.get_store_performance("
        "'2025-01-01', '2025-10-31', compare_with => 'same_period_last_year')",
        "SELECT s.store_name, coalesce(sum(oi.total_amount) FILTER (WHERE o.order_date BETWEEN '2024-01-01' AND "
        "'2024-10-31'), 0), '2024-01-01', '2024-10-31'" + LINES + " GROUP BY s.store_name",
    ),
    "sales_by_period": (
        "SELECT period, revenue, orders, units FROM api.get_sales_by_period('month', '2025-01-01', '2025-12-31')",
        "SELECT date_trunc('month', o.order_date)::date, sum(oi.total_amount), count(DISTINCT o.order_id), "
        "sum(oi.quantity)" + LINES + " AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1",
    ),
    # Each bucket's days: cut by the period (a partial first quarter) and by where the caller's data ends.
    "sales_by_period_days": (
        "SELECT period, calendar_days, days_counted "
        "FROM api.get_sales_by_period('quarter', '2025-02-10', '2027-12-31')",
        """WITH data_end AS (SELECT max(order_date) AS day FROM retail.orders WHERE store_id = ANY(%(stores)s)),
           quarters AS (SELECT DISTINCT date_trunc('quarter', o.order_date)::date AS q"""
        + LINES
        + """ AND o.order_date BETWEEN '2025-02-10' AND '2027-12-31')
           SELECT q, (q + interval '3 months')::date - q,
                  (SELECT count(*)::int FROM generate_series(q, (q + interval '3 months')::date - 1, '1 day') AS g (day)
                   WHERE g.day >= '2025-02-10' AND g.day <= (SELECT day FROM data_end))
           FROM quarters""",
    ),
    # Weekdays are compared per day: a period has four or five of each (and none after the caller's data ends).
    "sales_pattern_days": (
        "SELECT slot, days_counted, revenue_per_day "
        "FROM api.get_sales_pattern('day_of_week', '2025-02-05', '2025-03-12')",
        """WITH days AS (SELECT extract(ISODOW FROM d)::int AS slot, count(*)::int AS n
                        FROM generate_series(date '2025-02-05', date '2025-03-12', interval '1 day') AS d
                        WHERE d <= (SELECT max(order_date) FROM retail.orders WHERE store_id = ANY(%(stores)s))
                        GROUP BY 1),
                sold AS (SELECT extract(ISODOW FROM o.order_date)::int AS slot, sum(oi.total_amount) AS revenue"""
        + LINES
        + """ AND o.order_date BETWEEN '2025-02-05' AND '2025-03-12' GROUP BY 1)
           SELECT sold.slot, days.n, round(sold.revenue / days.n, 2) FROM sold JOIN days USING (slot)""",
    ),
    "sales_by_category": (
        "SELECT name, revenue, units FROM api.get_sales_by_dimension('category', '2025-01-01', '2025-12-31')",
        "SELECT c.category_name, sum(oi.total_amount), sum(oi.quantity)"
        + LINES.replace("WHERE", "JOIN retail.categories AS c ON c.category_id = p.category_id WHERE")
        + " AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1",
    ),
    "top_products": (
        "SELECT sku, revenue FROM api.get_top_products('2026-07-01', '2026-09-30', 'revenue', 5)",
        "SELECT p.sku, sum(oi.total_amount)"
        + LINES
        + " AND o.order_date BETWEEN '2026-07-01' AND '2026-09-30' GROUP BY p.sku ORDER BY 2 DESC LIMIT 5",
    ),
    "top_products_by_quantity": (
        "SELECT sku, units FROM api.get_top_products('2025-01-01', '2025-12-31', 'quantity', 3)",
        "SELECT p.sku, sum(oi.quantity)"
        + LINES
        + " AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY p.sku "
        "ORDER BY 2 DESC, sum(oi.total_amount) DESC LIMIT 3",
    ),
    "customer_metrics": (
        "SELECT store, active_customers, new_customers FROM api.get_customer_metrics('2025-01-01', '2025-12-31')",
        """SELECT s.store_name, count(DISTINCT o.customer_id) FILTER (WHERE o.order_date >= '2025-01-01'
                  AND o.order_date <= '2025-12-31'),
                  count(DISTINCT o.customer_id) FILTER (WHERE o.order_date BETWEEN '2025-01-01' AND '2025-12-31'
                      AND NOT EXISTS (SELECT FROM retail.orders AS e WHERE e.customer_id = o.customer_id
                          AND e.store_id = o.store_id AND e.status = 'completed' AND e.order_date < '2025-01-01'))
        """
        + LINES
        + " GROUP BY s.store_name",
    ),
    "top_customers": (
        "SELECT customer, revenue FROM api.get_top_customers('2025-01-01', '2025-12-31', 3)",
        "SELECT (SELECT first_name || ' ' || last_name FROM retail.customers WHERE customer_id = o.customer_id), "
        "sum(oi.total_amount)" + LINES + " AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31' "
        "GROUP BY o.customer_id ORDER BY 2 DESC LIMIT 3",
    ),
    "low_stock": (
        "SELECT store, sku, stock_level FROM api.get_low_stock(3)",
        "SELECT s.store_name, p.sku, i.stock_level FROM retail.inventory AS i JOIN retail.stores AS s USING (store_id) "
        "JOIN retail.products AS p USING (product_id) WHERE i.store_id = ANY(%(stores)s) AND i.stock_level <= 3",
    ),
    "inventory_value": (
        "SELECT store, category, units, value_at_cost FROM api.get_inventory_value()",
        "SELECT s.store_name, c.category_name, sum(i.stock_level), sum(i.stock_level * p.cost) "
        "FROM retail.inventory AS i JOIN retail.stores AS s USING (store_id) JOIN retail.products AS p "
        "USING (product_id) JOIN retail.categories AS c ON c.category_id = p.category_id "
        "WHERE i.store_id = ANY(%(stores)s) GROUP BY 1, 2",
    ),
    "stockout_risk": (
        "SELECT store, sku, stock_level FROM api.get_stockout_risk(90, 30)",
        """WITH as_of AS (SELECT max(order_date) AS d FROM retail.orders WHERE store_id = ANY(%(stores)s)),
           v AS (SELECT o.store_id, oi.product_id, sum(oi.quantity) / 90.0 AS per_day
                 FROM retail.order_items AS oi JOIN retail.orders AS o USING (order_id), as_of
                 WHERE o.status = 'completed' AND o.store_id = ANY(%(stores)s)
                   AND o.order_date > as_of.d - 90 AND o.order_date <= as_of.d GROUP BY 1, 2)
           SELECT s.store_name, p.sku, i.stock_level FROM v JOIN retail.inventory AS i USING (store_id, product_id)
           JOIN retail.stores AS s USING (store_id) JOIN retail.products AS p USING (product_id)
           WHERE i.stock_level < v.per_day * 30""",
    ),
    # Products in stock that sold least in the 90 days up to the caller's last order date, none first.
    "slow_movers": (
        "SELECT store, sku, units_sold, value_at_cost, products_unsold FROM api.get_slow_movers(90, 10)",
        """WITH as_of AS (SELECT max(order_date) AS d FROM retail.orders WHERE store_id = ANY(%(stores)s)),
           sold AS (SELECT o.store_id, oi.product_id, sum(oi.quantity) AS units
                    FROM retail.order_items AS oi JOIN retail.orders AS o USING (order_id), as_of
                    WHERE o.status = 'completed' AND o.store_id = ANY(%(stores)s)
                      AND o.order_date > as_of.d - 90 AND o.order_date <= as_of.d GROUP BY 1, 2),
           on_hand AS (SELECT i.store_id, i.product_id, coalesce(sold.units, 0) AS units,
                              round(i.stock_level * p.cost, 2) AS value
                       FROM retail.inventory AS i JOIN retail.products AS p USING (product_id)
                       LEFT JOIN sold USING (store_id, product_id)
                       WHERE i.stock_level > 0 AND i.store_id = ANY(%(stores)s))
           SELECT s.store_name, p.sku, h.units, h.value, (SELECT count(*) FROM on_hand WHERE units = 0)
           FROM on_hand AS h JOIN retail.stores AS s USING (store_id) JOIN retail.products AS p USING (product_id)
           ORDER BY h.units, h.value DESC, h.store_id, h.product_id LIMIT 10""",
    ),
    # Every status of the orders containing a category: its refund rate.
    "order_status_by_category": (
        "SELECT store, status, orders, revenue FROM api.get_order_status_summary('2025-01-01', '2025-12-31', "
        "category_name => 'Power Tools')",
        """SELECT s.store_name, o.status, count(DISTINCT o.order_id), sum(oi.total_amount)
           FROM retail.order_items AS oi
           JOIN retail.orders AS o ON o.order_id = oi.order_id
           JOIN retail.products AS p ON p.product_id = oi.product_id
           JOIN retail.categories AS c ON c.category_id = p.category_id AND c.category_name = 'Power Tools'
           JOIN retail.stores AS s ON s.store_id = o.store_id
           WHERE o.store_id = ANY(%(stores)s) AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31'
           GROUP BY 1, 2""",
    ),
    "seasonal_trend": (
        "SELECT month, average_monthly_revenue FROM api.get_seasonal_trend('Garden & Outdoor')",
        """SELECT m, round(avg(total), 2) FROM (
               SELECT extract(MONTH FROM o.order_date)::int AS m, date_trunc('month', o.order_date) AS ms,
                      sum(oi.total_amount) AS total
        """
        + LINES.replace("WHERE", "JOIN retail.categories AS c ON c.category_id = p.category_id WHERE")
        # by default, the whole calendar years of the caller's data
        + """ AND c.category_name = 'Garden & Outdoor'
              AND extract(YEAR FROM o.order_date) IN (
                  SELECT y FROM generate_series(2000, 2100) AS y,
                      (SELECT min(order_date) AS first, max(order_date) AS last
                       FROM retail.orders WHERE store_id = ANY(%(stores)s)) AS d
                  WHERE make_date(y, 1, 1) >= d.first AND make_date(y, 12, 31) <= d.last)
              GROUP BY 1, 2) AS x GROUP BY m""",
    ),
    "category_growth": (
        "SELECT category, revenue, compare_revenue FROM api.get_category_growth(2025)",
        "SELECT c.category_name, coalesce(sum(oi.total_amount) FILTER (WHERE extract(YEAR FROM o.order_date) = 2025)"
        ", 0), coalesce(sum(oi.total_amount) FILTER (WHERE extract(YEAR FROM o.order_date) = 2024), 0)"
        + LINES.replace(
            "WHERE",
            "RIGHT JOIN retail.categories AS c ON c.category_id = p.category_id "
            "AND o.store_id = ANY(%(stores)s) WHERE true OR",
        ).replace("JOIN retail.stores AS s ON s.store_id = o.store_id", "LEFT JOIN retail.stores AS s ON false")
        + " GROUP BY 1",
    ),
    "latest_order_date": (
        "SELECT latest_order_date FROM api.get_current_utc_date()",
        "SELECT max(order_date) FROM retail.orders WHERE store_id = ANY(%(stores)s)",
    ),
}


def normalise(rows):
    return sorted(tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in rows)


@pytest.fixture(scope="module")
def stores_of(seeded_db):
    with seeded_db.connect() as conn:
        rows = conn.execute("SELECT rls_user_id::text, array_agg(store_id) FROM retail.manager_stores GROUP BY 1")
        return dict(rows.fetchall())


@pytest.fixture(scope="module")
def login(seeded_db):
    with server_login(seeded_db) as conn:
        yield conn


@pytest.fixture(scope="module")
def admin_conn(seeded_db):
    with seeded_db.connect() as conn:
        yield conn


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("who", IDENTITIES)
def test_tool_matches_an_independent_query(login, admin_conn, stores_of, case, who):
    tool_sql, independent_sql = CASES[case]
    identity = IDENTITIES[who]
    got = normalise(call_tool(login, identity, tool_sql))
    want = normalise(json_rows(admin_conn, independent_sql, {"stores": stores_of[identity]}))
    assert got, f"{case}: no rows for {who}: the check would prove nothing"
    assert got == want


@pytest.mark.parametrize(
    "tool_sql",
    [
        "SELECT sum(revenue), sum(orders), sum(units) FROM api.get_store_performance('2024-01-01', '2026-10-31')",
        "SELECT sum(revenue), sum(units) FROM api.get_sales_by_dimension('product', '2025-01-01', '2025-12-31')",
        "SELECT sum(units), sum(value_at_cost) FROM api.get_inventory_value()",
        "SELECT sum(active_customers) FROM api.get_customer_metrics('2025-01-01', '2025-12-31')",
    ],
)
def test_store_managers_add_up_to_head_office(login, tool_sql):
    total = None
    for identity in STORE_MANAGERS.values():
        [row] = call_tool(login, identity, tool_sql)
        assert None not in row, f"a store manager's sums are empty: {row}"
        total = row if total is None else tuple(a + b for a, b in zip(total, row, strict=True))
    assert total and all(total), f"the stores add up to nothing: {total} would prove nothing"
    assert call_tool(login, HEAD_OFFICE, tool_sql) == [total]


def test_emails_are_masked_outside_the_customers_own_store(login):
    top_customers = "SELECT email FROM api.get_top_customers('2025-01-01', '2025-12-31', 5)"
    own = [r[0] for r in call_tool(login, SEATTLE, top_customers)]
    masked = [r[0] for r in call_tool(login, HEAD_OFFICE, top_customers)]
    # Five each (top_n 5, and each caller has more customers than that), or the checks below prove nothing.
    assert len(own) == 5, f"Seattle's manager should get 5 top customers, got {own}"
    assert len(masked) == 5, f"head office should get 5 top customers, got {masked}"
    assert all(e and "@" in e and "***@" not in e for e in own), own
    assert all(e and e.endswith("***@example.com") for e in masked), masked


@pytest.mark.parametrize(
    ("sql", "message", "column", "hint"),
    [
        (
            "SELECT * FROM api.get_store_performance('2025-12-31', '2025-01-01')",
            "before period_start",
            "period_end",
            "swap them",
        ),
        (
            "SELECT * FROM api.get_top_products('2025-01-01', '2025-12-31', store_name => 'Tacoma')",
            "unknown store",
            "store_name",
            "stores you can see: Zava Retail Seattle",
        ),
        ("SELECT * FROM api.get_seasonal_trend('Toys')", "unknown category", "category_name", "Garden & Outdoor"),
        # These three once answered no rows, or growth 0 everywhere, and no error (an outside analyst's probe).
        ("SELECT * FROM api.get_seasonal_trend(' ')", "category_name is required", "category_name", "Garden & Outdoor"),
        (
            "SELECT * FROM api.get_seasonal_trend('Garden & Outdoor', from_year => 2025, to_year => 2022)",
            "from_year 2025 is after to_year 2022",
            "to_year",
            None,
        ),
        (
            "SELECT * FROM api.get_category_growth(2025, 2025)",
            "compare_year is the year itself (2025)",
            "compare_year",
            "leave it out",
        ),
        (
            "SELECT api.get_multiple_table_schemas(ARRAY['orders', 'salaries'])",
            "unknown table(s): salaries",
            "table_names",
            "orders",
        ),
    ],
)
def test_bad_arguments_are_22023_naming_the_argument_and_how_to_fix_it(login, sql, message, column, hint):
    import psycopg

    with pytest.raises(psycopg.Error) as failure:
        call_tool(login, SEATTLE, sql)
    assert failure.value.sqlstate == "22023" and message in str(failure.value)
    assert failure.value.diag.column_name == column
    if hint:
        assert hint in failure.value.diag.message_hint


# ----- types carry the rules: the ranges of numeric arguments are domains -------------------------------------------

# Every numeric parameter of a tool, with the range its type allows.
RANGES = {
    ("get_top_products", "top_n"): ("api.top_n", 1, 100),
    ("get_top_customers", "top_n"): ("api.top_n", 1, 100),
    ("get_low_stock", "threshold"): ("api.stock_threshold", 0, 100_000),
    ("get_stockout_risk", "lookback_days"): ("api.lookback_days", 7, 730),
    ("get_stockout_risk", "horizon_days"): ("api.horizon_days", 1, 365),
    ("get_slow_movers", "lookback_days"): ("api.lookback_days", 7, 730),
    ("get_slow_movers", "top_n"): ("api.top_n", 1, 100),
    ("get_seasonal_trend", "from_year"): ("api.calendar_year", 2000, 2100),
    ("get_seasonal_trend", "to_year"): ("api.calendar_year", 2000, 2100),
    ("get_category_growth", "year"): ("api.calendar_year", 2000, 2100),
    ("get_category_growth", "compare_year"): ("api.calendar_year", 2000, 2100),
    ("semantic_search_products", "max_rows"): ("api.search_max_rows", 1, 40),
    ("semantic_search_products", "similarity_threshold"): ("api.similarity", 0, 1),
}


def test_every_numeric_parameter_of_a_tool_is_a_range_domain(admin_conn):
    rows = admin_conn.execute("""
        SELECT p.proname, a.name, t.oid::regtype::text, t.typtype
        FROM pg_proc AS p
        CROSS JOIN LATERAL unnest(p.proargnames, p.proargtypes::oid[]) AS a(name, type_oid)
        JOIN pg_type AS t ON t.oid = a.type_oid
        JOIN pg_type AS base ON base.oid = CASE t.typtype WHEN 'd' THEN t.typbasetype ELSE t.oid END
        WHERE p.pronamespace = 'api'::regnamespace AND base.typcategory = 'N'
    """).fetchall()
    assert {(f, n): t for f, n, t, _ in rows} == {k: v[0] for k, v in RANGES.items()}
    assert {kind for *_, kind in rows} == {"d"}


@pytest.mark.parametrize(("domain", "lowest", "highest"), sorted(set(RANGES.values())))
def test_a_range_domain_admits_its_bounds_and_nothing_beyond(admin_conn, domain, lowest, highest):
    import psycopg

    step = 1 if domain != "api.similarity" else 0.001
    assert admin_conn.execute(f"SELECT %s::{domain}, %s::{domain}", (lowest, highest)).fetchone() is not None
    for outside in (lowest - step, highest + step):
        with pytest.raises(psycopg.errors.CheckViolation) as failure, admin_conn.transaction():
            admin_conn.execute(f"SELECT %s::{domain}", (outside,))
        assert failure.value.diag.datatype_name == domain.removeprefix("api.")


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM api.get_top_products('2025-01-01', '2025-12-31', 'revenue', 0)",
        "SELECT * FROM api.get_top_customers('2025-01-01', '2025-12-31', 101)",
        "SELECT * FROM api.get_low_stock(-1)",
        "SELECT * FROM api.get_stockout_risk(1)",
        "SELECT * FROM api.get_stockout_risk(horizon_days => 366)",
        "SELECT * FROM api.get_seasonal_trend('Garden & Outdoor', from_year => 1999)",
        "SELECT * FROM api.get_category_growth(2101)",
    ],
)
def test_a_direct_sql_caller_meets_the_range_too(login, sql):
    import psycopg

    with pytest.raises(psycopg.errors.CheckViolation) as failure:
        call_tool(login, SEATTLE, sql)
    assert failure.value.diag.schema_name == "api" and failure.value.diag.table_name is None


def test_no_tool_checks_a_range_its_type_already_checks(admin_conn):
    """One validated-arguments step: a range is the parameter's domain, never a second check in the body."""
    rows = admin_conn.execute(
        "SELECT proname FROM pg_proc WHERE pronamespace = 'api'::regnamespace AND prosrc LIKE '%check_range%'"
    ).fetchall()
    assert rows == []


# ----- periods: one check, first, the same answer from every tool ---------------------------------------------------


def period_tools(conn) -> dict[str, str]:
    """Every API function taking period_start and period_end, with a call giving it 0001-01-01 .. 9999-12-31 (its
    other required arguments: the first label of their enum)."""
    rows = conn.execute("""
        SELECT p.proname, a.name, a.type_oid::regtype::text, t.typtype
        FROM pg_proc AS p
        CROSS JOIN LATERAL unnest(p.proargnames, p.proargtypes::oid[]) WITH ORDINALITY AS a(name, type_oid, n)
        JOIN pg_type AS t ON t.oid = a.type_oid
        WHERE p.pronamespace = 'api'::regnamespace AND p.proargnames @> ARRAY['period_start', 'period_end']
          AND a.n <= p.pronargs - p.pronargdefaults
        ORDER BY p.proname, a.n
    """).fetchall()
    given: dict[str, list[str]] = {}
    for name, arg, type_name, kind in rows:
        if arg in ("period_start", "period_end"):
            value = "'0001-01-01'" if arg == "period_start" else "'9999-12-31'"
        else:
            assert kind == "e", (name, arg, type_name)
            value = f"enum_first(NULL::{type_name})"
        given.setdefault(name, []).append(f"{arg} => {value}")
    return {name: f"SELECT * FROM api.{name}({', '.join(args)})" for name, args in given.items()}


def test_every_period_tool_refuses_a_period_over_ten_years_the_same_way(login, admin_conn):
    import psycopg

    calls = period_tools(admin_conn)
    assert set(calls) >= {"get_store_performance", "get_sales_by_period", "get_top_products", "get_top_customers"}
    answers = {}
    for name, sql in calls.items():
        with pytest.raises(psycopg.Error) as failure:
            call_tool(login, HEAD_OFFICE, sql)
        error = failure.value
        answers[name] = (error.sqlstate, error.diag.message_primary, error.diag.column_name)
    assert set(answers.values()) == {("22023", "the period is longer than ten years", "period_end")}, answers


def test_each_tool_checks_its_arguments_once(seeded_db):
    """The period, the store and the category are each checked by one call of their helper per tool call."""
    calls = {
        "get_store_performance": "'2025-01-01', '2025-03-31', 'Seattle'",
        "get_sales_by_period": "'month', '2025-01-01', '2025-03-31', 'Seattle', 'Hand Tools'",
        "get_sales_by_dimension": "'category', '2025-01-01', '2025-03-31', 'Seattle', 'Hand Tools'",
        "get_top_products": "'2025-01-01', '2025-03-31', 'revenue', 5, 'Seattle', 'Hand Tools'",
        "get_customer_metrics": "'2025-01-01', '2025-03-31', 'Seattle'",
        "get_top_customers": "'2025-01-01', '2025-03-31', 5, 'Seattle'",
        "get_low_stock": "5, 'Seattle', 'Hand Tools'",
        "get_inventory_value": "'Seattle'",
        "get_stockout_risk": "90, 30, 'Seattle'",
        "get_seasonal_trend": "'Hand Tools', 'Seattle'",
        "get_category_growth": "2025, 2024, 'Seattle'",
        "get_sales_pattern": "'day_of_week', '2025-01-01', '2025-03-31', 'Seattle', 'Hand Tools'",
        "get_order_status_summary": "'2025-01-01', '2025-03-31', 'Seattle', 'Hand Tools'",
    }
    counts = (
        "SELECT funcname, calls FROM pg_stat_xact_user_functions WHERE schemaname = 'retail' "
        "AND funcname IN ('check_period', 'store_filter', 'category_filter')"
    )
    with seeded_db.connect() as conn:  # a superuser: it may count function calls and read the counts as itself
        conn.execute("SET track_functions = 'pl'")
        for name, args in calls.items():
            with conn.transaction(force_rollback=True):
                # Counts not yet flushed to the cumulative statistics stay in this view: the call's are the change.
                before = dict(conn.execute(counts).fetchall())
                # The role is switched by hand, not through mcp.call_tool: the counts are read in the call's own
                # transaction, by the superuser that may turn track_functions on. What the caller sees is tested
                # through the dispatcher above; this counts helper calls only.
                conn.execute("SELECT set_config('mcp.identity', %s, true)", (SEATTLE,))
                conn.execute("SELECT set_config('role', auth.request_role(%s), true)", (SEATTLE,))
                conn.execute(f"SELECT * FROM api.{name}({args})").fetchall()
                conn.execute("RESET ROLE")
                after = dict(conn.execute(counts).fetchall())
            counted = {f: n - before.get(f, 0) for f, n in after.items() if n != before.get(f, 0)}
            wanted = {"store_filter": 1}
            if "'2025-01-01'" in args:
                wanted["check_period"] = 1
            if "'Hand Tools'" in args:
                wanted["category_filter"] = 1
            assert counted == wanted, name


def test_short_store_names_work(login):
    rows = call_tool(
        login, EASTSIDE, "SELECT store FROM api.get_store_performance('2025-01-01', '2025-03-31', 'redmond')"
    )
    assert rows == [("Zava Retail Redmond",)]


def test_a_store_is_named_in_full_or_by_its_city_whatever_the_brand(db):
    """retail.store_filter knows no brand: the short name is the city of the store's location."""
    import psycopg

    with db.connect() as conn:
        stores = conn.execute("SELECT store_id, store_name, split_part(location, ',', 1) FROM retail.stores").fetchall()
        seattle = next(store_id for store_id, name, _ in stores if name == "Zava Retail Seattle")
        added = conn.execute(
            "INSERT INTO retail.stores (store_name, location, rls_user_id) VALUES "
            "('Acme Outlet Olympia', 'Olympia, WA', gen_random_uuid()), "
            "('Acme Pike Place', 'Seattle, WA', gen_random_uuid()) RETURNING store_name, store_id"
        )
        olympia = dict(added.fetchall())["Acme Outlet Olympia"]
    assert len(stores) == 8, f"the sample's eight stores, not {stores}"
    resolve = "SELECT retail.store_filter(($1)[1])::text"
    with server_login(db) as conn:

        def resolved(identity, name):
            [(store_id,)] = call_tool(conn, identity, resolve, [name])
            return store_id

        for store_id, name, city in stores:
            assert resolved(HEAD_OFFICE, name.upper()) == str(store_id)
            if city != "Seattle":
                assert resolved(HEAD_OFFICE, f"  {city.lower()} ") == str(store_id)
        assert resolved(HEAD_OFFICE, "olympia") == str(olympia)
        # Two stores in Seattle: the city names neither, the full names still do.
        assert resolved(HEAD_OFFICE, "Zava Retail Seattle") == str(seattle)
        with pytest.raises(psycopg.Error) as failure:
            resolved(HEAD_OFFICE, "Seattle")
        assert failure.value.sqlstate == "22023" and "unknown store: Seattle" in str(failure.value)
        # A store manager sees one store in Seattle: the city names it again.
        assert resolved(STORE_MANAGERS["Zava Retail Seattle"], "seattle") == str(seattle)


def test_no_function_body_names_a_brand_or_a_store(admin_conn):
    """Store names are data (sql/schema/0900): no function of the package spells one, nor the brand."""
    names = [r[0] for r in admin_conn.execute("SELECT store_name FROM retail.stores").fetchall()]
    rows = admin_conn.execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace "
        "WHERE n.nspname IN ('retail', 'api', 'auth', 'prompts') "
        "AND (p.prosrc ILIKE '%%zava retail%%' OR p.prosrc ILIKE ANY(%s))",
        ([f"%{name}%" for name in names],),
    ).fetchall()
    assert rows == []


def test_schema_tool_values_follow_the_caller(login):
    def stores(identity):
        [(doc,)] = call_tool(login, identity, "SELECT api.get_multiple_table_schemas(ARRAY['stores', 'orders'])")
        assert [t["table"] for t in doc] == ["retail.stores", "retail.orders"]
        assert {c["name"] for c in doc[1]["columns"]} >= {"order_id", "store_id", "order_date", "status"}
        assert {r["references"] for r in doc[1]["relationships"]} == {"retail.customers", "retail.stores"}
        assert doc[1]["valid_values"]["order_year"] == [2020, 2021, 2022, 2023, 2024, 2025, 2026]
        return doc[0]["valid_values"]["store_name"]

    assert stores(SEATTLE) == ["Zava Retail Seattle"]
    assert stores(EASTSIDE) == ["Zava Retail Bellevue", "Zava Retail Kirkland", "Zava Retail Redmond"]
    assert len(stores(HEAD_OFFICE)) == 8


def test_a_customer_of_another_store_is_ranked_by_orders_at_yours_without_their_details(tenant_db):
    """Seattle's customer buys at Bellevue: Bellevue's manager sees the order (it is Bellevue's), not the customer's
    record (Seattle's). The rank stays, the details are null; head office sees them; no rank is skipped."""
    with tenant_db.connect() as admin:
        admin.execute(
            "INSERT INTO retail.orders (order_id, customer_id, store_id, order_date, total_amount) "
            "SELECT md5('cross-store')::uuid, md5('Zava Retail Seattle1')::uuid, store_id, date '2025-01-02', 0 "
            "FROM retail.stores WHERE store_name = 'Zava Retail Bellevue'"
        )
        admin.execute(
            "INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, total_amount) "
            "SELECT o.order_id, o.store_id, p.product_id, 10, 100, 1000 FROM retail.orders AS o, retail.products AS p "
            "WHERE o.order_id = md5('cross-store')::uuid AND p.sku = 'HT-HAM-0001'"
        )
        admin.execute("SELECT jobs.fold_sales_changes()")
        admin.commit()
    top = (
        "SELECT rank, customer, primary_store, email, orders, revenue, customer_since "
        "FROM api.get_top_customers('2025-01-01', '2025-01-31', 3, 'Bellevue')"
    )
    with server_login(tenant_db) as login:
        bellevue = call_tool(login, STORE_MANAGERS["Zava Retail Bellevue"], top)
        head_office = call_tool(login, HEAD_OFFICE, top)
    assert bellevue[0] == (1, None, None, None, 1, Decimal("1000.00"), None), bellevue
    assert [r[0] for r in bellevue] == [1, 2, 3] and all(r[1] for r in bellevue[1:]), bellevue
    assert head_office[0][:3] == (1, "Customer1 Zava Retail Seattle", "Zava Retail Seattle"), head_office
    assert head_office[0][3].endswith("***@example.com")


@pytest.mark.parametrize("who", IDENTITIES)
def test_a_period_past_the_data_says_how_many_of_its_days_are_counted(login, admin_conn, stores_of, who):
    """A period running past the caller's last order date is compared with a whole one: the result says so in its
    days (store performance per period, category growth per year), so that a -70% is not read as a collapse."""
    identity = IDENTITIES[who]
    [[data_end]] = json_rows(
        admin_conn,
        "SELECT max(order_date) FROM retail.orders WHERE store_id = ANY(%(stores)s)",
        {"stores": stores_of[identity]},
    )
    data_end = date.fromisoformat(data_end)
    start, end = data_end - timedelta(days=9), data_end + timedelta(days=20)
    rows = call_tool(
        login,
        identity,
        "SELECT DISTINCT calendar_days, days_counted FROM api.get_store_performance($1[1]::date, $1[2]::date)",
        [start.isoformat(), end.isoformat()],
    )
    assert rows == [(30, 10)]
    whole = call_tool(
        login,
        identity,
        "SELECT DISTINCT calendar_days, days_counted FROM api.get_store_performance($1[1]::date, $1[2]::date)",
        [(start - timedelta(days=40)).isoformat(), (start - timedelta(days=1)).isoformat()],
    )
    assert whole == [(40, 40)]
    year = data_end.year
    partial = (data_end - date(year, 1, 1)).days + 1
    full = (date(year, 1, 1) - date(year - 1, 1, 1)).days
    growth = call_tool(
        login,
        identity,
        "SELECT DISTINCT days_counted, compare_days_counted FROM api.get_category_growth($1[1]::int)",
        [str(year)],
    )
    assert growth == [(partial, full)]


@pytest.mark.parametrize(
    ("period", "compare"),
    [
        (("2025-03-01", "2026-02-28"), ("2024-03-01", "2025-02-28")),
        (("2024-03-01", "2025-02-28"), ("2023-03-01", "2024-02-29")),  # a month's last day: February's, leap or not
        (("2024-02-01", "2024-02-29"), ("2023-02-01", "2023-02-28")),
        (("2025-01-05", "2025-03-14"), ("2024-01-05", "2024-03-14")),
    ],
)
def test_the_same_period_last_year_keeps_month_ends(login, period, compare):
    rows = call_tool(
        login,
        HEAD_OFFICE,
        "SELECT DISTINCT compare_start, compare_end FROM api.get_store_performance($1[1]::date, $1[2]::date, "
        "compare_with => 'same_period_last_year')",
        list(period),
    )
    assert rows == [compare]


def test_hours_of_the_day_are_the_stores_local_hours(login, admin_conn):
    """The seed opens the stores 08:00 to 20:00 in their own time zone, and the hour pattern reports local hours (it
    read UTC, and the seed wrote the opening hours as UTC: midnight to 1 pm in Washington)."""
    [(first, last)] = admin_conn.execute(
        "SELECT min(extract(HOUR FROM created_at AT TIME ZONE 'America/Los_Angeles')), "
        "max(extract(HOUR FROM created_at AT TIME ZONE 'America/Los_Angeles')) FROM retail.orders"
    ).fetchall()
    assert (first, last) == (8, 19)
    slots = [row[0] for row in call_tool(login, HEAD_OFFICE, PATTERN_BY_HOUR)]
    assert slots == list(range(8, 20))
    # An order's local date is its order date, in summer (UTC-7) and in winter (UTC-8) alike.
    [[mismatched]] = admin_conn.execute(
        "SELECT count(*) FROM retail.orders WHERE (created_at AT TIME ZONE 'America/Los_Angeles')::date <> order_date"
    ).fetchall()
    assert mismatched == 0


PATTERN_BY_HOUR = "SELECT slot FROM api.get_sales_pattern('hour_of_day', '2025-01-01', '2025-12-31')"
