"""The official MCP conformance suite (@modelcontextprotocol/conformance, from npm) against a live server of ours.

`conformance server --url <our /mcp> --scenario <name>` connects as an MCP client over streamable HTTP and writes
one checks.json per scenario (each check SUCCESS, FAILURE, WARNING or INFO). The server runs as it does in
production, with verified JWTs: the suite has no option for request headers, so tests/clients/official_tools.py
preloads a module into it that adds our bearer token to every request for the server's origin.

Many of the suite's scenarios test its own demo server: they call fixed tools, resources and prompts
(`test_simple_text`, `test://static-text`, `test_simple_prompt`, ...) that a server serving database functions
does not and should not have. Those are in NOT_APPLICABLE with the reason. Every other scenario is APPLICABLE and
must pass: no FAILURE and no WARNING check (bar the checks in NOT_APPLICABLE_CHECKS), at least one SUCCESS.
An applicable scenario not (yet) in EXPECTED_TO_PASS is a strict xfail: when the server starts passing it, the
test fails until the scenario is added to EXPECTED_TO_PASS.
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import jwt
import pytest
from clients.official_tools import install, list_server_scenarios, run_conformance
from conftest import Database
from mcp_clients import http_server

SECRET = "conformance-secret-" + uuid.uuid4().hex
SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"

# Scenario -> what it checks of us.
APPLICABLE = {
    "server-initialize": "initialize answered with serverInfo, protocolVersion and capabilities",
    "ping": "ping answered with {}",
    "tools-list": "tools/list: every tool has name, description and inputSchema",
    "resources-list": "resources/list: every resource has uri and name",
    "server-sse-multiple-streams": "three concurrent POSTs (tools/list) on one session are all accepted, each SSE "
    "stream delivers an event",
    "dns-rebinding-protection": "POST initialize with Host/Origin evil.example.com gets a 4xx, with our own "
    "Host/Origin a 2xx",
    "logging-set-level": "logging/setLevel {level: info} answered with {} (the logging capability)",
    "completion-complete": "completion/complete for ref/prompt test_prompt_with_arguments answered with "
    "{completion: {values: [...]}} (an empty list will do; the completions capability)",
    "prompts-list": "prompts/list: a prompts array (may be empty), each prompt with name and description",
}

# Applicable scenarios that pass today. The lead extends this as the server gains logging, completions, prompts.
EXPECTED_TO_PASS = {
    "server-initialize",
    "ping",
    "tools-list",
    "resources-list",
    "server-sse-multiple-streams",
    "dns-rebinding-protection",
    "logging-set-level",
    "completion-complete",
    "prompts-list",
}

# Why the others fail today (the xfail reason; an entry may stay after its scenario joins EXPECTED_TO_PASS).
NOT_YET: dict[str, str] = {}

NOT_APPLICABLE = {
    "server-sse-polling": "SEP-1699 resumable SSE: a priming event (id, empty data, retry) needs an event store, and "
    "the SDK's is one store for the whole server keyed by request id, which repeats across sessions: a client "
    "resuming with Last-Event-ID could be replayed another tenant's results. We keep no event store, so no priming "
    "event and no retry field (the retry field only travels in it); streams are not resumable, calls are retried "
    "by the client instead. The scenario also declares mcp-protocol-version 2025-03-26, to which the SDK rightly "
    "sends no priming event at all",
    **{
        name: f"calls the suite's demo tool {tool!r}, which a server of database functions does not have"
        for name, tool in {
            "tools-call-simple-text": "test_simple_text",
            "tools-call-image": "test_image_content",
            "tools-call-audio": "test_audio_content",
            "tools-call-embedded-resource": "test_embedded_resource",
            "tools-call-mixed-content": "test_multiple_content_types",
            "tools-call-with-logging": "test_tool_with_logging",
            "tools-call-error": "test_error_handling",
            "tools-call-with-progress": "test_tool_with_progress",
            "tools-call-sampling": "test_sampling",
            "tools-call-elicitation": "test_elicitation",
            "json-schema-2020-12": "json_schema_2020_12_tool",
            "elicitation-sep1034-defaults": "test_elicitation_sep1034_defaults",
            "elicitation-sep1330-enums": "test_elicitation_sep1330_enums",
        }.items()
    },
    **{
        name: f"reads the suite's demo resource {uri!r}, which we do not serve"
        for name, uri in {
            "resources-read-text": "test://static-text",
            "resources-read-binary": "test://static-binary",
            "resources-templates-read": "test://template/{id}/data",
            "resources-subscribe": "test://watched-resource",
            "resources-unsubscribe": "test://watched-resource",
        }.items()
    },
    **{
        name: f"gets the suite's demo prompt {prompt!r}, which we do not serve"
        for name, prompt in {
            "prompts-get-simple": "test_simple_prompt",
            "prompts-get-with-args": "test_prompt_with_arguments",
            "prompts-get-embedded-resource": "test_prompt_with_embedded_resource",
            "prompts-get-with-image": "test_prompt_with_image",
        }.items()
    },
}

# Checks of applicable scenarios that depend on the suite's demo server all the same (scenario, check id).
NOT_APPLICABLE_CHECKS: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def official():
    return install()  # raises when npm cannot install the tools: the tests error, they never skip


@pytest.fixture(scope="module")
def conformance_db(pg_server, template_db):
    name = f"zava_conformance_{uuid.uuid4().hex[:10]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        yield Database(pg_server, name)


@pytest.fixture(scope="module")
def server(conformance_db, tmp_path_factory):
    login = conformance_db.server.url(conformance_db.name, user="zava_mcp")
    with http_server(login, "--jwt-secret", SECRET, tmp_path=tmp_path_factory.mktemp("conformance-server")) as s:
        yield s


def bearer() -> str:
    return "Bearer " + jwt.encode({"sub": SEATTLE, "exp": int(time.time()) + 3600}, SECRET, algorithm="HS256")


@pytest.fixture(scope="module")
def runs(official, server, tmp_path_factory):
    """Every applicable scenario, four at a time (each is its own Node process against the one server)."""
    out = tmp_path_factory.mktemp("conformance-results")
    with ThreadPoolExecutor(4) as pool:
        futures = {
            name: pool.submit(run_conformance, official, server.mcp_url, name, out / name, bearer())
            for name in sorted(APPLICABLE)
        }
        return {name: future.result() for name, future in futures.items()}


def test_every_server_scenario_of_the_suite_is_classified(official):
    listed = set(list_server_scenarios(official))
    assert not APPLICABLE.keys() & NOT_APPLICABLE.keys()
    assert APPLICABLE.keys() >= EXPECTED_TO_PASS
    assert listed - APPLICABLE.keys() - NOT_APPLICABLE.keys() == set(), "new scenarios: classify them"
    assert (APPLICABLE.keys() | NOT_APPLICABLE.keys()) - listed == set(), "scenarios the suite no longer has"


@pytest.mark.parametrize(
    "scenario",
    [
        name
        if name in EXPECTED_TO_PASS
        else pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=NOT_YET.get(name, "not passing yet")),
        )
        for name in sorted(APPLICABLE)
    ],
)
def test_applicable_scenario_passes(runs, scenario):
    run = runs[scenario]
    relevant = [c for c in run.checks if (scenario, c.get("id")) not in NOT_APPLICABLE_CHECKS]
    failures = [c for c in relevant if c.get("status") == "FAILURE"]
    warnings = [c for c in relevant if c.get("status") == "WARNING"]
    assert not failures, f"{scenario} failed: {run.describe(failures)}"
    assert not warnings, f"{scenario} warned: {run.describe(warnings)}"
    assert any(c.get("status") == "SUCCESS" for c in relevant), f"{scenario}: no check passed: {run.describe()}"
