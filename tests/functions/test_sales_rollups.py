"""sql/schema/1030, 1180 + sql/functions/0160, 0165: once the logged changes are folded in, the sales rollups equal
the order lines they sum, after every kind of write (new orders, refunds, cancellations, backdating, changed and
deleted lines, deleted orders, concurrent writers of one order, writes still open during a fold, a reseed), and
nobody but their maintainer can write them."""

import asyncio
import threading
import uuid

import pytest
from identity import HEAD_OFFICE, call_tool, call_tool_fails, json_rows, server_login
from mcp_clients import stdio_session

import seed

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
SEATTLE_STORE = "SELECT store_id FROM retail.stores WHERE store_name = 'Zava Retail Seattle'"

# Each rollup as its grain computes it from the lines (an independent GROUP BY over the base tables).
GRAINS = {
    "sales_store_day": ("o.order_date, o.store_id, o.status", "order_date, store_id, status"),
    "sales_category_day": (
        "o.order_date, o.store_id, o.status, p.category_id",
        "order_date, store_id, status, category_id",
    ),
    "sales_type_month": (
        "date_trunc('month', o.order_date)::date, o.store_id, o.status, p.type_id",
        "month, store_id, status, type_id",
    ),
    "sales_product_month": (
        "date_trunc('month', o.order_date)::date, o.store_id, o.status, oi.product_id",
        "month, store_id, status, product_id",
    ),
    "sales_hour_month": (
        "date_trunc('month', o.order_date)::date, o.store_id, o.status, "
        "extract(HOUR FROM o.created_at AT TIME ZONE 'America/Los_Angeles')::smallint",
        "month, store_id, status, hour",
    ),
    "sales_customer_month": (
        "date_trunc('month', o.order_date)::date, o.store_id, o.status, o.customer_id",
        "month, store_id, status, customer_id",
    ),
    "sales_product_week": (
        "date_trunc('week', o.order_date)::date, o.store_id, o.status, oi.product_id",
        "week, store_id, status, product_id",
    ),
    "sales_product_quarter": (
        "date_trunc('quarter', o.order_date)::date, o.store_id, o.status, oi.product_id",
        "quarter, store_id, status, product_id",
    ),
    "sales_product_year": (
        "date_trunc('year', o.order_date)::date, o.store_id, o.status, oi.product_id",
        "year, store_id, status, product_id",
    ),
    # Over every store, status and day (sql/schema/1280): get_top_customers' bound.
    "sales_customer_total": ("o.customer_id", "customer_id"),
    # Per store and customer over every status and day (sql/schema/1310): its bound for one store.
    "sales_customer_store_total": ("o.store_id, o.customer_id", "store_id, customer_id"),
}
MEASURES = (
    "count(DISTINCT (o.order_id, o.store_id)), count(*), sum(oi.quantity), sum(oi.total_amount), "
    "sum(p.cost * oi.quantity), "
    "sum(oi.discount_amount)"
)


def rollup_differences(conn) -> dict[str, int]:
    """Cells where a rollup and the lines disagree, per rollup. A cell the lines do not have is a difference even at
    zero: the fold deletes the cells a change empties (distinct cells are counted, e.g. a store's customers)."""
    out = {}
    for table, (keys, columns) in GRAINS.items():
        want = (
            f"SELECT {keys}, {MEASURES} FROM retail.order_items AS oi "
            "JOIN retail.orders AS o ON o.order_id = oi.order_id AND o.store_id = oi.store_id "
            f"JOIN retail.products AS p ON p.product_id = oi.product_id GROUP BY {keys}"
        )
        have = (
            f"SELECT {columns}, orders, lines, units, revenue_cents / 100.0, cost_cents / 100.0, "
            f"discount_cents / 100.0 FROM retail.{table}"
        )
        out[table] = conn.execute(
            f"SELECT count(*) FROM (({want} EXCEPT {have}) UNION ALL ({have} EXCEPT {want})) AS d"
        ).fetchone()[0]
    out["sales_buyers_month"] = buyer_differences(conn)
    out["sales_customer_cohort"] = conn.execute(COHORTS_DIFFER).fetchone()[0]
    out["sales_repeat_buyers_month"] = conn.execute(REPEAT_BUYERS_DIFFER).fetchone()[0]
    return out


