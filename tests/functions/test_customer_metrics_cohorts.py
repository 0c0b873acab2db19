"""sql/schema/1290 + sql/functions/0157, 0250: get_customer_metrics for one order status is answered per store from
the customer cohorts and the buyer bitmaps for the whole months, and from the customers of the days around them one
by one; it says exactly what summing every customer says: for a month, a quarter, a year, three years and all of it,
for partial months at either end or both, within one month, across a month boundary, for each kind of caller, for
each status. Lists of several statuses still sum customer by customer (and are checked the same way)."""

import uuid

import pytest
from identity import HEAD_OFFICE, STORE_MANAGERS, call_tool, json_rows, server_login

REGIONAL = "5e0c2f1a-7b3d-4c8e-9a10-000000000101"  # Bellevue, Redmond, Kirkland
CALLERS = {"head office": HEAD_OFFICE, "regional": REGIONAL, "Seattle": STORE_MANAGERS["Zava Retail Seattle"]}
COLUMNS = (
    "store, active_customers, new_customers, returning_customers, repeat_customers, orders_per_customer, "
    "revenue_per_customer, new_customer_revenue, returning_customer_revenue"
)
# The metrics from the base tables: the first counted order of each customer at each store, the period's orders.
WANTED = """
    WITH lines AS (
        SELECT o.store_id, o.customer_id, o.order_id, o.order_date, oi.total_amount
        FROM retail.order_items AS oi
        JOIN retail.orders AS o ON o.order_id = oi.order_id AND o.store_id = oi.store_id
        WHERE o.store_id = ANY(%(stores)s) AND o.status = ANY(%(statuses)s)
    ),
    first_order AS (SELECT store_id, customer_id, min(order_date) AS first_day FROM lines GROUP BY 1, 2),
    in_period AS (
        SELECT store_id, customer_id, count(DISTINCT order_id) AS orders, sum(total_amount) AS revenue
        FROM lines WHERE order_date BETWEEN %(start)s AND %(end)s GROUP BY 1, 2
    )
    SELECT s.store_name, count(i.customer_id), count(*) FILTER (WHERE f.first_day >= %(start)s),
           count(*) FILTER (WHERE f.first_day < %(start)s), count(*) FILTER (WHERE i.orders >= 2),
           round(sum(i.orders)::numeric / nullif(count(i.customer_id), 0), 2),
           round(sum(i.revenue) / nullif(count(i.customer_id), 0), 2),
           coalesce(sum(i.revenue) FILTER (WHERE f.first_day >= %(start)s), 0),
           coalesce(sum(i.revenue) FILTER (WHERE f.first_day < %(start)s), 0)
    FROM retail.stores AS s
    LEFT JOIN in_period AS i ON i.store_id = s.store_id
    LEFT JOIN first_order AS f ON f.store_id = i.store_id AND f.customer_id = i.customer_id
    WHERE s.store_id = ANY(%(stores)s)
    GROUP BY s.store_name
    ORDER BY 2 DESC, 1
"""
WHOLE_MONTHS = [
    ("2025-06-01", "2025-06-30", "completed"),
    ("2025-04-01", "2025-06-30", "completed"),
    ("2025-01-01", "2025-12-31", "completed"),
    ("2023-01-01", "2025-12-31", "completed"),
    ("2019-01-01", "2026-12-31", "completed"),
    # a rarer status: periods long enough for every store to have some
    ("2023-01-01", "2025-12-31", "refunded"),
    ("2019-01-01", "2026-12-31", "cancelled"),
    # partial months: at both ends, at the start, at the end, within one month, across a boundary without a whole one
    ("2025-03-10", "2025-08-20", "completed"),
    ("2024-02-15", "2025-06-30", "completed"),
    ("2024-01-01", "2025-06-20", "completed"),
    ("2025-05-03", "2025-05-28", "completed"),
    ("2025-05-20", "2025-06-12", "completed"),
    ("2023-03-10", "2025-08-20", "refunded"),
]
OTHER = [  # more than one status: customer by customer
    ("2025-03-10", "2025-08-20", ["completed", "refunded"]),
    ("2025-01-01", "2025-12-31", ["completed", "refunded"]),
]


def stores_of(conn, identity: str) -> list:
    return [
        row[0]
        for row in conn.execute(
            "SELECT store_id FROM retail.manager_stores WHERE rls_user_id = %s", (identity,)
        ).fetchall()
    ]


def metrics(login, identity, start, end, statuses) -> list[tuple]:
    return call_tool(
        login,
        identity,
        f"SELECT {COLUMNS} FROM api.get_customer_metrics(($1)[1]::date, ($1)[2]::date, NULL, "
        "($1)[3]::api.order_status[])",
        [start, end, "{" + ",".join(statuses) + "}"],
    )


def wanted(admin, identity, start, end, statuses) -> list[tuple]:
    params = {"stores": stores_of(admin, identity), "statuses": statuses, "start": start, "end": end}
    return json_rows(admin, WANTED, params)


@pytest.mark.parametrize(("start", "end", "status"), WHOLE_MONTHS)
@pytest.mark.parametrize("caller", CALLERS)
def test_whole_months_of_one_status_equal_the_orders(seeded_db, caller, start, end, status):
    identity = CALLERS[caller]
    with seeded_db.connect() as admin:
        want = wanted(admin, identity, start, end, [status])
    assert any(row[1] for row in want), "no customer in the period: the comparison would prove nothing"
    with server_login(seeded_db) as login:
        assert metrics(login, identity, start, end, [status]) == want


@pytest.mark.parametrize(("start", "end", "statuses"), OTHER)
@pytest.mark.parametrize("caller", CALLERS)
def test_other_periods_and_status_lists_equal_the_orders(seeded_db, caller, start, end, statuses):
    identity = CALLERS[caller]
    with seeded_db.connect() as admin:
        want = wanted(admin, identity, start, end, statuses)
    assert any(row[1] for row in want)
    with server_login(seeded_db) as login:
        assert metrics(login, identity, start, end, statuses) == want


@pytest.fixture
def own_db(pg_server, seeded_template_db):
    from conftest import Database

    name = f"zava_cohorts_{uuid.uuid4().hex[:12]}"
    with pg_server.janitor(name, template_dbname=seeded_template_db.name):
        yield Database(pg_server, name)


def test_one_status_reads_the_cohorts_and_several_do_not(own_db):
    """Which way a call goes, seen from what it reads: with every cohort's customers inflated by hand, the new
    customers of a year and of a period with partial months change (one status), and those of a list of two
    statuses do not."""
    calls = [
        ("2025-01-01", "2025-12-31", ["completed"]),
        ("2025-03-10", "2025-08-20", ["completed"]),
        ("2025-03-10", "2025-08-20", ["completed", "refunded"]),
    ]
    with server_login(own_db) as login:
        before = [metrics(login, HEAD_OFFICE, *call) for call in calls]
    with own_db.connect() as admin:
        admin.execute("UPDATE retail.sales_customer_cohort SET customers = customers + 1000")
        admin.commit()
    with server_login(own_db) as login:
        after = [metrics(login, HEAD_OFFICE, *call) for call in calls]
    new_customers = [[[row[2] for row in rows] for rows in answers] for answers in (before, after)]
    assert new_customers[1][0] != new_customers[0][0] and new_customers[1][1] != new_customers[0][1]
    assert after[2] == before[2]
