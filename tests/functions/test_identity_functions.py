"""sql/functions/0100_identity.sql: the policy helpers and the role mapping fail closed.

The helpers are read through the server's dispatcher (identity.call_tool), as a tool's function reads them."""

import psycopg
import pytest
from identity import call_tool, raw_role_session, server_login

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
EASTSIDE = "5e0c2f1a-7b3d-4c8e-9a10-000000000101"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"
HELPERS = """
    SELECT current_user::text, retail.get_current_user_store()::text, cardinality(retail.get_user_store_list()),
           (SELECT store_name FROM retail.stores WHERE store_id = retail.get_current_user_store())
"""


@pytest.fixture
def login(db):
    with server_login(db) as conn:
        yield conn


def helpers(conn, identity):
    """(role, current store, number of stores listed, current store's name) for a call by `identity`."""
    [row] = call_tool(conn, identity, HELPERS)
    return row


def test_store_manager_has_one_current_store(login):
    role, store, count, name = helpers(login, SEATTLE)
    assert role == "zava_store_manager"
    assert store is not None and count == 1 and name == "Zava Retail Seattle"


def test_upper_case_identity_is_the_same_identity(login):
    role, _, _, name = helpers(login, SEATTLE.upper())
    assert role == "zava_store_manager"
    assert name == "Zava Retail Seattle"


def test_regional_manager_has_no_current_store_but_a_list(login):
    role, store, count, _ = helpers(login, EASTSIDE)
    assert role == "zava_regional_manager"
    assert store is None and count == 3


def test_head_office_lists_every_store(login):
    role, store, count, _ = helpers(login, HEAD_OFFICE)
    assert role == "zava_head_office"
    assert store is None and count == 8


@pytest.mark.parametrize("identity", ["", "garbage", "ffffffff-ffff-ffff-ffff-ffffffffffff", " " + SEATTLE])
def test_helpers_fail_closed(login, identity):
    """The dispatcher refuses these identities; switched to head office by hand, the helpers still give nothing."""
    with raw_role_session(login, identity, "zava_head_office"):
        assert login.execute(HELPERS).fetchone() == ("zava_head_office", None, 0, None)


def test_request_role_of_each_access_level(login):
    rows = login.execute(
        "SELECT auth.request_role(x) FROM unnest(%s::text[]) AS x", ([SEATTLE, EASTSIDE, HEAD_OFFICE, "nope", None],)
    ).fetchall()
    assert [r[0] for r in rows] == ["zava_store_manager", "zava_regional_manager", "zava_head_office", None, None]


def test_a_new_store_gets_its_manager_and_head_office(db):
    new_id = "12345678-1234-4234-8234-123456789abc"
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO retail.stores (store_name, location, rls_user_id) VALUES ('Zava Retail Olympia', "
            "'Olympia, WA', %s)",
            (new_id,),
        )
    with server_login(db) as login:
        role, _, _, name = helpers(login, new_id)
        assert role == "zava_store_manager" and name == "Zava Retail Olympia"
        assert helpers(login, HEAD_OFFICE)[2] == 9


# The caller's scope is kept for the transaction in settings (auth.request_role): only the owner and the server
# login may write settings, and a scope kept for one identity is never read for another.
SCOPE_SETTINGS = ["retail.scope_for", "retail.scope_stores", "retail.scope_store"]


@pytest.mark.parametrize("role", ["zava_store_manager", "zava_head_office", "zava_sql_reader"])
@pytest.mark.parametrize("setting", SCOPE_SETTINGS)
def test_a_request_cannot_plant_a_scope(login, role, setting):
    with raw_role_session(login, SEATTLE, role), pytest.raises(psycopg.errors.InsufficientPrivilege):
        login.execute("SELECT set_config(%s, 'identity:' || %s, true)", (setting, SEATTLE))


@pytest.mark.parametrize("role", ["zava_store_manager", "zava_sql_reader"])
def test_a_request_cannot_look_up_another_identity(login, role):
    """auth.request_role names any identity and keeps its scope: only the login and the owner's functions call it (a
    request would read the scope it kept from the settings)."""
    with raw_role_session(login, SEATTLE, role), pytest.raises(psycopg.errors.InsufficientPrivilege):
        login.execute("SELECT auth.request_role(%s)", (HEAD_OFFICE,))


def test_a_scope_kept_for_one_identity_is_not_read_for_another(login):
    """The dispatcher's role look-up keeps Seattle's scope; with the identity then changed by hand in the same
    transaction, the helpers look the new identity up instead of answering with Seattle's store."""
    with login.transaction(force_rollback=True):
        assert login.execute("SELECT auth.request_role(%s)", (SEATTLE,)).fetchone() == ("zava_store_manager",)
        login.execute("SELECT set_config('mcp.identity', %s, true)", (EASTSIDE,))
        login.execute("SELECT set_config('role', 'zava_regional_manager', true)")
        store, count = login.execute(
            "SELECT retail.get_current_user_store(), cardinality(retail.get_user_store_list())"
        ).fetchone()
        assert store is None and count == 3


def test_a_kept_scope_ends_with_its_transaction(login):
    for identity, count in ((HEAD_OFFICE, 8), (SEATTLE, 1), (HEAD_OFFICE, 8)):
        [row] = call_tool(login, identity, "SELECT cardinality(retail.get_user_store_list()) AS n")
        assert row[0] == count
    assert login.execute("SELECT current_setting('retail.scope_stores', true)").fetchone()[0] in (None, "")
