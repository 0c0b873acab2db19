"""Retrieval quality of semantic product search on the labelled set tests/eval/search_queries.jsonl.

    python bench/search_eval.py [--database-url URL] [--json]

Each query is embedded with the configured embedder (MCP_EMBEDDER, default the offline model) and searched with
retail.search_products_by_description (the HNSW index) as head office. recall@5 is the share of queries with a
relevant product in the first five; MRR the mean reciprocal rank of the first relevant product (0 past 40). The
evaluation itself is bench/search_quality.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

if __name__ == "__main__":
    # Run as a file (make eval), Python put bench/ first on the module path: the repository root goes there instead,
    # so that the bench package (and devdb, shim) import from this checkout.
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from bench.search_quality import QUERIES, evaluate

__all__ = ["QUERIES", "evaluate", "main"]  # docs/readme.py imports QUERIES and evaluate from here


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
