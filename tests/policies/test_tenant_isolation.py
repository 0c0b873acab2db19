"""Each actor, through the server's own path (login zava_mcp, each call one mcp.call_tool statement), sees exactly
its stores' rows; writes outside them fail with 42501; a missing, unknown or malformed identity sees nothing.

The read tests share one clone of the tenant rows (`reader_db`, a fresh login connection each); every test that
writes, or tries to, takes a fresh clone (`tenant_db`)."""

import pytest
from conftest import clone, kept_unchanged
from identity import HEAD_OFFICE, STORE_MANAGERS, call_tool, call_tool_fails, raw_role_session, server_login
from pgtap import throws_ok
from store_rollups import STORE_ROLLUPS

REGIONAL_MANAGERS = {
    "5e0c2f1a-7b3d-4c8e-9a10-000000000101": {"Zava Retail Bellevue", "Zava Retail Redmond", "Zava Retail Kirkland"},
    "5e0c2f1a-7b3d-4c8e-9a10-000000000102": {"Zava Retail Tacoma", "Zava Retail Spokane"},
    "5e0c2f1a-7b3d-4c8e-9a10-000000000103": {"Zava Retail Seattle", "Zava Retail Everett", "Zava Retail Online"},
}
ALL_STORES = set(STORE_MANAGERS)
# table -> (store column, rows per store in tests/fixtures/tenant_rows.sql)
TENANT_ROWS = {
    "stores": ("store_id", 1),
    "customers": ("primary_store_id", 2),
    "orders": ("store_id", 3),
    "order_items": ("store_id", 5),
    "inventory": ("store_id", 2),
}
NOBODY = [
    None,
    "",
    "not-a-uuid",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "F47AC10B-58CC-4372-A567-0E02B2C3D479x",
    "'; SET ROLE postgres; --",
    "00000000-0000-0000-0000-00000000000",
]


def stores_seen(conn, identity, table: str) -> dict[str, int]:
    """Rows per store id as a call by `identity` through the dispatcher sees them, without relying on the caller
    seeing retail.stores."""
    column = TENANT_ROWS[table][0]
    return dict(call_tool(conn, identity, f"SELECT {column}::text, count(*) FROM retail.{table} GROUP BY 1"))


def role_of(conn, identity) -> str:
    """The role the dispatcher runs a call of `identity` as."""
    [(role,)] = call_tool(conn, identity, "SELECT current_user::text")
    return role


def store_ids_of(db) -> dict[str, str]:
    with db.connect() as conn:
        return dict(conn.execute("SELECT store_name, store_id::text FROM retail.stores").fetchall())


@pytest.fixture
def store_ids(tenant_db):
    return store_ids_of(tenant_db)


@pytest.fixture
def login(tenant_db):
    with server_login(tenant_db) as conn:
        yield conn


@pytest.fixture(scope="module")
def reader_db(pg_server, template_db):
    """What tenant_db is, one clone for the module's read tests: none of them may change it (checked at the end)."""
    with clone(pg_server, template_db, "tenant_rows.sql", prefix="zava_reader") as db, kept_unchanged(db):
        yield db


@pytest.fixture(scope="module")
def reader_store_ids(reader_db):
    return store_ids_of(reader_db)


@pytest.fixture
def reader(reader_db):
    """The server's login on reader_db, a connection of the test's own."""
    with server_login(reader_db) as conn:
        yield conn


def expected(store_ids, names, table):
    return {store_ids[n]: TENANT_ROWS[table][1] for n in names}


@pytest.mark.parametrize("table", TENANT_ROWS)
@pytest.mark.parametrize("store", STORE_MANAGERS)
def test_store_manager_sees_exactly_its_store(reader, reader_store_ids, table, store):
    assert role_of(reader, STORE_MANAGERS[store]) == "zava_store_manager"
    assert stores_seen(reader, STORE_MANAGERS[store], table) == expected(reader_store_ids, {store}, table)


@pytest.mark.parametrize("table", TENANT_ROWS)
@pytest.mark.parametrize("identity", REGIONAL_MANAGERS)
def test_regional_manager_sees_exactly_its_stores(reader, reader_store_ids, table, identity):
    assert role_of(reader, identity) == "zava_regional_manager"
    assert stores_seen(reader, identity, table) == expected(reader_store_ids, REGIONAL_MANAGERS[identity], table)


@pytest.mark.parametrize("table", TENANT_ROWS)
def test_head_office_sees_every_store(reader, reader_store_ids, table):
    assert role_of(reader, HEAD_OFFICE) == "zava_head_office"
    assert stores_seen(reader, HEAD_OFFICE, table) == expected(reader_store_ids, ALL_STORES, table)


# The sales rollups and the buyer bitmaps the fixture's fold filled (every store has orders with lines there).
ROLLUPS = STORE_ROLLUPS


@pytest.mark.parametrize("table", ROLLUPS)
def test_the_rollups_show_every_caller_exactly_its_stores(reader, reader_store_ids, table):
    callers = [(STORE_MANAGERS[store], {store}) for store in STORE_MANAGERS]
    callers += [*REGIONAL_MANAGERS.items(), (HEAD_OFFICE, ALL_STORES)]
    for identity, names in callers:
        seen = call_tool(reader, identity, f"SELECT DISTINCT store_id::text FROM retail.{table}")
        assert {store for (store,) in seen} == {reader_store_ids[n] for n in names}, identity


@pytest.mark.parametrize("identity", NOBODY)
def test_no_unknown_or_malformed_identity_resolves_to_no_role(reader, identity):
    assert reader.execute("SELECT auth.request_role(%s)", (identity,)).fetchone()[0] is None
    # and the dispatcher runs nothing for it
    call_tool_fails(reader, identity, "SELECT count(*) FROM retail.orders", "28000")


