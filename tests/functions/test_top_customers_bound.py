"""sql/schema/1280, 1310 + sql/functions/0178: get_top_customers' shortcut for one store or for a caller who sees
every store.

The shortcut sums only the customers whose all-time sales (at the store: retail.sales_customer_store_total; at every
store: retail.sales_customer_total; a bound of any period's) reach the n-th best sum found among the highest
bounds. It must give exactly what summing every customer gives: for long and short periods (a short one falls back
to the full sum), for one and for a hundred customers, for other statuses, for head office, a store manager, head
office asking for one store and a regional manager (who has no bound and sums every customer), and for a customer
whose orders changed after the last fold. The bound over every store is only for a caller who sees every store."""

import uuid

import pytest
from identity import HEAD_OFFICE, STORE_MANAGERS, call_tool, call_tool_fails, json_rows, raw_role_session, server_login
from pgtap import throws_ok

SEATTLE = STORE_MANAGERS["Zava Retail Seattle"]
REGIONAL = "5e0c2f1a-7b3d-4c8e-9a10-000000000103"  # Seattle, Everett, Online
NOBODY = "ffffffff-ffff-ffff-ffff-ffffffffffff"

# The top n as the tool ranks them, from the base tables, at the stores given.
WANTED = """
    SELECT row_number() OVER (ORDER BY t.revenue DESC, t.customer_id) AS rank,
           (c.first_name || ' ' || c.last_name) AS customer, t.orders, t.revenue
    FROM (
        SELECT o.customer_id, count(DISTINCT o.order_id) AS orders, sum(oi.total_amount) AS revenue
        FROM retail.orders AS o
        JOIN retail.order_items AS oi ON oi.order_id = o.order_id AND oi.store_id = o.store_id
        WHERE o.order_date BETWEEN %(start)s AND %(end)s AND o.status = ANY(%(statuses)s)
          AND o.store_id IN (SELECT s.store_id FROM retail.stores AS s WHERE s.store_name = ANY(%(stores)s))
        GROUP BY o.customer_id
        ORDER BY revenue DESC, o.customer_id
        LIMIT %(top_n)s
    ) AS t
    JOIN retail.customers AS c ON c.customer_id = t.customer_id
    ORDER BY rank
"""
CASES = [
    # (start, end, top_n, statuses, the shortcut is taken)
    ("2023-01-01", "2025-12-31", 10, ["completed"], True),
    ("2020-01-01", "2026-10-31", 1, ["completed"], True),
    ("2024-01-01", "2025-12-31", 100, ["completed", "refunded"], True),
    ("2025-01-01", "2025-12-31", 10, ["refunded"], False),  # a rare status: its sums are far below the bounds
    ("2025-03-05", "2025-03-20", 5, ["completed"], False),  # two weeks: too many customers reach the fifth best
]


@pytest.fixture
def bound_db(pg_server, seeded_template_db):
    """A clone of the seeded template of its own: these tests write."""
    from conftest import Database

    name = f"zava_bound_{uuid.uuid4().hex[:12]}"
    with pg_server.janitor(name, template_dbname=seeded_template_db.name):
        yield Database(pg_server, name)


ALL_STORES = list(STORE_MANAGERS)
# caller -> (identity, the store asked for, the stores its answer covers, whether it has a bound)
CALLERS = {
    "head office": (HEAD_OFFICE, None, ALL_STORES, True),
    "Seattle's manager": (SEATTLE, None, ["Zava Retail Seattle"], True),
    "head office, for Seattle": (HEAD_OFFICE, "Seattle", ["Zava Retail Seattle"], True),
    "a regional manager": (REGIONAL, None, ["Zava Retail Seattle", "Zava Retail Everett", "Zava Retail Online"], False),
}


def top(login, identity, start, end, top_n, statuses, store=None) -> list[tuple]:
    return call_tool(
        login,
        identity,
        "SELECT rank, customer, orders, revenue FROM api.get_top_customers("
        "($1)[1]::date, ($1)[2]::date, ($1)[3]::integer, ($1)[5], ($1)[4]::api.order_status[])",
        [start, end, str(top_n), "{" + ",".join(statuses) + "}", store],
    )


def candidates(login, identity, start, end, top_n, statuses, store=None):
    [[found]] = call_tool(
        login,
        identity,
        "SELECT cardinality(retail.top_customer_candidates(($1)[1]::date, ($1)[2]::date, ($1)[3]::text[], "
        "($1)[4]::integer, (SELECT s.store_id FROM retail.stores AS s "
        "WHERE s.store_name = 'Zava Retail ' || ($1)[5])))",
        [start, end, "{" + ",".join(statuses) + "}", str(top_n), store],
    )
    return found


def wanted(db, start, end, top_n, statuses, stores=ALL_STORES) -> list[tuple]:
    with db.connect() as admin:
        params = {"start": start, "end": end, "top_n": top_n, "statuses": statuses, "stores": stores}
        return json_rows(admin, WANTED, params)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("start", "end", "top_n", "statuses", "shortcut"), CASES)
