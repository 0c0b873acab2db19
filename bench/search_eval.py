"""Retrieval quality of semantic product search on the labelled set tests/eval/search_queries.jsonl.

    python bench/search_eval.py [--database-url URL] [--json]

Each query is embedded with the configured embedder (MCP_EMBEDDER, default the offline model) and searched with
retail.search_products_by_description (the HNSW index) as head office. recall@5 is the share of queries with a
relevant product in the first five; MRR the mean reciprocal rank of the first relevant product (0 past 40).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import asyncpg  # noqa: E402

from shim.embedders import from_environment  # noqa: E402
from shim.values import vector_text  # noqa: E402

QUERIES = ROOT / "tests" / "eval" / "search_queries.jsonl"
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--json", action="store_true", help="print every query's rank too")
    args = parser.parse_args()
    import devdb

    report = asyncio.run(evaluate(devdb.admin_url(args.database_url)))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"model: {report['model']}")
    print(f"{'group':16} {'queries':>7} {'recall@5':>9} {'MRR':>6}")
    for key, m in report["metrics"].items():
        print(f"{key:16} {m['queries']:7d} {m['recall_at_5']:9.3f} {m['mrr']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