# The customer cohorts (sql/schema/1290) from the lines: each customer's first month with a line at a store in a
# status, and per (month, store, status, first month) its customers, orders and revenue.
CUSTOMER_CELLS = """
    SELECT date_trunc('month', o.order_date)::date AS month, o.store_id, o.status::text AS status, o.customer_id,
           count(*) AS orders, sum(l.revenue) AS revenue
    FROM retail.orders AS o
    CROSS JOIN LATERAL (
        SELECT sum(oi.total_amount) AS revenue FROM retail.order_items AS oi
        WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id HAVING count(*) > 0
    ) AS l
    GROUP BY 1, 2, 3, 4
"""
COHORTS_DIFFER = f"""
    WITH cells AS ({CUSTOMER_CELLS}),
    firsts AS (SELECT store_id, status, customer_id, min(month) AS first_month FROM cells GROUP BY 1, 2, 3),
    wanted AS (
        SELECT c.month, c.store_id, c.status, f.first_month, count(*) AS customers, sum(c.orders) AS orders,
               sum(c.revenue) AS revenue
        FROM cells AS c JOIN firsts AS f USING (store_id, status, customer_id) GROUP BY 1, 2, 3, 4
    ),
    held AS (
        SELECT month, store_id, status, cohort, customers::bigint, orders::numeric, revenue_cents / 100.0
        FROM retail.sales_customer_cohort
    ),
    first_held AS (SELECT store_id, status, customer_id, first_month FROM retail.sales_customer_first)
    SELECT (SELECT count(*) FROM ((TABLE wanted EXCEPT TABLE held) UNION ALL (TABLE held EXCEPT TABLE wanted)) AS d)
         + (SELECT count(*) FROM ((TABLE firsts EXCEPT TABLE first_held) UNION ALL
                                  (TABLE first_held EXCEPT TABLE firsts)) AS d)
"""
# The repeat buyers: per (month, store, status), the customers with two orders or more there, each bit set and no
# other (the bits set are as many as those customers).
REPEAT_BUYERS_DIFFER = f"""
    WITH repeaters AS (
        SELECT c.month, c.store_id, c.status, n.buyer_number
        FROM ({CUSTOMER_CELLS}) AS c JOIN retail.sales_buyer_numbers AS n USING (store_id, customer_id)
        WHERE c.orders >= 2
    ),
    wanted AS (
        SELECT month, store_id, status, buyer_number / 8192 AS chunk, count(*) AS buyers FROM repeaters
        GROUP BY 1, 2, 3, 4
    ),
    held AS (
        SELECT month, store_id, status, chunk, bit_count(buyers) AS buyers FROM retail.sales_repeat_buyers_month
    )
    SELECT (SELECT count(*) FROM repeaters AS c JOIN retail.sales_repeat_buyers_month AS b
            ON (b.month, b.store_id, b.status, b.chunk) = (c.month, c.store_id, c.status, c.buyer_number / 8192)
            WHERE get_bit(b.buyers, c.buyer_number % 8192) = 0)
         + (SELECT count(*) FROM ((TABLE wanted EXCEPT TABLE held) UNION ALL (TABLE held EXCEPT TABLE wanted)) AS d)
"""


