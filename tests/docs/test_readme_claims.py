"""What the README says about the code, compared with the code: error codes, the server's flags and environment
variables, the configuration table, zava_mcp's rights, the tools, the search limits, migrate's states."""

from __future__ import annotations

import ast
import inspect
import os
import re

import pytest
from readme_parts import ROOT, code_spans, table_after, text

from shim import cli, errors


def test_error_table_names_exactly_the_codes_the_shim_gives():
    table = table_after(r"^  \| code \| when \|$|^\| code \| when \|$")
    listed = {code for cells in table for code in re.findall(r"`([A-Z_]+)`", cells[0])}
    assert listed == errors.ERROR_CODES | {errors.CANCELLED}, (
        f"README only: {listed - errors.ERROR_CODES - {errors.CANCELLED}}; "
        f"shim only: {errors.ERROR_CODES | {errors.CANCELLED} - listed}"
    )


def test_error_codes_is_every_code_the_source_can_produce():
    """shim/errors.py's ERROR_CODES against the source: every ToolError(...) code, every SQLSTATE mapping and the
    fallback are in it, and each code in it is produced somewhere (so the README table, checked against it, is
    complete both ways)."""
    produced = set(errors.SQLSTATE_CODES.values()) | set(errors.SQLSTATE_CLASSES.values())
    produced.add(errors.code_for_sqlstate("XX000"))
    for path in [ROOT / "server.py", *sorted((ROOT / "shim").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ToolError" and node.args:
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{path.name}:{node.lineno}: a ToolError code not literal"
                produced.add(first.value)
    assert produced == errors.ERROR_CODES, produced ^ errors.ERROR_CODES
    pipeline = (ROOT / "shim" / "pipeline.py").read_text()
    assert "CANCELLED" not in produced and 'outcome, code = "cancelled", CANCELLED' in pipeline


SAMPLES = {int: "7", float: "2.5", str: "sample"}


def _sample(action) -> tuple[str, object]:
    """A value for the flag's environment variable, other than its default, and what the parser makes of it."""
    if action.nargs == 0:  # store_true
        return "yes", True
    if action.choices:
        choice = next(c for c in action.choices if c != action.documented_default)
        return str(choice).lower(), choice
    kind = action.type or str
    if kind is str.upper:
        return "x", "X"
    raw = SAMPLES.get(kind, "/tmp/sample")
    return raw, kind(raw)


def test_every_server_flag_but_one_takes_its_environment_variable(monkeypatch):
    """The README's claim, against the real parser: each variable set alone changes that flag's value, and the
    command line wins over it; the one flag without a variable is the one the README names."""
    for name in list(os.environ):
        if name.startswith("MCP_") or name == "CACHE_URL":
            monkeypatch.delenv(name)
    actions = [a for a in cli.build_parser()._actions if a.option_strings and a.dest != "help"]
    without = [a.option_strings[0] for a in actions if a.env is None]
    assert without == ["--insecure-dev-identity-header"]
    assert "Every flag of the server but `--insecure-dev-identity-header` has an environment variable" in text()
    defaults = vars(cli.parse_args([]))
    for action in actions:
        if action.env is None:
            continue
        raw, value = _sample(action)
        monkeypatch.setenv(action.env, raw)
        parsed = vars(cli.parse_args([]))
        changed = {k for k in parsed if parsed[k] != defaults[k]}
        assert parsed[action.dest] == value and changed == {action.dest}, (action.env, raw, parsed[action.dest])
        if action.nargs != 0 and not action.choices:
            other = {"7": "8", "2.5": "3.5", "x": "y"}.get(raw, raw + "-other")
            on_line = vars(cli.parse_args([action.option_strings[0], other]))[action.dest]
            assert on_line != value, f"{action.env} wins over {action.option_strings[0]}"
        monkeypatch.delenv(action.env)
        assert f"`{action.env}`" in text(), f"{action.env} is not in the README's table"


def test_an_invalid_choice_from_the_environment_is_a_usage_error(monkeypatch, capsys):
    monkeypatch.setenv("MCP_JIT", "maybe")
    with pytest.raises(SystemExit) as exit_:
        cli.parse_args([])
    assert exit_.value.code == 2 and "$MCP_JIT: invalid choice 'maybe'" in capsys.readouterr().err


def test_configuration_table_defaults_are_the_codes():
    rows = {re.sub(r"`", "", cells[0]).split()[0]: cells[1] for cells in table_after(r"^## Configuration")}
    sources = {p.name: p.read_text() for p in (ROOT / "devdb.py", ROOT / "migrate.py")}
    for name, default in rows.items():
        if not re.fullmatch(r"[A-Z_]+", name) or name == "DATABASE_URL":
            continue
        found = [
            m[1] for text_ in sources.values() for m in re.finditer(rf'os\.environ\.get\("{name}", ([^)]+\)?)\)', text_)
        ]
        assert found, f"{name}: no os.environ.get default in devdb.py or migrate.py"
        shown = default.strip("`")
        assert any(shown in f for f in found), f"{name}: README says {shown}, the code {found}"
    import migrate

    assert "`embedding_dim = 384`" in rows["migrate.toml"]
    assert migrate.load_config().variables["embedding_dim"] == 384


def test_zava_mcp_has_exactly_the_rights_the_readme_lists(admin):
    """Beyond what PUBLIC has: the schemas, functions and memberships the README names, no table, owns nothing."""
    bullet = next(p for p in text().split("\n- ") if p.startswith("`zava_mcp`, the server's login"))
    members = {
        r[0]
        for r in admin.execute(
            "SELECT r.rolname FROM pg_auth_members AS m JOIN pg_roles AS r ON r.oid = m.roleid "
            "WHERE m.member = 'zava_mcp'::regrole"
        ).fetchall()
    }
    assert members == {"zava_store_manager", "zava_regional_manager", "zava_head_office", "zava_sql_reader"}
    assert "the three request roles and `zava_sql_reader`" in bullet
    schemas = {
        r[0]
        for r in admin.execute(
            "SELECT nspname FROM pg_namespace WHERE has_schema_privilege('zava_mcp', oid, 'USAGE') "
            "AND NOT has_schema_privilege('public', oid, 'USAGE')"
        ).fetchall()
    }
    assert schemas == {"auth", "jobs", "mcp"}
    assert all(f"schema `{s}`" in bullet for s in schemas)
    functions = {
        r[0]
        for r in admin.execute(
            "SELECT p.oid::regproc::text FROM pg_proc AS p WHERE p.pronamespace <> 'pg_catalog'::regnamespace "
            "AND has_function_privilege('zava_mcp', p.oid, 'EXECUTE') "
            "AND NOT has_function_privilege('public', p.oid, 'EXECUTE')"
        ).fetchall()
    }
    wanted = {"mcp.call_tool", "mcp.tools", "mcp.prompts", "auth.request_role", "jobs.fold_sales_changes"}
    assert functions == {*wanted, "auth.call_tool"}
    assert all(f"`{f}()`" in bullet for f in functions)
    builtins = {
        r[0]
        for r in admin.execute(
            "SELECT DISTINCT p.proname FROM pg_proc AS p WHERE p.pronamespace = 'pg_catalog'::regnamespace "
            "AND has_function_privilege('zava_mcp', p.oid, 'EXECUTE') "
            "AND NOT has_function_privilege('public', p.oid, 'EXECUTE')"
        ).fetchall()
    }
    for named in ("set_config", "format", "array_agg", "string_agg", "repeat"):
        assert named in builtins and f"`{named}`" in bullet, named
    tables = admin.execute(
        "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = 'zava_mcp'"
    ).fetchone()[0]
    assert tables == 0 and "has no right on any table" in bullet


def test_the_tool_table_is_the_api_schema(admin):
    table = {re.sub(r"`", "", cells[0]) for cells in table_after(r"^\| tool \| answers \|$")}
    functions = {
        r[0]
        for r in admin.execute("SELECT proname FROM pg_proc WHERE pronamespace = 'api'::regnamespace AND prokind = 'f'")
    }
    assert table | {"semantic_search_products"} == functions, table ^ functions
    assert "`semantic_search_products(query_description, max_rows = 10, similarity_threshold = none)`" in text()
    defaults = admin.execute("SELECT pg_get_function_arguments('api.semantic_search_products'::regproc)").fetchone()[0]
    assert (
        "max_rows api.search_max_rows DEFAULT 10" in defaults
        and "similarity_threshold api.similarity DEFAULT NULL" in defaults
    )
    assert "query_text api.embedding_source DEFAULT NULL" in defaults  # the server's to fill: not in the README's call


def test_search_limits_are_the_tools_schema(admin, db):
    import asyncio

    import asyncpg

    from shim.catalog import load_tools
    from shim.database import init_connection

    async def tool():
        conn = await asyncpg.connect(db.server.url(db.name, user="zava_mcp"))
        try:
            await init_connection(conn)
            return (await load_tools(conn, "api", embed_vectors=True))["semantic_search_products"]
        finally:
            await conn.close()

    props = asyncio.run(tool()).input_schema()["properties"]
    dash = "\u2013"
    limits = re.search(
        rf"\*\*Limits\.\*\* `query_description` (\d){dash}([\d,]+) characters, `max_rows` (\d+){dash}(\d+)", text()
    )
    assert props["query_description"].get("minLength", 1) == int(limits[1])
    assert props["query_description"]["maxLength"] == int(limits[2].replace(",", ""))
    assert (props["max_rows"]["minimum"], props["max_rows"]["maximum"]) == (int(limits[3]), int(limits[4]))
    assert (props["similarity_threshold"]["minimum"], props["similarity_threshold"]["maximum"]) == (0, 1)
    assert f"`similarity_threshold` 0{dash}1" in text()


def test_migrate_states_and_lock_defaults():
    import migrate

    states = {re.sub(r"`", "", cells[0]) for cells in table_after(r"^  \| state \| meaning \| apply \|$")}
    source = inspect.getsource(migrate.compare)
    made = {state for state in migrate.STATES if f'"{state}"' in source}  # the states compare() can give
    assert states == made == set(migrate.STATES), (states, made)
    config = migrate.load_config()
    assert (config.lock_timeout_ms, config.lock_retries) == (5000, 3)
    assert "`lock_timeout` (5 s;" in text() and "(3 more times, `--lock-retries`)" in text()


def test_numeric_defaults_quoted_with_a_flag_are_the_parsers():
    """`--flag N` written in the README: N is that flag's default."""
    defaults = {a.option_strings[0]: a.documented_default for a in cli.build_parser()._actions if hasattr(a, "env")}
    for span in code_spans():
        m = re.fullmatch(r"(--[a-z-]+) (\d+)", span)
        if m and m[1] in defaults:
            assert str(defaults[m[1]]) == m[2], span


def test_forced_rls_tables_are_the_ones_named(admin):
    forced = {
        r[0]
        for r in admin.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'retail'::regnamespace AND relkind IN ('r', 'p') "
            "AND relrowsecurity AND relforcerowsecurity"
        )
    }
    named = {"stores", "customers", "inventory", "orders", "order_items"}
    assert named <= forced and {t for t in forced - named if not t.startswith("sales_")} == set(), forced
    assert "`order_items` and the sales rollups `sales_*`)" in text()


def test_stores_and_managers_are_as_described(admin):
    stores = admin.execute("SELECT count(*) FROM retail.stores").fetchone()[0]
    regional = admin.execute(
        "SELECT count(*) FROM retail.managers WHERE access_level::text = 'regional_manager'"
    ).fetchone()[0]
    assert (stores, regional) == (8, 3)
    assert "The eight\n  stores keep the sample's `rls_user_id`s; three regional managers" in text()


def test_cache_lifetimes_are_the_comments(db):
    import asyncio

    import asyncpg

    from shim.catalog import load_tools
    from shim.database import init_connection

    async def tools():
        conn = await asyncpg.connect(db.server.url(db.name, user="zava_mcp"))
        try:
            await init_connection(conn)
            return await load_tools(conn, "api", embed_vectors=True)
        finally:
            await conn.close()

    ttl = {name: t.cache_ttl_s for name, t in asyncio.run(tools()).items()}
    sentence = " ".join(text().split())
    inventory = {"get_low_stock", "get_inventory_value", "get_stockout_risk", "get_slow_movers"}
    uncached = {"get_current_utc_date", "semantic_search_products", "execute_sales_query"}
    assert {n for n, s in ttl.items() if s == 60} == inventory
    assert {n for n, s in ttl.items() if s == 3600} == {"get_measure_glossary"}
    assert {n for n, s in ttl.items() if not s} == uncached
    assert {s for n, s in ttl.items() if n not in inventory | uncached | {"get_measure_glossary"}} == {300}
    assert (
        "The inventory tools (`get_low_stock`, `get_inventory_value`, `get_stockout_risk`, `get_slow_movers`) cache "
        "for 60 s, "
        "`get_measure_glossary` for 3,600 s, and every other tool for 300 s except `get_current_utc_date`, "
        "`semantic_search_products` and `execute_sales_query`, which are not cached." in sentence
    )
