"""Retrieval quality of product search on the labelled sets of tests/eval (make eval).

    python bench/search_eval.py [--database-url URL] [--set v1|v2|both] [--json]

v1, tests/eval/search_queries.jsonl (90 queries): each query is embedded with the configured embedder (MCP_EMBEDDER,
default the offline model) and searched with retail.search_products_by_description (the HNSW index). recall@5 is
the share of queries with a relevant product in the first five; MRR the mean reciprocal rank of the first relevant
product (0 past 40).

v2, tests/eval/search_queries_v2.jsonl (383 queries in English, Korean and Hebrew; plain, paraphrase, use-case, typo
and no-match): the vector search as the tool runs it today against retail.search_products_hybrid, as head office:
top-1 and majority-of-top-5 category accuracy and recall@5 per language and style, no-match precision and recall,
p50/p95 latency with the embedding included, and both halves of the split the hybrid was calibrated on.
The evaluation itself is bench/search_quality.py; bench/search_results.md discusses a run.
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

from bench.search_quality import QUERIES, compare, comparison_tables, evaluate

__all__ = ["QUERIES", "evaluate", "main"]  # docs/readme.py imports QUERIES and evaluate from here


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--set", choices=("v1", "v2", "both"), default="both", help="which labelled set (default both)")
    parser.add_argument("--json", action="store_true", help="print every query's result too")
    args = parser.parse_args()
    import devdb

    url = devdb.admin_url(args.database_url)
    reports = {}
    if args.set in ("v1", "both"):
        reports["v1"] = asyncio.run(evaluate(url))
    if args.set in ("v2", "both"):
        reports["v2"] = asyncio.run(compare(url))
    if args.json:
        print(json.dumps(reports["v1"] if args.set == "v1" else reports, ensure_ascii=False, indent=1, default=str))
        return 0
    if "v1" in reports:
        report = reports["v1"]
        print(f"model: {report['model']}")
        print(f"{'group':16} {'queries':>7} {'recall@5':>9} {'MRR':>6}")
        for key, m in report["metrics"].items():
            print(f"{key:16} {m['queries']:7d} {m['recall_at_5']:9.3f} {m['mrr']:6.3f}")
    if "v2" in reports:
        if "v1" in reports:
            print()
        print(comparison_tables(reports["v2"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
