"""Retrieval quality of product search on the labelled sets of tests/eval: what `make eval` (bench/search_eval.py)
reports and what tests/search and docs/readme.py check. Runs nothing on import.

evaluate(): the original 90 queries (search_queries.jsonl). Each query is embedded with the embedder given (default:
the configured one, MCP_EMBEDDER) and searched with retail.search_products_by_description (the HNSW index).
recall@5 is the share of queries with a relevant product in the first five; MRR the mean reciprocal rank of the
first relevant product (0 past 40).

compare(): the 383 queries of search_queries_v2.jsonl (tests/eval/README.md), each searched twice as head office
(role zava_head_office, its identity set): by the vector search as the tool runs it today
(retail.search_products_by_description, threshold 0.80: a query whose nearest product is below it gets no rows) and
by retail.search_products_hybrid (query text and embedding, its calibrated floor). Per group (language, style,
both): top-1 category accuracy (the first row is in the query's category), majority-of-top-5 category accuracy (at
least 3 of the first 5 rows are: a shorter answer needs as many), recall@5 (a labelled SKU in the first five);
for no_match queries, precision and recall of declining (no rows). A query answered with no rows is a miss for
the accuracy figures. Latency per query: its embedding (computed afresh, as on a cache miss of the server) plus
the SQL call with the tool's defaults (10 rows), through one connection; p50 and p95 over the queries.
The hybrid's weight and floor were chosen on the fitting half (FIT: every other query of each language and style,
by id) and are reported on both halves: the test half is the honest figure.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections import defaultdict
from pathlib import Path

import asyncpg

from shim.embedders import from_environment
from shim.values import vector_text

QUERIES = Path(__file__).resolve().parent.parent / "tests" / "eval" / "search_queries.jsonl"
QUERIES_V2 = QUERIES.with_name("search_queries_v2.jsonl")
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"
TOOL_THRESHOLD = 0.80  # api.semantic_search_products' default similarity_threshold (migrate.toml)
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


# The vector travels as a bound extensions.vector (a text codec, parsed once per call), as the server binds it: a text
# parameter cast in the statement would be parsed again for every row under a generic plan (30 ms instead of 1).
VECTOR_SQL = """
SELECT p.sku, p.category_id, s.similarity_score >= $2 AS kept
FROM retail.search_products_by_description($1::extensions.vector, -1, 40) AS s
JOIN retail.products AS p USING (product_id)
ORDER BY s.similarity_score DESC, p.sku
"""
HYBRID_SQL = """
SELECT p.sku, p.category_id, s.above_floor AS kept
FROM retail.search_products_hybrid($1, $2::extensions.vector, 40, -1) AS s
JOIN retail.products AS p USING (product_id)
ORDER BY s.score DESC, p.sku
"""
# What a call costs, with the tool's defaults: 10 rows, the threshold or the calibrated floor.
VECTOR_TIMED = "SELECT count(*) FROM retail.search_products_by_description($1::extensions.vector, $2, 10)"
HYBRID_TIMED = "SELECT count(*) FROM retail.search_products_hybrid($1, $2::extensions.vector, 10)"
METHODS = ("vector", "hybrid")


def load_v2() -> list[dict]:
    return [json.loads(line) for line in QUERIES_V2.read_text(encoding="utf-8").splitlines() if line.strip()]


def fitting_half(queries: list[dict]) -> set[str]:
    """The ids the hybrid's weight and floor were chosen on: every other query of each (language, style), by id."""
    strata = defaultdict(list)
    for q in queries:
        strata[(q["lang"], q["kind"])].append(q["id"])
    return {i for ids in strata.values() for i in sorted(ids)[0::2]}


def _scores(q: dict, rows: list, categories: dict) -> dict:
    kept = [r for r in rows if r["kept"]]
    if q["kind"] == "no_match":
        return {"declined": not kept}
    wanted = categories[q["category"]]
    top5 = kept[:5]
    return {
        "declined": not kept,
        "top1": bool(kept) and kept[0]["category_id"] == wanted,
        "majority5": sum(r["category_id"] == wanted for r in top5) >= 3,
        "recall5": any(r["sku"] in set(q["relevant_skus"]) for r in top5),
        "top5": [r["sku"] for r in top5],
    }


