"""HNSW recall against an exact scan, on the catalog and on 100,000 synthetic products (make eval-index).

    python bench/hnsw_recall.py [--database-url URL] [--products 100000] [--ef 10 20 40 64 100 200] [--json]

The queries are the 383 labelled queries of tests/eval/search_queries_v2.jsonl, embedded with the configured
embedder (MCP_EMBEDDER, default the offline model). For each hnsw.ef_search: recall@10, the share of the exact ten
nearest that the index returns among its ten, counted two ways: by identity, and by distance as ann-benchmarks
counts it (a returned row is right when its distance is at most the exact tenth's + 0.001: among near-ties any
of them will do); the same at 40 (the neighbours the hybrid search reads); and the p50/p95 time of the index scan.

Both run in a scratch database created on the same server and dropped at the end (the project database is only
read), each table indexed as retail.product_description_embeddings is (HNSW, vector_cosine_ops, with the storage
parameters of its index, read from the database: m = 16 and ef_construction = 200 since sql/schema/1100):
1. The catalog: a copy of the product vectors of retail.product_description_embeddings.
2. Synthetic, two sets of N unit vectors perturbed from the real ones (the same seed every run):
   isotropic: a real product vector plus Gaussian noise in all 384 directions, of a random size (cosine 0.80 to
     0.95 to its parent, the spread of neighbouring products in the catalog). Noise of that size in every direction
     makes the ~250 children of a parent nearly equidistant from any query: the hard case for any ANN index.
   blend: a point on the segment between two real product vectors (up to halfway), plus a little isotropic noise
     (cosine ~0.99): new products that resemble the ones we have, as a larger catalog of the same shop would.

Index runs are forced (enable_seqscan off) and exact ones forbid the index (enable_indexscan off); every plan is
checked to be the one intended. The catalog copy is never analysed: with statistics of a few hundred rows the
planner never offers the index at all (see tests/search), which is also why a search of the real catalog is an
exact scan and the index only matters from some thousands of products on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from pathlib import Path

if __name__ == "__main__":
    sys.path[0] = str(Path(__file__).resolve().parents[1])  # the repository root, as bench/search_eval.py does

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

EF_SEARCH = (10, 20, 40, 64, 100, 200, 400)
QUERY = (
    "SELECT {id}, {column} OPERATOR(extensions.<=>) %s::extensions.vector FROM {table} "
    "ORDER BY {column} OPERATOR(extensions.<=>) %s::extensions.vector LIMIT {k}"
)
EPSILON = 1e-3  # ann-benchmarks' tolerance on the distance
SYNTHETIC = {
    # A parent, then noise of norm r relative to the unit parent: cosine ~ 1 / sqrt(1 + r^2); r in [0.33, 0.75]
    # gives 0.80 to 0.95.
    "isotropic": "extensions.l2_normalize(a.v OPERATOR(extensions.+) noise(0.33 + 0.42 * r.u))",
    # (1 - t) a + t b with t in [0, 0.5], then noise of norm 0.1.
    "blend": "extensions.l2_normalize((a.v OPERATOR(extensions.*) fill(1 - 0.5 * r.u)) OPERATOR(extensions.+) "
    "(b.v OPERATOR(extensions.*) fill(0.5 * r.u)) OPERATOR(extensions.+) noise(0.1))",
}


def query_vectors() -> list[str]:
    from bench.search_quality import load_v2
    from shim.embedders import from_environment
    from shim.values import vector_text

    embedder = from_environment()
    return [vector_text(v) for v in asyncio.run(embedder.embed([q["query"] for q in load_v2()], "query"))]


def _recall(got: list[tuple], truth: list[tuple], k: int) -> tuple[int, int]:
    """Right answers among the first k returned: by identity, and by distance within EPSILON of the exact k-th."""
    if len(truth) < k:
        k = len(truth)
    by_id = len({r[0] for r in got[:k]} & {r[0] for r in truth[:k]})
    by_distance = min(k, sum(1 for r in got[:k] if r[1] <= truth[k - 1][1] + EPSILON))
    return by_id, by_distance


def measure(conn: psycopg.Connection, table: str, id_column: str, column: str, vectors: list[str], efs) -> dict:
    statement = sql.SQL(QUERY).format(
        id=sql.Identifier(id_column), table=sql.SQL(table), column=sql.Identifier(column), k=sql.Literal(40)
    )
    # prepare=False throughout: a statement psycopg prepared keeps its plan when enable_* change
    exact = []
    with conn.transaction():
        conn.execute("SET LOCAL enable_indexscan = off")
        plan = "\n".join(r[0] for r in conn.execute(sql.SQL("EXPLAIN ") + statement, (vectors[0],) * 2))
        assert "hnsw" not in plan, plan
        for v in vectors:
            exact.append(conn.execute(statement, (v, v), prepare=False).fetchall())
    results = {}
    for ef in efs:
        counts = [0, 0, 0, 0]  # at 10 by id and by distance, at 40 the same
        times = []
        with conn.transaction():
            conn.execute("SET LOCAL enable_seqscan = off")
            conn.execute(sql.SQL("SET LOCAL hnsw.ef_search = {}").format(sql.Literal(ef)))
            plan = "\n".join(r[0] for r in conn.execute(sql.SQL("EXPLAIN ") + statement, (vectors[0],) * 2))
            assert "hnsw" in plan, plan
            for v, truth in zip(vectors, exact, strict=True):
                started = time.perf_counter()
                got = conn.execute(statement, (v, v), prepare=False).fetchall()
                times.append((time.perf_counter() - started) * 1000)
                for i, k in ((0, 10), (2, 40)):
                    by_id, by_distance = _recall(got, truth, k)
                    counts[i] += by_id
                    counts[i + 1] += by_distance
        times.sort()
        n = len(vectors)
        results[ef] = {
            "recall_at_10": counts[0] / (10 * n),
            "recall_at_10_distance": counts[1] / (10 * n),
            "recall_at_40": counts[2] / (40 * n),
            "recall_at_40_distance": counts[3] / (40 * n),
            "p50_ms": statistics.median(times),
            "p95_ms": times[max(0, -(-95 * n // 100) - 1)],
        }
    return results


def scratch_measure(url: str, vectors: list[str], products: int, efs, log=print) -> dict:
    """Builds, measures and drops a scratch database: the catalog's vectors, then `products` perturbed ones."""
    name = f"zava_hnsw_scratch_{uuid.uuid4().hex[:8]}"
    scratch = make_conninfo(url, dbname=name)
    with psycopg.connect(url, autocommit=True) as admin:
        source = conninfo_to_dict(url).get("dbname")
        parents = [
            r[0]
            for r in admin.execute(
                "SELECT description_embedding::text FROM retail.product_description_embeddings ORDER BY product_id"
            )
        ]
        options = admin.execute(
            "SELECT coalesce(reloptions, '{}') FROM pg_class "
            "WHERE oid = 'retail.product_description_embeddings_hnsw_idx'::regclass"
        ).fetchone()[0]
        with_options = f" WITH ({', '.join(options)})" if options else ""
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"hnsw: scratch database {name} (the catalog of {source}: {len(parents)} vectors; index{with_options})")
    try:
        with psycopg.connect(scratch, autocommit=True) as conn:
            conn.execute("CREATE SCHEMA extensions")
            conn.execute("CREATE EXTENSION vector WITH SCHEMA extensions")
            dim = conn.execute("SELECT extensions.vector_dims(%s::extensions.vector)", (parents[0],)).fetchone()[0]
            conn.execute(
                f"CREATE TABLE parents (n int PRIMARY KEY, v extensions.vector({dim})) "
                "WITH (autovacuum_enabled = false)"
            )
            with conn.cursor().copy("COPY parents (n, v) FROM STDIN") as copy:
                for n, v in enumerate(parents):
                    copy.write_row((n, v))
            conn.execute(
                f"CREATE INDEX parents_hnsw_idx ON parents USING hnsw (v extensions.vector_cosine_ops){with_options}"
            )
        with psycopg.connect(scratch) as conn:
            result = {
                "index_options": options,
                "catalog": {"rows": len(parents), "ef": measure(conn, "parents", "n", "v", vectors, efs)},
            }
        if not products:
            return result
        with psycopg.connect(scratch, autocommit=True) as conn:
            # Helpers of the generator: a vector of `dim` draws from N(0, (size / sqrt(dim))^2), of norm ~size, and
            # a vector filled with one number (pgvector multiplies element by element).
            conn.execute(
                f"CREATE FUNCTION noise(size float8) RETURNS extensions.vector LANGUAGE sql VOLATILE AS "
                f"'SELECT array_agg(random_normal(0, size / sqrt({dim})))::extensions.vector "
                f"FROM generate_series(1, {dim})'"
            )
            conn.execute(
                f"CREATE FUNCTION fill(x float8) RETURNS extensions.vector LANGUAGE sql IMMUTABLE AS "
                f"'SELECT array_fill(x, ARRAY[{dim}])::extensions.vector'"
            )
            for kind, expression in SYNTHETIC.items():
                started = time.perf_counter()
                conn.execute("SELECT setseed(0.22)")
                conn.execute(f"CREATE TABLE {kind} (id int PRIMARY KEY, embedding extensions.vector({dim}) NOT NULL)")
                conn.execute(
                    f"INSERT INTO {kind} SELECT i, {expression} FROM generate_series(1, %s) AS i "
                    "CROSS JOIN LATERAL (SELECT random() AS u, floor(random() * %s)::int AS a, "
                    "floor(random() * %s)::int AS b WHERE i > 0) AS r "
                    "JOIN parents AS a ON a.n = r.a JOIN parents AS b ON b.n = r.b",
                    (products, len(parents), len(parents)),
                )
                made = time.perf_counter() - started
                started = time.perf_counter()
                conn.execute("SET maintenance_work_mem = '256MB'")
                conn.execute(
                    f"CREATE INDEX {kind}_hnsw_idx ON {kind} USING hnsw (embedding extensions.vector_cosine_ops)"
                    + with_options
                )
                conn.execute(f"ANALYZE {kind}")
                build = time.perf_counter() - started
                log(f"hnsw: {kind}: {products:,} vectors in {made:.0f} s, index built in {build:.0f} s")
                spread = conn.execute(
                    "SELECT percentile_cont(ARRAY[0.1, 0.5, 0.9]) WITHIN GROUP (ORDER BY 1 - (s.embedding "
                    f"OPERATOR(extensions.<=>) p.v)) FROM (SELECT * FROM {kind} WHERE id <= 2000) AS s "
                    "CROSS JOIN LATERAL (SELECT v FROM parents ORDER BY v OPERATOR(extensions.<=>) s.embedding "
                    "LIMIT 1) AS p"
                ).fetchone()[0]
                with psycopg.connect(scratch) as measuring:
                    result[kind] = {
                        "rows": products,
                        "build_s": round(build, 1),
                        "cosine_to_nearest_real_p10_p50_p90": [round(x, 3) for x in spread],
                        "ef": measure(measuring, kind, "id", "embedding", vectors, efs),
                    }
        return result
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        log(f"hnsw: dropped {name}")


