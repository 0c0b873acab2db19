"""The server refuses a database login by what it can do, not by its name (shim/login.py).

Refused with exit code 4 and one message naming every reason, never a traceback: a superuser, a BYPASSRLS role, a
member (directly, or through another role) of a role that owns tables with row-level security or functions of the
served schemas, and a login that lacks a right every call needs (EXECUTE on the dispatch function, the catalog
functions, the role function or set_config, USAGE on their schema, a role to switch to, or anything the dispatch
function's own body needs).

Each case runs `server.main()` in this process against a clone with roles made for it (fast: no interpreter start);
two run the real `python server.py` over stdio and HTTP, the way an operator would meet them.
"""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from mcp_clients import SERVER, free_port, server_env

from shim import cli

LOGIN_CONTRACT = (
    "GRANT USAGE ON SCHEMA auth, mcp TO {login}; "
    "GRANT EXECUTE ON FUNCTION mcp.call_tool(text, text, text, text[], boolean) TO {login}; "
    "GRANT EXECUTE ON FUNCTION mcp.tools(text, boolean), mcp.prompts(text) TO {login}; "
    "GRANT EXECUTE ON FUNCTION auth.request_role(text) TO {login}; "
    "GRANT EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) TO {login}; "
    'GRANT EXECUTE ON FUNCTION pg_catalog.format(text, VARIADIC "any") TO {login}; '
    "GRANT EXECUTE ON FUNCTION pg_catalog.pg_prepared_statement() TO {login}; "
    "GRANT zava_store_manager TO {login}"
)
CALL_TOOL = "mcp.call_tool(text, text, text, text[], boolean)"
SET_CONFIG = "pg_catalog.set_config(text, text, boolean)"


@pytest.fixture
def roles(shim_db):
    """make(name, attributes, contract=True): a LOGIN NOINHERIT role for this test, with the rights zava_mcp has
    unless contract=False; dropped afterwards (roles are cluster-wide)."""
    made: list[str] = []
    suffix = uuid.uuid4().hex[:8]

    def make(name: str, attributes: str = "", *, login: bool = True, contract: bool = True) -> str:
        role = f"{name}_{suffix}"
        with shim_db.connect(autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {role} {'LOGIN NOINHERIT' if login else 'NOLOGIN'} {attributes}")
            made.append(role)
            if login and contract:
                conn.execute(LOGIN_CONTRACT.format(login=role))
        return role

    yield make
    with shim_db.connect(autocommit=True) as conn:
        for role in reversed(made):
            conn.execute(f"DROP OWNED BY {role}")
            conn.execute(f"DROP ROLE {role}")


def admin(shim_db, sql: str) -> None:
    with shim_db.connect(autocommit=True) as conn:
        conn.execute(sql)


def run_main(monkeypatch, capsys, url: str) -> tuple[int, str]:
    """server.main() over stdio as far as start() and stop(): the exit code and stderr."""
    monkeypatch.setattr(cli, "setup_logging", lambda level: None)

    async def start_and_stop(shim):
        await shim.start()
        await shim.stop()

    monkeypatch.setattr(cli, "serve_stdio", start_and_stop)
    code = cli.main(["--stdio", "--database-url", url, "--embedder", "none", "--identity", "x"])
    return code, capsys.readouterr().err


def url_as(shim_db, login: str) -> str:
    return shim_db.server.url(shim_db.name, user=login)


def test_the_package_login_is_served(shim_db, monkeypatch, capsys):
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, "zava_mcp"))
    assert code == 0 and err == "", err


def test_a_superuser_is_refused(shim_db, monkeypatch, capsys):
    code, err = run_main(monkeypatch, capsys, shim_db.url)
    assert code == cli.EXIT_LOGIN_REFUSED == 4
    assert "- it is a superuser and has BYPASSRLS" in err and "Traceback" not in err


def test_a_bypassrls_login_is_refused(shim_db, roles, monkeypatch, capsys):
    login = roles("bypass", "BYPASSRLS")
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, login))
    assert code == 4 and f"login {login!r}" in err and "- it has BYPASSRLS\n" in err
    assert "lacks" not in err  # it has every right of the contract: BYPASSRLS is the one reason


def test_a_direct_member_of_the_owner_is_refused(shim_db, roles, monkeypatch, capsys):
    login = roles("owner_member")
    admin(shim_db, f"GRANT zava_owner TO {login}")
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, login))
    assert code == 4
    assert "- it is a member of 'zava_owner', which owns tables with row-level security (retail." in err
    assert "owns functions in the served schema(s) 'api', 'prompts'" in err


def test_a_member_of_the_owner_through_another_role_is_refused(shim_db, roles, monkeypatch, capsys):
    middle = roles("middle", login=False)
    login = roles("inherited_member")
    admin(shim_db, f"GRANT zava_owner TO {middle}; GRANT {middle} TO {login}")
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, login))
    assert code == 4
    assert f"- it is a member of 'zava_owner' (through {middle!r}), which owns tables with row-level security" in err