def test_the_top_n_are_the_full_sums_top_n(bound_db, caller, start, end, top_n, statuses, shortcut):
    identity, store, stores, has_bound = CALLERS[caller]
    want = wanted(bound_db, start, end, top_n, statuses, stores)
    assert want, "nobody bought: the comparison would prove nothing"
    with server_login(bound_db) as login:
        found = candidates(login, identity, start, end, top_n, statuses, store)
        if not has_bound:
            assert found is None
        elif shortcut:  # taken, and it saves something: far fewer customers summed than there are
            assert found is not None and top_n <= found <= 25 * top_n + 250
        assert top(login, identity, start, end, top_n, statuses, store) == want


def test_a_customer_whose_orders_are_not_folded_yet_is_ranked(bound_db):
    """The bounds are as of the last fold; a customer who became the biggest spender since (one of Seattle's who had
    spent least) is still found, by head office and by Seattle's manager (the log's customers are always summed),
    with what their orders say now."""
    with bound_db.connect() as admin:
        [[last]] = admin.execute(
            "SELECT t.customer_id::text FROM retail.sales_customer_total AS t "
            "JOIN retail.customers AS c ON c.customer_id = t.customer_id "
            "JOIN retail.stores AS s ON s.store_id = c.primary_store_id AND s.store_name = 'Zava Retail Seattle' "
            "ORDER BY t.revenue_cents, t.customer_id LIMIT 1"
        ).fetchall()
        order_id = str(uuid.uuid4())
        admin.execute(
            "INSERT INTO retail.orders (order_id, customer_id, store_id, order_date, status) "
            "SELECT %s, %s, store_id, '2025-06-15', 'completed' FROM retail.stores "
            "WHERE store_name = 'Zava Retail Seattle'",
            (order_id, last),
        )
        admin.execute(
            "INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, total_amount) "
            "SELECT o.order_id, o.store_id, p.product_id, 1, 1000000, 1000000 FROM retail.orders AS o, "
            "retail.products AS p WHERE o.order_id = %s ORDER BY p.sku LIMIT 1",
            (order_id,),
        )
        admin.commit()
        assert admin.execute("SELECT count(*) FROM retail.sales_changes").fetchone()[0] > 0  # not folded
    case = ("2023-01-01", "2025-12-31", 10, ["completed"])
    with server_login(bound_db) as login:
        for identity, stores in ((HEAD_OFFICE, ALL_STORES), (SEATTLE, ["Zava Retail Seattle"])):
            want = wanted(bound_db, *case, stores)
            assert want[0][3] >= 1000000
            assert candidates(login, identity, *case) is not None
            assert top(login, identity, *case) == want


def test_only_a_caller_who_sees_every_store_reads_the_bound(bound_db):
    """Store managers, regional managers and the ad-hoc query role may not read the bound (it sums every store),
    unknown identities see no row of it; head office sees them all, until its scope loses a store."""
    case = ("2023-01-01", "2025-12-31", 10, ["completed"])
    with bound_db.connect() as admin:
        [[customers]] = admin.execute("SELECT count(*) FROM retail.sales_customer_total").fetchall()
        assert customers > 0
    rows = "SELECT count(*) FROM retail.sales_customer_total"
    with server_login(bound_db) as login:
        assert call_tool(login, HEAD_OFFICE, rows) == [(customers,)]
        for identity in (SEATTLE, REGIONAL):
            call_tool_fails(login, identity, rows, "42501")  # not granted: a tenant has no business there
            # Nor the log's customers over every store, nor those of a store they do not run.
            assert call_tool(login, identity, "SELECT cardinality(retail.unfolded_customers(NULL))") == [(0,)]
        assert candidates(login, REGIONAL, *case) is None  # several stores but not all: no bound, the full sum
        tacoma = "(SELECT store_id FROM retail.stores WHERE store_name = 'Zava Retail Tacoma')"
        assert call_tool(login, SEATTLE, f"SELECT cardinality(retail.unfolded_customers({tacoma}))") == [(0,)]
    with bound_db.connect() as admin:
        # Roles switched by hand (the dispatcher maps no role to an unknown identity): RLS alone holds.
        for identity in (NOBODY, None):
            with raw_role_session(admin, identity, "zava_head_office"):
                assert admin.execute(rows).fetchone() == (0,), identity
        # The ad-hoc query role may not read it at all.
        with raw_role_session(admin, HEAD_OFFICE, "zava_sql_reader"):
            throws_ok(admin, rows, "42501")
        admin.execute(
            "DELETE FROM retail.manager_stores WHERE rls_user_id = %s AND store_id = "
            "(SELECT store_id FROM retail.stores WHERE store_name = 'Zava Retail Online')",
            (HEAD_OFFICE,),
        )
        admin.commit()
    with server_login(bound_db) as login:
        assert call_tool(login, HEAD_OFFICE, rows) == [(0,)]
        assert candidates(login, HEAD_OFFICE, *case) is None
