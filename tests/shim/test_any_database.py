"""'Point it at any database with an API schema and it serves that': the same server.py, with flags only, serves a
tiny lending library that has nothing of the retail package: only the shim's own SQL package (shim/sql: schema mcp and
the call dispatcher mcp.call_tool), applied by migrate.py as any package, and its own objects.

The library has its own roles, a table under row-level security keyed by its own identity setting, its own role
function and an API schema of its own; the server's login is a NOINHERIT member of the one request role."""

from __future__ import annotations

import asyncio
import re
import uuid

import pytest
from conftest import ROOT, apply_package
from mcp_clients import stdio_session, tool_error

import migrate
from shim.app import Shim
from shim.config import Settings

LIBRARY = """
CREATE ROLE {reader} NOLOGIN;
CREATE ROLE {login} LOGIN NOINHERIT IN ROLE {reader};
CREATE SCHEMA library;
CREATE SCHEMA lending;
CREATE TABLE library.loans (title text NOT NULL, borrower text NOT NULL);
INSERT INTO library.loans VALUES ('Dune', 'alice'), ('Emma', 'alice'), ('Ulysses', 'bob');
ALTER TABLE library.loans ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY own_loans ON library.loans FOR SELECT TO {reader}
    USING (borrower = current_setting('mcp.identity', true));
CREATE FUNCTION library.role_for(identity text) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT CASE WHEN identity IN ('alice', 'bob') THEN '{reader}' END $$;
CREATE FUNCTION lending.my_loans(starting_with text DEFAULT '') RETURNS TABLE (title text) LANGUAGE sql STABLE
    AS $$ SELECT l.title FROM library.loans AS l WHERE l.title LIKE starting_with || '%' ORDER BY l.title $$;
COMMENT ON FUNCTION lending.my_loans(text) IS 'The books you have borrowed.
@param starting_with Only titles that start with this.';
CREATE SCHEMA library_jobs;
CREATE TABLE library.job_runs (job text NOT NULL);
CREATE FUNCTION library_jobs.count_loans() RETURNS void LANGUAGE sql
    AS $$ INSERT INTO library.job_runs VALUES ('count_loans') $$;
COMMENT ON FUNCTION library_jobs.count_loans() IS 'Counts the loans.
@every 0.2';
CREATE FUNCTION library_jobs.always_fails() RETURNS void LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'this job always fails'; END $$;
COMMENT ON FUNCTION library_jobs.always_fails() IS '@every 0.2';
CREATE FUNCTION library_jobs.unscheduled() RETURNS void LANGUAGE sql
    AS $$ INSERT INTO library.job_runs VALUES ('unscheduled') $$;
COMMENT ON FUNCTION library_jobs.unscheduled() IS 'No schedule in its comment: never run.';
CREATE FUNCTION library_jobs.forbidden() RETURNS void LANGUAGE sql
    AS $$ INSERT INTO library.job_runs VALUES ('forbidden') $$;
COMMENT ON FUNCTION library_jobs.forbidden() IS '@every 0.2';
REVOKE EXECUTE ON FUNCTION library_jobs.forbidden() FROM public;
CREATE FUNCTION library_jobs.too_slow() RETURNS void LANGUAGE sql AS $$ SELECT pg_sleep(5) $$;
COMMENT ON FUNCTION library_jobs.too_slow() IS '@every 0.2';
GRANT USAGE ON SCHEMA library_jobs TO {login};
GRANT INSERT ON library.job_runs TO {login};
GRANT USAGE ON SCHEMA library, lending TO {reader};
GRANT SELECT ON library.loans TO {reader};
GRANT USAGE ON SCHEMA library TO {login};
GRANT EXECUTE ON FUNCTION library.role_for(text) TO {login};
"""


@pytest.fixture
def library(empty_db):
    """An empty database made a lending library; its two roles are dropped afterwards (roles are cluster-wide)."""
    suffix = uuid.uuid4().hex[:8]
    reader, login = f"library_reader_{suffix}", f"library_mcp_{suffix}"
    apply_package(empty_db.url, migrate.load_config(ROOT / "shim" / "sql" / "migrate.toml", environ={}))
    with empty_db.connect(autocommit=True) as conn:
        conn.execute(LIBRARY.format(reader=reader, login=login))
        # What an application's package grants its own login (the retail one: sql/schema/1190).
        conn.execute(f"GRANT USAGE ON SCHEMA mcp TO {login}")
        conn.execute(f"GRANT EXECUTE ON FUNCTION mcp.call_tool(text, text, text, text[], boolean) TO {login}")
        conn.execute(f"GRANT EXECUTE ON FUNCTION mcp.tools(text, boolean) TO {login}")  # it serves no prompts
    yield empty_db.server.url(empty_db.name, user=login)
    with empty_db.connect(autocommit=True) as conn:
        conn.execute(f"DROP OWNED BY {login}, {reader}")
        conn.execute(f"DROP ROLE {login}, {reader}")


