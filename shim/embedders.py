"""Text to vectors, for `vector` arguments of tools and for `make embed`.

Two providers behind one small interface (`dimension`, `name`, `embed(texts, kind)`):
- `offline`: a model shipped inside a pip package, loaded from site-packages; nothing is downloaded at run time.
- `openai`: any OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure OpenAI, a local embedding server).

`kind` is "query" or "passage": some models (the e5 family) embed the two differently.
"""

from __future__ import annotations

import array
import collections
import contextlib
import dataclasses
import math
import os
import unicodedata
from typing import Protocol

import httpx

from shim.errors import ToolError
from shim.turns import NoTurn, Turns
from shim.values import vector_text


class Embedder(Protocol):
    name: str
    dimension: int

    async def embed(self, texts: list[str], kind: str = "query") -> list[list[float]]: ...


class EmbedderError(Exception):
    pass


def _normalise(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


@dataclasses.dataclass
class OpenAICompatibleEmbedder:
    """POST {url}/embeddings {"model", "input"} → data[i].embedding. Azure: pass the deployment URL and api_key_header
    'api-key'; OpenAI and most local servers: the default 'Authorization: Bearer'."""

    url: str
    model: str
    dimension: int
    api_key: str | None = None
    api_key_header: str = "Authorization"
    timeout_s: float = 30.0
    request_dimensions: bool = False  # send "dimensions" (text-embedding-3-* can shorten its vectors)

    @property
    def name(self) -> str:
        return f"openai:{self.model}"

    def _headers(self) -> dict[str, str]:
        if not self.api_key:
            return {}
        if self.api_key_header.lower() == "authorization":
            return {"Authorization": f"Bearer {self.api_key}"}
        return {self.api_key_header: self.api_key}

    async def embed(self, texts: list[str], kind: str = "query") -> list[list[float]]:
        body: dict = {"model": self.model, "input": texts}
        if self.request_dimensions:
            body["dimensions"] = self.dimension
        endpoint = self.url.rstrip("/") + ("" if self.url.rstrip("/").endswith("/embeddings") else "/embeddings")
        try:
            async with httpx.AsyncClient(timeout=self.timeout_s) as client:
                response = await client.post(endpoint, json=body, headers=self._headers())
        except httpx.HTTPError as exc:
            raise EmbedderError(f"embedding service unreachable: {type(exc).__name__}") from None
        if response.status_code != 200:
            raise EmbedderError(f"embedding service answered {response.status_code}: {response.text[:200]}")
        data = sorted(response.json().get("data", []), key=lambda d: d.get("index", 0))
        vectors = [d["embedding"] for d in data]
        if len(vectors) != len(texts) or any(len(v) != self.dimension for v in vectors):
            got = {len(v) for v in vectors}
            raise EmbedderError(
                f"embedding service returned {len(vectors)} vectors of dimension {got}; "
                f"expected {len(texts)} of {self.dimension}"
            )
        return [_normalise(v) for v in vectors]


def from_environment(environ: dict | None = None) -> Embedder | None:
    """MCP_EMBEDDER=offline (default) | openai | none, with MCP_EMBEDDING_* settings for openai."""
    env = os.environ if environ is None else environ
    kind = env.get("MCP_EMBEDDER", "offline").lower()
    if kind == "none":
        return None
    if kind == "openai":
        try:
            return OpenAICompatibleEmbedder(
                url=env["MCP_EMBEDDING_URL"],
                model=env["MCP_EMBEDDING_MODEL"],
                dimension=int(env["MCP_EMBEDDING_DIM"]),
                api_key=env.get("MCP_EMBEDDING_API_KEY"),
                api_key_header=env.get("MCP_EMBEDDING_API_KEY_HEADER", "Authorization"),
            )
        except KeyError as missing:
            raise EmbedderError(f"MCP_EMBEDDER=openai needs {missing.args[0]}") from None
    if kind == "offline":
        from shim.offline_embedder import OfflineEmbedder

        return OfflineEmbedder()
    raise EmbedderError(f"unknown MCP_EMBEDDER {kind!r}: offline, openai or none")


async def embed_one(embedder: Embedder, text: str) -> list[float]:
    [vector] = await embedder.embed([text], "query")
    return vector


def query_key(text: str) -> str:
    """A query as the model reads it: Unicode NFC, runs of whitespace as one space, trimmed. Case is kept (the
    offline model's tokenizer is case-sensitive)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class QueryEmbeddings:
    """Query text to vector, in pgvector's text form, remembering the last `capacity` queries (per identity) so
    that a repeated search does not re-embed (the offline model spends tens of ms of CPU per text) nor format 384
    numbers again (~150 µs of the server's CPU a search). Vectors are kept at float32, what pgvector stores.

    The embedder does one text at a time, in arrival order, before the call has a connection (so the per-identity
    call limit does not reach it): each identity has one text at the embedder at most, and another identity's
    search waits behind one of its texts, not all of them (12 long searches of one caller held everyone's for 25 s).
    A text that waits more than `wait_s` for its identity's turn is refused SERVER_BUSY."""

    def __init__(self, embedder: Embedder, capacity: int = 2048, wait_s: float = 5.0):
        self.embedder, self.capacity, self.wait_s = embedder, capacity, wait_s
        self._vectors: collections.OrderedDict[tuple[str | None, str], str] = collections.OrderedDict()
        self._turns = Turns(1)  # per identity: its one text at the embedder
        self.hits = self.misses = 0

    async def __call__(self, text: str, identity: str | None = None) -> str:
        # Per identity: shared, a hit's speed told a tenant that another had searched that text (an outside probe:
        # 9-20 ms against 0.8-1.2 s for a long text).
        key = query_key(text)
        vector = self._vectors.get((identity, key))
        if vector is not None:
            self._vectors.move_to_end((identity, key))
            self.hits += 1
            return vector
        self.misses += 1
        async with self._turn(identity):
            [fresh] = await self.embedder.embed([key], "query")
        self._vectors[(identity, key)] = vector = vector_text(array.array("f", fresh).tolist())
        while len(self._vectors) > self.capacity:
            self._vectors.popitem(last=False)
        return vector

    @contextlib.asynccontextmanager
    async def _turn(self, identity: str | None):
        if identity is None:
            yield
            return
        try:
            async with self._turns.hold(identity, self.wait_s):
                yield
        except NoTurn:
            raise ToolError(
                "SERVER_BUSY",
                f"this identity's searches waited over {self.wait_s:g} s for the embedder, one text at a time",
                hint="send fewer searches at once",
            ) from None
