"""sql/functions/0100_identity.sql: the policy helpers and the role mapping fail closed."""

import pytest
from identity import as_identity, server_login

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
EASTSIDE = "5e0c2f1a-7b3d-4c8e-9a10-000000000101"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def login(db):
    with server_login(db) as conn:
        yield conn


def helpers(conn):
    return conn.execute("""
        SELECT retail.get_current_user_store(), cardinality(retail.get_user_store_list()),
               (SELECT store_name FROM retail.stores WHERE store_id = retail.get_current_user_store())
    """).fetchone()


def test_store_manager_has_one_current_store(login):
    with as_identity(login, SEATTLE):
        store, count, name = helpers(login)
        assert store is not None and count == 1 and name == "Zava Retail Seattle"


def test_upper_case_identity_is_the_same_identity(login):
    with as_identity(login, SEATTLE.upper()) as role:
        assert role == "zava_store_manager"
        assert helpers(login)[2] == "Zava Retail Seattle"


def test_regional_manager_has_no_current_store_but_a_list(login):
    with as_identity(login, EASTSIDE):
        store, count, _ = helpers(login)
        assert store is None and count == 3


def test_head_office_lists_every_store(login):
    with as_identity(login, HEAD_OFFICE):
        store, count, _ = helpers(login)
        assert store is None and count == 8


@pytest.mark.parametrize("identity", ["", "garbage", "ffffffff-ffff-ffff-ffff-ffffffffffff", " " + SEATTLE])
def test_helpers_fail_closed(login, identity):
    with login.transaction(force_rollback=True):
        login.execute("SELECT set_config('app.current_rls_user_id', %s, true)", (identity,))
        login.execute("SET LOCAL ROLE zava_head_office")
        assert helpers(login) == (None, 0, None)


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
        with as_identity(login, new_id) as role:
            assert role == "zava_store_manager"
            assert helpers(login)[2] == "Zava Retail Olympia"
        with as_identity(login, HEAD_OFFICE):
            assert helpers(login)[1] == 9