# The buyer bitmaps (sql/schema/1260): bit i of chunk n of (month, store, status) is set for the customer numbered
# 8192n + i at the store if they have an order with a line there in that month and status. Counted: customers with
# a line but no number, numbered customers whose bit is not set, and bitmaps whose bits set are not as many as the
# customers they should hold (so no bit too many either).
BUYERS_WANTED = """
    WITH cells AS (
        SELECT DISTINCT date_trunc('month', o.order_date)::date AS month, o.store_id, o.status::text AS status,
               o.customer_id
        FROM retail.orders AS o
        WHERE EXISTS (SELECT FROM retail.order_items AS oi WHERE oi.order_id = o.order_id AND oi.store_id = o.store_id)
    ),
    numbered AS (
        SELECT c.*, n.buyer_number
        FROM cells AS c LEFT JOIN retail.sales_buyer_numbers AS n USING (store_id, customer_id)
    ),
    wanted AS (
        SELECT month, store_id, status, buyer_number / 8192 AS chunk, count(*) AS buyers
        FROM numbered GROUP BY 1, 2, 3, 4
    ),
    held AS (SELECT month, store_id, status, chunk, bit_count(buyers) AS buyers FROM retail.sales_buyers_month)
    SELECT (SELECT count(*) FROM numbered WHERE buyer_number IS NULL)
         + (SELECT count(*) FROM numbered AS c JOIN retail.sales_buyers_month AS b
            ON (b.month, b.store_id, b.status, b.chunk) = (c.month, c.store_id, c.status, c.buyer_number / 8192)
            WHERE get_bit(b.buyers, c.buyer_number % 8192) = 0)
         + (SELECT count(*) FROM ((TABLE wanted EXCEPT TABLE held) UNION ALL (TABLE held EXCEPT TABLE wanted)) AS d)
"""


def buyer_differences(conn) -> int:
    return conn.execute(BUYERS_WANTED).fetchone()[0]


@pytest.fixture
def sales_db(pg_server, seeded_template_db):
    """A clone of the seeded template of its own: these tests write."""
    from conftest import Database

    name = f"zava_rollup_{uuid.uuid4().hex[:12]}"
    with pg_server.janitor(name, template_dbname=seeded_template_db.name):
        yield Database(pg_server, name)


def fold(conn) -> int:
    """What the server's job does every second (jobs.fold_sales_changes); the log is empty afterwards."""
    folded = conn.execute("SELECT jobs.fold_sales_changes()").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM retail.sales_changes").fetchone()[0] == 0
    conn.commit()
    return folded


def assert_exact(db):
    with db.connect() as conn:
        fold(conn)
        differences = rollup_differences(conn)
        cells = conn.execute("SELECT count(*) FROM retail.sales_product_month WHERE orders > 0").fetchone()[0]
    assert cells > 0, "empty rollups: the comparison would prove nothing"
    assert differences == dict.fromkeys(
        [*GRAINS, "sales_buyers_month", "sales_customer_cohort", "sales_repeat_buyers_month"], 0
    )


def test_the_seeded_rollups_equal_the_lines(sales_db):
    assert_exact(sales_db)