def _percentiles(values: list[float]) -> tuple[float, float]:
    """p50 and p95 (nearest rank)."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _metrics(results: list[dict]) -> dict:
    matched = [r for r in results if r["kind"] != "no_match"]
    off = [r for r in results if r["kind"] == "no_match"]
    embedding = _percentiles([r["latency_ms"]["embedding"] for r in results])
    out = {"queries": len(results), "matched": len(matched), "no_match": len(off), "embedding_ms": embedding}
    for m in METHODS:
        declined = [r for r in results if r[m]["declined"]]
        p50, p95 = _percentiles([r["latency_ms"][m] for r in results])
        out[m] = {
            "top1": sum(r[m]["top1"] for r in matched) / len(matched) if matched else None,
            "majority5": sum(r[m]["majority5"] for r in matched) / len(matched) if matched else None,
            "recall5": sum(r[m]["recall5"] for r in matched) / len(matched) if matched else None,
            "declined": len(declined),
            "no_match_precision": sum(r["kind"] == "no_match" for r in declined) / len(declined) if declined else None,
            "no_match_recall": sum(r[m]["declined"] for r in off) / len(off) if off else None,
            "p50_ms": p50,
            "p95_ms": p95,
        }
    return out


async def compare(url: str, embedder=None) -> dict:
    """Vector-only against hybrid on search_queries_v2.jsonl (see the module's docstring)."""
    embedder = embedder or from_environment()
    queries = load_v2()
    fit = fitting_half(queries)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("SELECT set_config('mcp.identity', $1, false)", HEAD_OFFICE)
        await conn.execute("SET ROLE zava_head_office")
        await conn.set_type_codec("vector", schema="extensions", encoder=str, decoder=str, format="text")
        categories = dict(await conn.fetch("SELECT category_name, category_id FROM retail.categories"))
        # The model loaded, the statements prepared and the functions compiled before anything is timed.
        warm = vector_text((await embedder.embed(["warm-up"], "query"))[0])
        for sql in (VECTOR_SQL, VECTOR_TIMED):
            await conn.fetch(sql, warm, TOOL_THRESHOLD)
        for sql in (HYBRID_SQL, HYBRID_TIMED):
            await conn.fetch(sql, "warm-up", warm)
        results = []
        for q in queries:
            started = time.perf_counter()
            [vector] = await embedder.embed([q["query"]], "query")
            embed_ms = (time.perf_counter() - started) * 1000
            text = vector_text(vector)
            started = time.perf_counter()
            await conn.fetchval(VECTOR_TIMED, text, TOOL_THRESHOLD)
            vector_ms = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            await conn.fetchval(HYBRID_TIMED, q["query"], text)
            hybrid_ms = (time.perf_counter() - started) * 1000
            results.append(
                {
                    **q,
                    "half": "fit" if q["id"] in fit else "test",
                    "vector": _scores(q, await conn.fetch(VECTOR_SQL, text, TOOL_THRESHOLD), categories),
                    "hybrid": _scores(q, await conn.fetch(HYBRID_SQL, q["query"], text), categories),
                    "latency_ms": {
                        "embedding": embed_ms,
                        "vector": embed_ms + vector_ms,
                        "hybrid": embed_ms + hybrid_ms,
                    },
                }
            )
    finally:
        await conn.close()
    groups = defaultdict(list)
    for r in results:
        for key in (
            "all",
            r["lang"],
            r["kind"],
            f"{r['lang']}:{r['kind']}",
            f"half:{r['half']}",
            f"half:{r['half']}:{r['lang']}",
        ):
            groups[key].append(r)
    return {
        "model": embedder.name,
        "metrics": {key: _metrics(rs) for key, rs in sorted(groups.items())},
        "queries": results,
    }


def _pair(metrics: dict, key: str, digits: int = 3) -> str:
    values = [metrics[m][key] for m in METHODS]
    return " | ".join("-" if v is None else f"{v:.{digits}f}" for v in values)


def comparison_tables(report: dict) -> str:
    """The report of compare() as markdown tables (make eval prints them; bench/search_results.md quotes them)."""
    metrics = report["metrics"]
    langs, kinds = ("en", "ko", "he"), ("plain", "paraphrase", "use_case", "typo")
    rows = ["all", *langs, *kinds, *(f"{lang}:{kind}" for lang in langs for kind in kinds)]
    rows += ["half:fit", "half:test", *(f"half:{h}:{lang}" for h in ("fit", "test") for lang in langs)]
    lines = [
        f"model {report['model']}; {len(report['queries'])} queries; vector = the tool today "
        f"(threshold {TOOL_THRESHOLD:.2f}), hybrid = retail.search_products_hybrid (its calibrated floor)",
        "",
        "| group | queries | top-1 vector | top-1 hybrid | top-5 majority vector | top-5 majority hybrid "
        "| recall@5 vector | recall@5 hybrid |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key in rows:
        m = metrics.get(key)
        if m and m["matched"]:
            lines.append(
                f"| {key} | {m['matched']} | {_pair(m, 'top1')} | {_pair(m, 'majority5')} | {_pair(m, 'recall5')} |"
            )
    lines += [
        "",
        "| no_match | queries | declined vector | declined hybrid | precision vector | precision hybrid "
        "| recall vector | recall hybrid |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key in ("all", *langs, "half:fit", "half:test"):
        m = metrics.get(key)
        if not m:
            continue
        lines.append(
            f"| {key} | {m['no_match']} | {_pair(m, 'declined', 0)} | {_pair(m, 'no_match_precision')} "
            f"| {_pair(m, 'no_match_recall')} |"
        )
    lines += [
        "",
        "| latency, ms | queries | embedding p50 | embedding p95 | vector p50 | vector p95 | hybrid p50 | hybrid p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key in ("all", *langs):
        m = metrics.get(key)
        if not m:
            continue
        cells = [*m["embedding_ms"], m["vector"]["p50_ms"], m["vector"]["p95_ms"], m["hybrid"]["p50_ms"]]
        cells.append(m["hybrid"]["p95_ms"])
        lines.append(f"| {key} | {m['queries']} | " + " | ".join(f"{c:.1f}" for c in cells) + " |")
    return "\n".join(lines)
