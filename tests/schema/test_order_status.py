"""The order statuses are one list, the labels of api.order_status (sql/schema/1010): retail.orders.status accepts
exactly them (sql/schema/1080), and every other place that names the statuses follows the enum."""

import re

import psycopg
import pytest
from pgtap import throws_ok

BAD = ["shipped", "Completed", "completed ", ""]


def labels(conn) -> list[str]:
    return conn.execute("SELECT enum_range(NULL::api.order_status)::text[]").fetchone()[0]


INSERT = (
    "INSERT INTO retail.orders (customer_id, store_id, status) "
    "SELECT customer_id, primary_store_id, %s FROM retail.customers LIMIT 1"
)


def insert_order(conn, status: str) -> None:
    conn.execute(INSERT, (status,))


def test_orders_accept_exactly_the_labels_of_the_enum(tenant_db):
    with tenant_db.connect() as conn:
        assert labels(conn) == ["pending", "completed", "cancelled", "refunded"]
        for status in labels(conn):
            insert_order(conn, status)
        for status in BAD:
            failure = throws_ok(conn, INSERT, "23514", (status,))
            assert failure.diag.constraint_name == "orders_status_check"


def test_a_label_added_to_the_enum_is_a_valid_status_at_once(tenant_db):
    with tenant_db.connect(autocommit=True) as conn:
        with pytest.raises(psycopg.errors.CheckViolation):
            insert_order(conn, "on_hold")
        conn.execute("ALTER TYPE api.order_status ADD VALUE 'on_hold'")
        insert_order(conn, "on_hold")
        assert conn.execute("SELECT count(*) FROM retail.orders WHERE status = 'on_hold'").fetchone()[0] == 1


def test_every_list_of_the_statuses_follows_the_enum(admin):
    """What spells the statuses out: the hint of a bad include_statuses, the valid values of get_multiple_table_schemas,
    and two texts a model reads (the glossary's 'order statuses', get_order_status_summary's description), which
    name them all, in the enum's order."""
    names = labels(admin)
    failure = throws_ok(admin, "SELECT retail.counted_statuses('{}')", "22023")
    assert failure.diag.message_hint == ", ".join(names[:-1]) + f" or {names[-1]}; the default is completed"
    doc = admin.execute("SELECT api.get_multiple_table_schemas(ARRAY['orders'])").fetchone()[0]
    assert doc[0]["valid_values"]["status"] == names
    glossary = dict(admin.execute("SELECT measure, definition FROM api.get_measure_glossary()").fetchall())
    summary = admin.execute(
        "SELECT obj_description('api.get_order_status_summary(date, date, api.name_text, api.name_text)'::regprocedure)"
    ).fetchone()[0]
    for text in (glossary["order statuses"], summary):
        spelled = [w for w in re.findall(r"[a-z_]+", text) if w in names]
        assert list(dict.fromkeys(spelled)) == names, text