@pytest.mark.parametrize("fold_every_step", [True, False], ids=["folded-each-step", "folded-once"])
def test_store_manager_writes_keep_every_rollup_exact(sales_db, fold_every_step):
    """The real write path: the server login as Seattle's manager, RLS and all, each step one call through the
    dispatcher (its own transaction). Folded after each step, or once after all of them (one order changed eight
    times between two folds: the first logged change holds what the rollups had)."""
    order_id = str(uuid.uuid4())
    steps = [
        # a new order with three lines, then a fourth line in a statement of its own
        "INSERT INTO retail.orders (order_id, customer_id, store_id, order_date, status) "
        f"SELECT '{order_id}', customer_id, primary_store_id, '2025-03-05', 'pending' FROM retail.customers "
        f"WHERE primary_store_id = ({SEATTLE_STORE}) LIMIT 1",
        "INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, discount_amount, "
        f"total_amount) SELECT '{order_id}', ({SEATTLE_STORE}), product_id, 2, 10, 1, 19 "
        "FROM retail.products ORDER BY sku LIMIT 3",
        "INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, total_amount) "
        f"SELECT '{order_id}', ({SEATTLE_STORE}), product_id, 1, 10, 10 FROM retail.products ORDER BY sku LIMIT 1",
        # completed, then backdated into another month and year
        f"UPDATE retail.orders SET status = 'completed' WHERE order_id = '{order_id}'",
        f"UPDATE retail.orders SET order_date = '2024-12-31' WHERE order_id = '{order_id}'",
        # put on another customer's account (the customer rollup)
        "UPDATE retail.orders SET customer_id = (SELECT customer_id FROM retail.customers "
        f"WHERE primary_store_id = ({SEATTLE_STORE}) ORDER BY customer_id DESC LIMIT 1) WHERE order_id = '{order_id}'",
        # entered at another hour of the day (the hour rollup)
        f"UPDATE retail.orders SET created_at = created_at + interval '5 hours' WHERE order_id = '{order_id}'",
        # a line changes product and quantity
        "UPDATE retail.order_items SET quantity = 5, product_id = (SELECT product_id FROM retail.products "
        f"ORDER BY sku OFFSET 100 LIMIT 1) WHERE order_item_id = (SELECT min(order_item_id::text)::uuid "
        f"FROM retail.order_items WHERE order_id = '{order_id}')",
        # a month of the store's orders refunded, some cancelled
        "UPDATE retail.orders SET status = 'refunded' WHERE order_date BETWEEN '2025-01-01' AND '2025-01-31'",
        "UPDATE retail.orders SET status = 'cancelled' WHERE order_date BETWEEN '2025-02-01' AND '2025-02-10'",
    ]
    with server_login(sales_db) as login:
        for step in steps:
            changed = call_tool(login, SEATTLE, step + " RETURNING 1", read_only=False)
            assert changed, f"the step wrote no row, so the check after it proves nothing: {step}"
            if fold_every_step:
                assert_exact(sales_db)
        assert_exact(sales_db)
        # And the tools read what the lines say: head office's January refunds of Seattle.
        performance = "api.get_store_performance('2025-01-01', '2025-01-31', 'Seattle', '{refunded}')"
        [tool] = call_tool(login, HEAD_OFFICE, f"SELECT revenue, orders, customers FROM {performance}")
        # The customers those refunds took from the completed orders are gone from every customer count.
        january = "'2025-01-01', '2025-01-31'"
        completed = [
            call_tool(login, HEAD_OFFICE, f"SELECT customers FROM api.get_store_performance({january}, 'Seattle')"),
            call_tool(
                login, HEAD_OFFICE, f"SELECT active_customers FROM api.get_customer_metrics({january}, 'Seattle')"
            ),
            call_tool(login, HEAD_OFFICE, f"SELECT count(*) FROM api.get_top_customers({january}, 100, 'Seattle')"),
        ]
    with sales_db.connect() as admin:
        want = json_rows(
            admin,
            "SELECT sum(oi.total_amount), count(DISTINCT o.order_id), count(DISTINCT o.customer_id) "
            "FROM retail.orders AS o JOIN retail.order_items AS oi ON oi.order_id = o.order_id "
            f"WHERE o.store_id = ({SEATTLE_STORE}) AND o.status = 'refunded' "
            "AND o.order_date BETWEEN '2025-01-01' AND '2025-01-31'",
        )
        [[still_completed]] = json_rows(
            admin,
            "SELECT count(DISTINCT o.customer_id) FROM retail.orders AS o "
            f"WHERE o.store_id = ({SEATTLE_STORE}) AND o.status = 'completed' "
            "AND o.order_date BETWEEN '2025-01-01' AND '2025-01-31' "
            "AND EXISTS (SELECT FROM retail.order_items AS oi WHERE oi.order_id = o.order_id)",
        )
    assert want[0][1] > 0 and [tool] == want
    assert completed == [[(still_completed,)]] * 3


