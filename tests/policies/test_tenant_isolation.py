"""Each actor, through the server's own path (login zava_mcp, identity and role per transaction), sees exactly
its stores' rows; writes outside them fail with 42501; a missing, unknown or malformed identity sees nothing."""

import pytest
from identity import HEAD_OFFICE, STORE_MANAGERS, as_identity, server_login
from pgtap import throws_ok

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


def stores_seen(conn, table: str) -> dict[str, int]:
    """Rows per store name as the caller sees them, without relying on the caller seeing retail.stores."""
    column = TENANT_ROWS[table][0]
    rows = conn.execute(f"SELECT {column}::text, count(*) FROM retail.{table} GROUP BY 1").fetchall()
    return dict(rows)


@pytest.fixture
def store_ids(tenant_db):
    with tenant_db.connect() as conn:
        return dict(conn.execute("SELECT store_name, store_id::text FROM retail.stores").fetchall())


@pytest.fixture
def login(tenant_db):
    with server_login(tenant_db) as conn:
        yield conn


def expected(store_ids, names, table):
    return {store_ids[n]: TENANT_ROWS[table][1] for n in names}


@pytest.mark.parametrize("table", TENANT_ROWS)
@pytest.mark.parametrize("store", STORE_MANAGERS)
def test_store_manager_sees_exactly_its_store(login, store_ids, table, store):
    with as_identity(login, STORE_MANAGERS[store]) as role:
        assert role == "zava_store_manager"
        assert stores_seen(login, table) == expected(store_ids, {store}, table)


@pytest.mark.parametrize("table", TENANT_ROWS)
@pytest.mark.parametrize("identity", REGIONAL_MANAGERS)
def test_regional_manager_sees_exactly_its_stores(login, store_ids, table, identity):
    with as_identity(login, identity) as role:
        assert role == "zava_regional_manager"
        assert stores_seen(login, table) == expected(store_ids, REGIONAL_MANAGERS[identity], table)


@pytest.mark.parametrize("table", TENANT_ROWS)
def test_head_office_sees_every_store(login, store_ids, table):
    with as_identity(login, HEAD_OFFICE) as role:
        assert role == "zava_head_office"
        assert stores_seen(login, table) == expected(store_ids, ALL_STORES, table)


@pytest.mark.parametrize("identity", NOBODY)
def test_no_unknown_or_malformed_identity_resolves_to_no_role(login, identity):
    with as_identity(login, identity) as role:
        assert role is None


@pytest.mark.parametrize("table", TENANT_ROWS)
def test_the_login_itself_reads_nothing(login, table):
    throws_ok(login, f"SELECT * FROM retail.{table}", "42501")


@pytest.mark.parametrize("role", ["zava_store_manager", "zava_regional_manager", "zava_head_office"])
@pytest.mark.parametrize("identity", NOBODY)
@pytest.mark.parametrize("table", TENANT_ROWS)
def test_a_request_role_without_a_valid_identity_sees_zero_rows(login, role, identity, table):
    """Fail closed even if a role were switched without a known identity: never a default tenant."""
    with login.transaction(force_rollback=True):
        login.execute("SELECT set_config('app.current_rls_user_id', %s, true)", (identity or "",))
        login.execute("SELECT set_config('role', %s, true)", (role,))
        assert stores_seen(login, table) == {}


@pytest.mark.parametrize("table", ["customers", "orders", "inventory"])
def test_store_manager_cannot_insert_into_another_store(login, store_ids, table):
    seattle, tacoma = store_ids["Zava Retail Seattle"], store_ids["Zava Retail Tacoma"]
    inserts = {
        "customers": (
            "INSERT INTO retail.customers (first_name, last_name, email, primary_store_id) "
            "VALUES ('A', 'B', 'a.b@example.com', %s)"
        ),
        "orders": (
            "INSERT INTO retail.orders (customer_id, store_id) "
            "SELECT '" + "00000000-0000-0000-0000-000000000001" + "', %s"
        ),
        "inventory": (
            "INSERT INTO retail.inventory (store_id, product_id, stock_level) "
            "VALUES (%s, '30000000-0000-4000-8000-000000000001', 1)"
        ),
    }
    with as_identity(login, STORE_MANAGERS["Zava Retail Seattle"]):
        throws_ok(login, inserts[table], "42501", (tacoma,))
    if table == "customers":  # and the same insert into its own store passes the policy
        with as_identity(login, STORE_MANAGERS["Zava Retail Seattle"]):
            login.execute(inserts[table], (seattle,))


def test_store_manager_cannot_insert_order_items_into_another_store(login, store_ids, tenant_db):
    with tenant_db.connect() as conn:
        order = conn.execute(
            "SELECT order_id::text FROM retail.orders WHERE store_id = %s LIMIT 1", (store_ids["Zava Retail Tacoma"],)
        ).fetchone()[0]
    with as_identity(login, STORE_MANAGERS["Zava Retail Seattle"]):
        throws_ok(
            login,
            """
            INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, total_amount)
            VALUES (%s, %s, '30000000-0000-4000-8000-000000000001', 1, 1, 1)
        """,
            "42501",
            (order, store_ids["Zava Retail Tacoma"]),
        )


def test_store_manager_cannot_move_a_row_to_another_store(login, store_ids):
    with as_identity(login, STORE_MANAGERS["Zava Retail Seattle"]):
        throws_ok(login, "UPDATE retail.inventory SET store_id = %s", "42501", (store_ids["Zava Retail Tacoma"],))


def test_store_manager_update_cannot_touch_other_stores(login, tenant_db, store_ids):
    with as_identity(login, STORE_MANAGERS["Zava Retail Seattle"]):
        updated = login.execute("UPDATE retail.inventory SET stock_level = 99").rowcount
        assert updated == 2  # its own two rows, nobody else's
    with tenant_db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM retail.inventory WHERE stock_level = 99").fetchone()[0] == 0


@pytest.mark.parametrize("identity", [*REGIONAL_MANAGERS, HEAD_OFFICE])
def test_regional_managers_and_head_office_are_read_only(login, identity):
    with as_identity(login, identity):
        throws_ok(login, "UPDATE retail.inventory SET stock_level = 0", "42501")


def test_nobody_deletes(login):
    with as_identity(login, STORE_MANAGERS["Zava Retail Seattle"]):
        throws_ok(login, "DELETE FROM retail.orders", "42501")


def test_identity_is_transaction_local(login, store_ids):
    """Nothing of a call survives it on the same connection: the next transaction is the bare login again."""
    with as_identity(login, HEAD_OFFICE):
        pass
    row = login.execute("SELECT current_user, current_setting('app.current_rls_user_id', true)").fetchone()
    login.rollback()
    assert row[0] == "zava_mcp" and row[1] in (None, "")
