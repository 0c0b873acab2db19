"""Compute product description embeddings: only for products whose text (or the model) changed, in batches,
committing each batch, so an interrupted run resumes where it stopped.

    python embed.py [--batch 32] [--no-cache]   # embedder from MCP_EMBEDDER (default: the offline model)

The text embedded per product is what a shopper's words should meet: name, category, type and description.

The offline model takes a noticeable time per description on a CPU (README.md, "Embedding the catalog", has the
figure make docs measured), so vectors it computed are kept in data/embeddings/<model>.jsonl.gz, keyed by the
sha256 of the text: a fresh clone loads 405 vectors in a moment. The cache is only ever read for the same model
and the same text, new texts are computed and added, and tests/search checks cached vectors against freshly
computed ones.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import asyncpg

from shim.embedders import Embedder, EmbedderError, from_environment
from shim.values import vector_text

PRODUCTS_SQL = """
SELECT p.product_id, p.product_name || '. ' || c.category_name || ' / ' || t.type_name || '. '
       || p.product_description
       || coalesce((SELECT string_agg(' ' || tr.product_name || ' (' || tr.keywords || ').', '' ORDER BY
                    tr.language_code) FROM retail.product_translations AS tr WHERE tr.product_id = p.product_id), '')
       AS text,
       e.source_hash, e.model
FROM retail.products AS p
JOIN retail.categories AS c ON c.category_id = p.category_id
JOIN retail.product_types AS t ON t.type_id = p.type_id
LEFT JOIN retail.product_description_embeddings AS e ON e.product_id = p.product_id
ORDER BY p.sku
"""
UPSERT_SQL = """
INSERT INTO retail.product_description_embeddings (product_id, description_embedding, source_hash, model, created_at)
SELECT x.product_id, x.embedding::extensions.vector, x.source_hash, $4, now()
FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x (product_id, embedding, source_hash)
ON CONFLICT (product_id) DO UPDATE SET description_embedding = excluded.description_embedding,
    source_hash = excluded.source_hash, model = excluded.model, created_at = excluded.created_at
"""


CACHE_DIR = Path(__file__).resolve().parent / "data" / "embeddings"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def cache_path(embedder: Embedder) -> Path:
    return CACHE_DIR / (re.sub(r"[^A-Za-z0-9_.-]+", "_", embedder.name) + ".jsonl.gz")


def load_cache(embedder: Embedder) -> dict[str, list[float]]:
    path = cache_path(embedder)
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        entries = (json.loads(line) for line in f)
        return {e["sha256"]: e["vector"] for e in entries if len(e["vector"]) == embedder.dimension}


def save_cache(embedder: Embedder, vectors: dict[str, list[float]]) -> None:
    path = cache_path(embedder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as raw:  # mtime 0: the same vectors give the same bytes
        for key in sorted(vectors):
            line = json.dumps({"sha256": key, "vector": [round(x, 7) for x in vectors[key]]}, separators=(",", ":"))
            raw.write(line.encode() + b"\n")


async def embed_products(
    url: str, embedder: Embedder, batch: int = 32, log=print, use_cache: bool = True
) -> dict[str, int]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch(PRODUCTS_SQL)
        todo = [r for r in rows if r["source_hash"] != text_hash(r["text"]) or r["model"] != embedder.name]
        log(
            f"embed: {len(rows)} products, {len(rows) - len(todo)} up to date, {len(todo)} to embed "
            f"with {embedder.name} ({embedder.dimension}-d)"
        )
        cache = load_cache(embedder) if use_cache else {}
        cached = sum(text_hash(r["text"]) in cache for r in todo)
        if cached:
            log(f"embed: {cached} of them from {cache_path(embedder).relative_to(CACHE_DIR.parent.parent)}")
        computed = 0
        started = time.perf_counter()
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            missing = [r["text"] for r in chunk if text_hash(r["text"]) not in cache]
            for text, vector in zip(missing, await embedder.embed(missing, "passage") if missing else [], strict=True):
                cache[text_hash(text)] = vector
            computed += len(missing)
            vectors = [cache[text_hash(r["text"])] for r in chunk]
            async with conn.transaction():  # one batch, one commit: a rerun skips what is done
                await conn.execute(
                    UPSERT_SQL,
                    [r["product_id"] for r in chunk],
                    [vector_text(v) for v in vectors],
                    [text_hash(r["text"]) for r in chunk],
                    embedder.name,
                )
            done = start + len(chunk)
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar = "#" * int(30 * done / len(todo))
            log(f"embed: [{bar:<30}] {done}/{len(todo)} ({rate:.0f} products/s)")
        if todo:
            from seed import notify_data_changed

            await notify_data_changed(conn)
        if computed and use_cache:  # keep the vectors of today's texts only, so the file does not grow forever
            current = {text_hash(r["text"]) for r in rows}
            save_cache(embedder, {h: v for h, v in cache.items() if h in current})
        return {"products": len(rows), "embedded": len(todo), "computed": computed}
    finally:
        await conn.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else the embedded development server")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--no-cache", action="store_true", help="compute every vector; read and write no cache")
    args = parser.parse_args(argv)
    import devdb

    url = devdb.admin_url(args.database_url)
    try:
        embedder = from_environment()
        if embedder is None:
            print("embed: MCP_EMBEDDER=none: nothing to do", file=sys.stderr)
            return 1
        asyncio.run(embed_products(url, embedder, args.batch, use_cache=not args.no_cache))
    except EmbedderError as exc:
        print(f"embed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