def test_two_stores_sharing_an_order_id_keep_their_sales_apart(sales_db):
    """An order is its (order_id, store_id), the key a sharded database allows (sql/schema/1160): Seattle's manager
    writes an order under the id of one of Tacoma's orders (which RLS hides from them), for the same customer, and
    each store's order keeps its own lines in the views and the rollups, through every kind of write (the rollup per
    customer over every store counts both orders)."""
    with sales_db.connect() as admin:
        [shared, customer] = admin.execute(
            "SELECT o.order_id::text, o.customer_id::text FROM retail.orders AS o "
            "JOIN retail.stores AS s ON s.store_id = o.store_id "
            "WHERE s.store_name = 'Zava Retail Tacoma' AND o.status = 'completed' "
            "AND EXISTS (SELECT FROM retail.order_items AS oi WHERE oi.order_id = o.order_id) "
            "ORDER BY o.order_id LIMIT 1"
        ).fetchone()
    steps = [
        # by the same customer: two orders in the rollups without a store (sql/schema/1280), not one
        "INSERT INTO retail.orders (order_id, customer_id, store_id, order_date, status) "
        f"SELECT '{shared}', '{customer}', ({SEATTLE_STORE}), '2025-03-05', 'completed'",
        "INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, total_amount) "
        f"SELECT '{shared}', ({SEATTLE_STORE}), product_id, 2, 10, 20 FROM retail.products ORDER BY sku LIMIT 2",
        f"UPDATE retail.order_items SET quantity = 3, total_amount = 30 WHERE order_id = '{shared}'",
        f"UPDATE retail.orders SET status = 'refunded', order_date = '2024-11-30' WHERE order_id = '{shared}'",
    ]
    with server_login(sales_db) as login:
        for step in steps:
            assert call_tool(login, SEATTLE, step + " RETURNING 1", read_only=False), step
            assert_exact(sales_db)
    lines_per_store = "SELECT store_id, count(*) FROM retail.{} WHERE order_id = %s GROUP BY store_id ORDER BY store_id"
    with sales_db.connect() as admin:
        seattle = admin.execute(SEATTLE_STORE).fetchone()[0]
        lines = admin.execute(lines_per_store.format("order_items"), (shared,)).fetchall()
        assert len(lines) == 2 and seattle in dict(lines)
        assert admin.execute(lines_per_store.format("sales_facts"), (shared,)).fetchall() == lines
        # Seattle's order goes (the owner deletes); Tacoma's stays, with its lines, in the rollups.
        admin.execute("DELETE FROM retail.orders WHERE order_id = %s AND store_id = %s", (shared, seattle))
        admin.commit()
        tacoma_only = [r for r in lines if r[0] != seattle]
        assert admin.execute(lines_per_store.format("sales_facts"), (shared,)).fetchall() == tacoma_only
    assert_exact(sales_db)


def test_a_product_changing_cost_category_or_type_moves_its_lines(sales_db):
    """A catalog edit: the rollups' cost (margin), category and type cells follow the product, in the same
    transaction as the edit."""
    with sales_db.connect() as admin:
        product, old_category = admin.execute(
            "SELECT p.product_id, p.category_id FROM retail.products AS p JOIN retail.order_items AS oi "
            "ON oi.product_id = p.product_id GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        other = admin.execute(
            "SELECT t.category_id, t.type_id FROM retail.product_types AS t WHERE t.category_id <> %s LIMIT 1",
            (old_category,),
        ).fetchone()
        admin.execute("UPDATE retail.products SET cost = cost + 1.25 WHERE product_id = %s", (product,))
        admin.commit()
        assert_exact(sales_db)
        admin.execute(
            "UPDATE retail.products SET category_id = %s, type_id = %s WHERE product_id = %s", (*other, product)
        )
        admin.commit()
    assert_exact(sales_db)


def test_a_bulk_update_is_logged_without_locks_and_folded_exactly(sales_db):
    """Every order refunded in one statement (the write that ran out of the shared lock table at SCALE=large when
    the rollups were kept in the writing transaction): the write takes no advisory lock and appends one logged order
    per order; one fold takes them all in."""
    with sales_db.connect() as admin:
        orders = admin.execute("UPDATE retail.orders SET status = 'refunded' WHERE status = 'completed'").rowcount
        held = admin.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        ).fetchone()[0]
        logged = admin.execute("SELECT count(*) FROM retail.sales_changes WHERE subject = 'order'").fetchone()[0]
        admin.commit()
        assert orders > 1024 and held == 0 and logged == orders
        assert fold(admin) == orders
    assert_exact(sales_db)