@pytest.mark.parametrize("table", TENANT_ROWS)
def test_the_login_itself_reads_nothing(reader, table):
    throws_ok(reader, f"SELECT * FROM retail.{table}", "42501")


@pytest.mark.parametrize("role", ["zava_store_manager", "zava_regional_manager", "zava_head_office"])
@pytest.mark.parametrize("identity", NOBODY)
@pytest.mark.parametrize("table", TENANT_ROWS)
def test_a_request_role_without_a_valid_identity_sees_zero_rows(reader, reader_db, role, identity, table):
    """Fail closed even if a role were switched without a known identity: never a default tenant. The dispatcher
    never does this (it refuses such an identity), so the role is switched by hand: RLS alone must hold."""
    with reader_db.connect() as admin:  # zero rows proves something only if the table has rows
        present = admin.execute(f"SELECT count(*) FROM retail.{table}").fetchone()[0]
    assert present == len(ALL_STORES) * TENANT_ROWS[table][1], f"retail.{table} should hold the fixture's rows"
    with raw_role_session(reader, identity, role):
        column = TENANT_ROWS[table][0]
        assert reader.execute(f"SELECT {column}::text, count(*) FROM retail.{table} GROUP BY 1").fetchall() == []


INSERTS = {
    "customers": (
        "INSERT INTO retail.customers (first_name, last_name, email, primary_store_id) "
        "VALUES ('A', 'B', 'a.b@example.com', ($1)[1]::uuid) RETURNING primary_store_id"
    ),
    "orders": (
        "INSERT INTO retail.orders (customer_id, store_id) "
        "SELECT '00000000-0000-0000-0000-000000000001', ($1)[1]::uuid RETURNING store_id"
    ),
    "inventory": (
        "INSERT INTO retail.inventory (store_id, product_id, stock_level) "
        "VALUES (($1)[1]::uuid, '30000000-0000-4000-8000-000000000001', 1) RETURNING store_id"
    ),
}


@pytest.mark.parametrize("table", ["customers", "orders", "inventory"])
def test_store_manager_cannot_insert_into_another_store(login, store_ids, table):
    seattle, tacoma = store_ids["Zava Retail Seattle"], store_ids["Zava Retail Tacoma"]
    call_tool_fails(login, STORE_MANAGERS["Zava Retail Seattle"], INSERTS[table], "42501", [tacoma], read_only=False)
    if table == "customers":  # and the same insert into its own store passes the policy
        inserted = call_tool(login, STORE_MANAGERS["Zava Retail Seattle"], INSERTS[table], [seattle], read_only=False)
        assert inserted == [(seattle,)]


def test_store_manager_cannot_insert_order_items_into_another_store(login, store_ids, tenant_db):
    with tenant_db.connect() as conn:
        order = conn.execute(
            "SELECT order_id::text FROM retail.orders WHERE store_id = %s LIMIT 1", (store_ids["Zava Retail Tacoma"],)
        ).fetchone()[0]
    call_tool_fails(
        login,
        STORE_MANAGERS["Zava Retail Seattle"],
        """
        INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, total_amount)
        VALUES (($1)[1]::uuid, ($1)[2]::uuid, '30000000-0000-4000-8000-000000000001', 1, 1, 1) RETURNING 1
        """,
        "42501",
        [order, store_ids["Zava Retail Tacoma"]],
        read_only=False,
    )


def test_store_manager_cannot_move_a_row_to_another_store(login, store_ids):
    call_tool_fails(
        login,
        STORE_MANAGERS["Zava Retail Seattle"],
        "UPDATE retail.inventory SET store_id = ($1)[1]::uuid RETURNING 1",
        "42501",
        [store_ids["Zava Retail Tacoma"]],
        read_only=False,
    )


def test_store_manager_update_cannot_touch_other_stores(login, tenant_db, store_ids):
    updated = call_tool(
        login,
        STORE_MANAGERS["Zava Retail Seattle"],
        "UPDATE retail.inventory SET stock_level = 99 RETURNING store_id::text",
        read_only=False,
    )
    assert updated == [(store_ids["Zava Retail Seattle"],)] * 2  # its own two rows, nobody else's
    with tenant_db.connect() as conn:  # the call committed: the table says the same
        changed = conn.execute(
            "SELECT store_id::text, count(*) FROM retail.inventory WHERE stock_level = 99 GROUP BY 1"
        )
        assert dict(changed.fetchall()) == {store_ids["Zava Retail Seattle"]: 2}


@pytest.mark.parametrize("identity", [*REGIONAL_MANAGERS, HEAD_OFFICE])
def test_regional_managers_and_head_office_are_read_only(login, identity):
    """Refused by the policies (42501), not by a read-only transaction: the call is sent as a write."""
    call_tool_fails(
        login, identity, "UPDATE retail.inventory SET stock_level = 0 RETURNING 1", "42501", read_only=False
    )


def test_nobody_deletes(login):
    call_tool_fails(
        login, STORE_MANAGERS["Zava Retail Seattle"], "DELETE FROM retail.orders RETURNING 1", "42501", read_only=False
    )


def test_identity_is_transaction_local(login):
    """Nothing of a call survives it on the same connection: the next statement is the bare login again."""
    assert role_of(login, HEAD_OFFICE) == "zava_head_office"
    row = login.execute("SELECT current_user, current_setting('mcp.identity', true)").fetchone()
    assert row[0] == "zava_mcp" and row[1] in (None, "")