FLAGS = ("--schema", "lending", "--prompts-schema", "", "--role-function", "library.role_for")
FLAGS += ("--embedder", "none")


async def loans(url: str, identity: str, *calls: dict) -> list[dict]:
    async with stdio_session(url, *FLAGS, "--identity", identity) as session:
        tools = (await session.list_tools()).tools
        assert [t.name for t in tools] == ["my_loans"]
        described = tools[0].input_schema["properties"]["starting_with"]["description"]
        assert described == "Only titles that start with this."
        results = [await session.call_tool("my_loans", arguments) for arguments in calls]
        return [tool_error(r) if r.is_error else r.structured_content for r in results]


async def test_another_schema_is_served_by_the_same_server_with_flags_only(library):
    every, some = await loans(library, "alice", {}, {"starting_with": "E"})
    assert every == {"rows": [{"title": "Dune"}, {"title": "Emma"}], "row_count": 2, "truncated": False}  # not bob's
    assert some == {"rows": [{"title": "Emma"}], "row_count": 1, "truncated": False}
    [refused] = await loans(library, "mallory", {})  # the library knows no such borrower
    assert refused["code"] == "AUTHORIZATION_ERROR"


async def test_the_database_schedules_jobs_and_a_failing_one_stops_nothing(library, empty_db):
    """--jobs-schema: every argument-less function there that the login may execute and whose comment says
    "@every <seconds>" runs on that schedule, as the login; one that fails, or runs past --job-timeout-s, is logged
    and runs again, and none of them keeps the others or the tools from running meanwhile."""
    jobs = ("--jobs-schema", "library_jobs", "--job-timeout-s", "0.2")
    async with stdio_session(library, *FLAGS, *jobs, "--identity", "alice") as session:
        for _ in range(6):
            await asyncio.sleep(0.25)
            result = await session.call_tool("my_loans", {})
            assert not result.is_error and result.structured_content["row_count"] == 2
    with empty_db.connect() as conn:
        runs = dict(conn.execute("SELECT job, count(*) FROM library.job_runs GROUP BY job").fetchall())
    assert set(runs) == {"count_loans"}, "an unscheduled or forbidden function ran"
    assert runs["count_loans"] >= 4, f"1.5 s at one run per 0.2 s made only {runs['count_loans']} runs"


async def test_jobs_show_on_the_metrics(library):
    """/metrics counts each job's runs by outcome and keeps its last success's time and numeric result, so a job
    that keeps failing shows there (the retail fold's result is the number of changes it folded)."""
    settings = Settings(
        database_url=library,
        schema="lending",
        prompts_schema="",
        role_function="library.role_for",
        jobs_schema="library_jobs",
        job_timeout_s=0.2,
        embedder="none",
    )
    shim = Shim(settings)
    await shim.start()
    try:
        await asyncio.sleep(1.2)
    finally:
        await shim.stop()
    metrics = shim.metrics.render(None).decode()
    ran = re.search(r'mcp_job_runs_total\{job="library_jobs.count_loans\(\)",outcome="ok"\} (\d+)', metrics)
    failed = re.search(r'mcp_job_runs_total\{job="library_jobs.always_fails\(\)",outcome="error"\} (\d+)', metrics)
    cut = re.search(r'mcp_job_runs_total\{job="library_jobs.too_slow\(\)",outcome="error"\} (\d+)', metrics)
    assert ran and float(ran[1]) >= 3 and failed and float(failed[1]) >= 3, metrics
    assert cut and float(cut[1]) >= 1, "a job past --job-timeout-s was not cut off"
    assert 'mcp_job_last_success_timestamp_seconds{job="library_jobs.count_loans()"}' in metrics
    assert 'job="library_jobs.always_fails()"' not in metrics.split("mcp_job_last_success_timestamp_seconds")[-1]