def table(title: str, result: dict) -> str:
    lines = [
        f"{title} ({result['rows']:,} rows)",
        "",
        "| hnsw.ef_search | recall@10 | recall@10 by distance | recall@40 | recall@40 by distance "
        "| index scan p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for ef, m in result["ef"].items():
        lines.append(
            f"| {ef} | {m['recall_at_10']:.4f} | {m['recall_at_10_distance']:.4f} | {m['recall_at_40']:.4f} "
            f"| {m['recall_at_40_distance']:.4f} | {m['p50_ms']:.2f} | {m['p95_ms']:.2f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--products", type=int, default=100_000, help="synthetic products (0: the catalog only)")
    parser.add_argument("--ef", type=int, nargs="+", default=list(EF_SEARCH), help="hnsw.ef_search values")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import os

    import devdb

    url = devdb.admin_url(args.database_url)
    log = (lambda *_: None) if args.json else (lambda *a: print(*a, file=sys.stderr))
    vectors = query_vectors()
    report = {"queries": len(vectors), "loadavg": round(os.getloadavg()[0], 2)}
    report.update(scratch_measure(url, vectors, args.products, args.ef, log))
    report["loadavg_after"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(
        f"{report['queries']} queries (tests/eval/search_queries_v2.jsonl); load average {report['loadavg']} "
        f"before, {report['loadavg_after']} after, on {os.cpu_count()} cores\n"
    )
    print(table("catalog", report["catalog"]))
    for kind in SYNTHETIC:
        if kind in report:
            r = report[kind]
            print()
            title = (
                f"synthetic, {kind}: index built in {r['build_s']} s; cosine to the nearest real product "
                f"p10/p50/p90 {r['cosine_to_nearest_real_p10_p50_p90']}"
            )
            print(table(title, r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