def test_a_member_of_a_superuser_or_bypassrls_role_is_refused(shim_db, roles, monkeypatch, capsys):
    powerful = roles("powerful", "SUPERUSER", login=False)
    bypassing = roles("bypassing", "BYPASSRLS", login=False)
    login = roles("member_of_powerful")
    admin(shim_db, f"GRANT {powerful} TO {login}; GRANT {bypassing} TO {login}")
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, login))
    assert code == 4
    assert f"- it is a member of {powerful!r}, which is a superuser\n" in err
    assert f"- it is a member of {bypassing!r}, which has BYPASSRLS\n" in err


def test_set_config_revoked_is_refused_by_name(shim_db, monkeypatch, capsys):
    admin(shim_db, f"REVOKE EXECUTE ON FUNCTION {SET_CONFIG} FROM zava_mcp")
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, "zava_mcp"))
    assert code == 4 and f"- it lacks EXECUTE on function {SET_CONFIG}\n" in err
    assert err.count("\n  - ") == 1 and "Traceback" not in err


def test_missing_execute_on_the_call_function_is_refused_by_name(shim_db, monkeypatch, capsys):
    admin(shim_db, f"REVOKE EXECUTE ON FUNCTION {CALL_TOOL} FROM zava_mcp")
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, "zava_mcp"))
    assert code == 4 and f"- it lacks EXECUTE on function {CALL_TOOL}\n" in err


def test_every_missing_right_is_named_in_one_message(shim_db, roles, monkeypatch, capsys):
    login = roles("bare", contract=False)
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, login))
    assert code == 4
    for right in (
        "USAGE on schema auth",
        f"EXECUTE on function {CALL_TOOL}",
        "EXECUTE on function auth.request_role(text)",
        f"EXECUTE on function {SET_CONFIG}",
        "membership of at least one role to switch to",
    ):
        assert f"- it lacks {right}" in err, err
    assert err.count("server.py:") == 1


def test_a_right_the_call_function_needs_inside_is_reported_in_the_databases_words(shim_db, monkeypatch, capsys):
    admin(shim_db, 'REVOKE EXECUTE ON FUNCTION pg_catalog.format(text, VARIADIC "any") FROM zava_mcp')
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, "zava_mcp"))
    assert code == 4
    assert "- a call through mcp.call_tool fails for it: permission denied for function format (SQLSTATE 42501)" in err


def _real_server(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, SERVER, "--embedder", "none", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=server_env(),
    )


def test_the_real_server_refuses_over_stdio_and_http_without_a_traceback(shim_db, roles):
    admin(shim_db, f"REVOKE EXECUTE ON FUNCTION {SET_CONFIG} FROM zava_mcp")  # was a traceback before
    stdio = _real_server("--stdio", "--identity", "x", "--database-url", url_as(shim_db, "zava_mcp"))
    assert stdio.returncode == 4, stdio.stderr
    assert f"lacks EXECUTE on function {SET_CONFIG}" in stdio.stderr and "Traceback" not in stdio.stderr

    middle = roles("middle", login=False)
    login = roles("http_member")
    admin(shim_db, f"GRANT zava_owner TO {middle}; GRANT {middle} TO {login}")
    http = _real_server("--database-url", url_as(shim_db, login), "--jwt-secret", "s" * 32, "--port", str(free_port()))
    assert http.returncode == 4, http.stderr
    assert f"member of 'zava_owner' (through {middle!r})" in http.stderr and "Traceback" not in http.stderr


def test_a_database_without_the_shims_package_is_refused_saying_so(shim_db, monkeypatch, capsys):
    """The dispatcher belongs to the shim's own SQL package (shim/sql): without it the server does not start, and
    says which package to apply instead of failing on the first call."""
    with shim_db.connect(autocommit=True) as conn:
        conn.execute("DROP SCHEMA mcp CASCADE")
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, "zava_mcp"))
    assert code == 4
    wanted = "mcp.call_tool(text, text, text, text[], boolean): the shim's own SQL package (shim/sql) is not applied"
    assert wanted in err and "Traceback" not in err


def test_a_shim_package_from_before_the_catalog_functions_is_refused_saying_so(shim_db, monkeypatch, capsys):
    """A server newer than the shim's package in its database (mcp.tools missing) names the package to apply."""
    admin(shim_db, "DROP FUNCTION mcp.tools(text, boolean)")
    code, err = run_main(monkeypatch, capsys, url_as(shim_db, "zava_mcp"))
    assert code == 4
    assert "- function mcp.tools(text, boolean) does not exist: the shim's own SQL package (shim/sql) is not" in err
    assert err.count("\n  - ") == 1, err