def test_a_write_waits_in_the_log_until_the_fold(sales_db):
    """The rollups change only when the fold runs (the server runs it every second): a committed write is in the log,
    the rollups still say what they said, and the fold makes them exact."""
    with sales_db.connect() as admin:
        before = admin.execute("SELECT sum(orders) FROM retail.sales_store_day WHERE status = 'cancelled'").fetchone()
        cancelled = admin.execute(
            "UPDATE retail.orders SET status = 'cancelled' "
            "WHERE order_date BETWEEN '2025-03-01' AND '2025-03-07' AND status <> 'cancelled'"
        ).rowcount
        admin.commit()
        assert cancelled > 0
        still = admin.execute("SELECT sum(orders) FROM retail.sales_store_day WHERE status = 'cancelled'").fetchone()
        assert still == before
        fold(admin)
        after = admin.execute("SELECT sum(orders) FROM retail.sales_store_day WHERE status = 'cancelled'").fetchone()
        assert after[0] > before[0]
    assert_exact(sales_db)


async def test_a_running_server_folds_writes_within_seconds(sales_db):
    """The server runs jobs.fold_sales_changes every second (its comment's @every 1): a write committed while it
    serves is in the rollups soon after, without anyone calling the fold."""
    login = sales_db.server.url(sales_db.name, user="zava_mcp")
    async with stdio_session(login, "--identity", HEAD_OFFICE, "--embedder", "none") as session:
        with sales_db.connect() as admin:
            refunded = admin.execute(
                "UPDATE retail.orders SET status = 'refunded' WHERE order_date BETWEEN '2025-05-01' AND '2025-05-07'"
            ).rowcount
            admin.commit()
            assert refunded > 0
            waited = 0.0
            while admin.execute("SELECT count(*) FROM retail.sales_changes").fetchone()[0] and waited < 10:
                admin.commit()
                await asyncio.sleep(0.1)
                waited += 0.1
        assert waited < 10, "the server did not fold the write in 10 s"
        assert not (await session.call_tool("get_current_utc_date", {})).is_error  # still serving
    assert_exact(sales_db)


def test_a_fold_leaves_uncommitted_writes_for_the_next_one_and_runs_once_at_a_time(sales_db):
    """A write still open when a fold runs is in neither what the fold reads nor what it deletes; a second fold while
    one runs returns at once with nothing done."""
    with sales_db.connect() as writer, sales_db.connect() as folder, sales_db.connect() as other:
        refunded = "UPDATE retail.orders SET status = 'refunded' WHERE order_date BETWEEN '2025-04-01' AND '2025-04-07'"
        assert writer.execute(refunded).rowcount > 0
        folder.execute("SELECT jobs.fold_sales_changes()")  # still open: holds the fold's lock
        assert other.execute("SELECT jobs.fold_sales_changes()").fetchone()[0] == 0
        other.commit()
        folder.commit()
        writer.commit()
        assert writer.execute("SELECT count(*) FROM retail.sales_changes").fetchone()[0] > 0
    assert_exact(sales_db)


def test_deleting_lines_and_orders_takes_them_out(sales_db):
    """Only the owner deletes (managers may not): single lines, and orders with their lines (ON DELETE CASCADE)."""
    with sales_db.connect() as admin:
        lines = admin.execute(
            "DELETE FROM retail.order_items WHERE order_item_id IN (SELECT order_item_id FROM retail.order_items "
            "ORDER BY order_item_id LIMIT 50)"
        ).rowcount
        admin.commit()
        orders = admin.execute("DELETE FROM retail.orders WHERE order_date = '2025-02-03'").rowcount
        admin.commit()
    assert lines == 50 and orders > 0
    assert_exact(sales_db)


def test_concurrent_writers_of_one_order_count_it_once(sales_db):
    """Two transactions add lines of one category to one empty order at the same time: the order counts once."""
    order_id = str(uuid.uuid4())
    with sales_db.connect() as admin:
        admin.execute(
            "INSERT INTO retail.orders (order_id, customer_id, store_id, order_date) "
            f"SELECT '{order_id}', customer_id, primary_store_id, '2025-05-05' FROM retail.customers LIMIT 1"
        )
        admin.commit()
    with sales_db.connect() as admin:
        products = [
            r[0]
            for r in admin.execute(
                "SELECT product_id FROM retail.products WHERE category_id = "
                "(SELECT min(category_id::text)::uuid FROM retail.products) ORDER BY sku LIMIT 2"
            ).fetchall()
        ]
    barrier = threading.Barrier(2)
    errors = []

    def add(product_id):
        try:
            with sales_db.connect() as conn:
                barrier.wait()
                conn.execute(
                    "INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, "
                    f"total_amount) SELECT '{order_id}', store_id, %s, 1, 5, 5 FROM retail.orders "
                    f"WHERE order_id = '{order_id}'",
                    (product_id,),
                )
                # Both inserted, neither committed: nothing serialises writers of one order any more (each only
                # logs its line); the fold reads both lines from one snapshot.
                barrier.wait(timeout=10)
                conn.commit()
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(p,)) for p in products]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    with sales_db.connect() as admin:
        assert (
            admin.execute(f"SELECT count(*) FROM retail.order_items WHERE order_id = '{order_id}'").fetchone()[0] == 2
        )
    assert_exact(sales_db)


