"""Retrieval quality of semantic product search on the labelled set tests/eval/search_queries.jsonl: evaluate() is
what `make eval` (bench/search_eval.py) reports and what tests/search and docs/readme.py check. Runs nothing on
import.

Each query is embedded with the embedder given (default: the configured one, MCP_EMBEDDER) and searched with
retail.search_products_by_description (the HNSW index) as head office. recall@5 is the share of queries with a
relevant product in the first five; MRR the mean reciprocal rank of the first relevant product (0 past 40).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import asyncpg

from shim.embedders import from_environment
from shim.values import vector_text

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "eval" / "search_queries.jsonl"
SEARCH_SQL = """
SELECT p.sku FROM retail.search_products_by_description($1::text::extensions.vector, -1, 40) AS s
JOIN retail.products AS p USING (product_id)
ORDER BY s.similarity_score DESC, p.sku
"""


async def evaluate(url: str, embedder=None) -> dict:
    embedder = embedder or from_environment()
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    vectors = await embedder.embed([q["query"] for q in queries], "query")
    conn = await asyncpg.connect(url)
    try:
        per_query = []
        for query, vector in zip(queries, vectors, strict=True):
            ranked = [r["sku"] for r in await conn.fetch(SEARCH_SQL, vector_text(vector))]
            rank = next((i for i, sku in enumerate(ranked, 1) if sku in set(query["relevant_skus"])), None)
            per_query.append({**query, "rank": rank, "top5": ranked[:5]})
    finally:
        await conn.close()
    groups = defaultdict(list)
    for q in per_query:
        for key in ("all", q["lang"], f"{q['lang']}:{q['kind']}"):
            groups[key].append(q)
    metrics = {
        key: {
            "queries": len(qs),
            "recall_at_5": sum(1 for q in qs if q["rank"] and q["rank"] <= 5) / len(qs),
            "mrr": sum(1 / q["rank"] for q in qs if q["rank"]) / len(qs),
        }
        for key, qs in sorted(groups.items())
    }
    return {"model": embedder.name, "metrics": metrics, "queries": per_query}