def test_a_reseed_rebuilds_them(sales_db):
    asyncio.run(seed.seed(sales_db.server.url(sales_db.name), "small", 0.1, reseed=True, log=lambda *_: None))
    assert_exact(sales_db)


def test_a_rollup_added_later_is_built_by_the_migration(sales_db):
    """A database that had the other rollups when sales_hour_month arrived gets every rollup rebuilt once."""
    with sales_db.connect() as admin:
        admin.execute("TRUNCATE retail.sales_hour_month")
        admin.execute("SELECT retail.rebuild_sales_rollups(only_if_empty => true)")
        assert admin.execute("SELECT count(*) FROM retail.sales_hour_month").fetchone()[0] > 0
    assert_exact(sales_db)


def test_a_rebuild_a_versioned_file_asks_for_is_done_by_the_next_migration(sales_db):
    """sql/schema/1360 moved the hours to the chain's time zone and asked for a rebuild (a row in
    retail.rollup_rebuild_requests): the rollups' file carries it out in its own transaction, with the functions it
    installs, and only once."""
    from conftest import apply_package

    with sales_db.connect() as admin:
        admin.execute("UPDATE retail.sales_hour_month SET revenue_cents = revenue_cents + 7")  # cells of before
        admin.execute("INSERT INTO retail.rollup_rebuild_requests (reason) VALUES ('a test')")
        # The rollups' file runs again after any versioned file; here, after its ledger entry says it changed.
        admin.execute(
            "UPDATE migrations.applied_files SET checksum = 'stale' WHERE file LIKE '%0160_sales_rollups.sql'"
        )
    apply_package(sales_db.url)
    assert_exact(sales_db)
    with sales_db.connect() as admin:
        assert admin.execute(
            "SELECT count(*) FROM retail.rollup_rebuild_requests WHERE done_at IS NULL"
        ).fetchone() == (0,)
        admin.execute("UPDATE retail.sales_hour_month SET revenue_cents = revenue_cents + 1")
        admin.execute(
            "UPDATE migrations.applied_files SET checksum = 'stale' WHERE file LIKE '%0160_sales_rollups.sql'"
        )
    apply_package(sales_db.url)  # no open request: nothing is rebuilt, so the cells keep their extra cent
    with pytest.raises(AssertionError):
        assert_exact(sales_db)


def test_nobody_else_writes_them(sales_db):
    """No request role writes a rollup, rebuilds them, reads or writes the log of changes, or runs the fold (the
    server's login runs it as itself, outside any call)."""
    with server_login(sales_db) as login:
        for identity in (SEATTLE, HEAD_OFFICE):
            for table in GRAINS:
                write = f"UPDATE retail.{table} SET revenue_cents = 0 RETURNING 1"
                call_tool_fails(login, identity, write, "42501", read_only=False)
            call_tool_fails(login, identity, "SELECT retail.rebuild_sales_rollups()", "42501", read_only=False)
            call_tool_fails(login, identity, "SELECT count(*) FROM retail.sales_changes", "42501")
            forged = "INSERT INTO retail.sales_changes (subject, product_id) SELECT 'product', NULL RETURNING 1"
            call_tool_fails(login, identity, forged, "42501", read_only=False)
            call_tool_fails(login, identity, "SELECT jobs.fold_sales_changes()", "42501", read_only=False)
