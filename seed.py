"""Load the Zava data set: the catalog from data/catalog.csv, then generated customers, orders and inventory.

    python seed.py [--scale small|full|large] [--seed 0.42] [--reseed]

All shaping is in sql/seed/*.sql (jinja2 templates, one stage per file, run in order in one transaction); this
file only copies the catalog CSV into a temporary table, renders and runs the stages, and reports their times.
The same seed gives the same rows. A seeded database is refused unless --reseed, which empties the data tables
first: never duplicates.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
import time
from pathlib import Path

import asyncpg
import jinja2

ROOT = Path(__file__).resolve().parent
CATALOG = ROOT / "data" / "catalog.csv"
TRANSLATIONS = ROOT / "data" / "catalog_i18n.csv"
STAGES = ROOT / "sql" / "seed"
SCALES = {"small": 2_000, "full": 50_000, "large": 500_000}  # customers; about 4.2 orders and 8.8 lines each
# Memory for the one generating transaction, set explicitly so that it stays under the embedded server's cap on a
# backend's private memory (devdb.BACKEND_MEMORY_MB, 512 MB by default) whatever the server's own settings: the
# largest statements hold a sort, a hash aggregate and a hash join (work_mem each, hashes x hash_mem_multiplier 2),
# and an index build maintenance_work_mem. Larger values bought nothing measurable at SCALE=large (BENCHMARKS.md).
# replica: no trigger fires during the bulk load, as in pg_restore; the last stage builds the sales rollups once.
SETTINGS = {"work_mem": "32MB", "maintenance_work_mem": "128MB", "session_replication_role": "replica"}
DATA_TABLES = (
    "order_items",
    "orders",
    "inventory",
    "customers",
    "product_description_embeddings",
    "product_translations",
    "products",
    "product_types",
    "categories",
)


class SeedError(Exception):
    pass


def read_translations() -> list[tuple[str, str, str, str]]:
    """(sku, language, name, keywords) rows from data/catalog_i18n.csv (columns name_<lang>, keywords_<lang>)."""
    if not TRANSLATIONS.exists():
        return []
    with TRANSLATIONS.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    languages = [c.removeprefix("name_") for c in (rows[0] if rows else {}) if c.startswith("name_")]
    return [(r["sku"], lang, r[f"name_{lang}"], r.get(f"keywords_{lang}", "")) for r in rows for lang in languages]


async def notify_data_changed(conn: asyncpg.Connection) -> None:
    """Running MCP servers reload and drop cached answers computed from the old data."""
    import migrate

    await conn.execute("SELECT pg_notify($1, 'data')", migrate.load_config().notify_channel)


def render_stages(variables: dict) -> list[tuple[str, str]]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(STAGES), undefined=jinja2.StrictUndefined, autoescape=False)
    return [(p.name, env.get_template(p.name).render(**variables)) for p in sorted(STAGES.glob("*.sql"))]


async def is_seeded(url: str) -> bool:
    conn = await asyncpg.connect(url)
    try:
        return bool(await conn.fetchval("SELECT EXISTS (SELECT FROM retail.products)"))
    finally:
        await conn.close()


async def seed(
    url: str,
    scale: str = "small",
    random_seed: float = 0.42,
    reseed: bool = False,
    end_date: str = "2026-10-31",
    log=print,
) -> dict[str, int]:
    if scale not in SCALES:
        raise SeedError(f"scale must be one of {', '.join(SCALES)}")
    if not -1 <= random_seed <= 1:
        raise SeedError("the seed is PostgreSQL's setseed() value, between -1 and 1")
    stages = render_stages({"customers": SCALES[scale], "random_seed": random_seed, "end_date": end_date})
    with CATALOG.open(newline="", encoding="utf-8") as f:
        catalog = [
            (r["sku"], r["category"], r["product_type"], r["product_name"], r["cost"], r["description"])
            for r in csv.DictReader(f)
        ]
    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction():
            for name, value in SETTINGS.items():
                await conn.execute(f"SET LOCAL {name} = '{value}'")
            if await conn.fetchval("SELECT EXISTS (SELECT FROM retail.products)"):
                if not reseed:
                    raise SeedError(
                        "the database is already seeded; run with --reseed (make seed RESEED=1) to replace its data"
                    )
                await conn.execute("TRUNCATE " + ", ".join(f"retail.{t}" for t in DATA_TABLES))
                log("seed: emptied " + ", ".join(DATA_TABLES))
            await conn.execute(
                "CREATE TEMPORARY TABLE seed_catalog (sku text, category text, product_type text, "
                "product_name text, cost text, description text) ON COMMIT DROP"
            )
            await conn.copy_records_to_table("seed_catalog", records=catalog)
            await conn.execute(
                "CREATE TEMPORARY TABLE seed_translations (sku text, language_code text, "
                "product_name text, keywords text) ON COMMIT DROP"
            )
            await conn.copy_records_to_table("seed_translations", records=read_translations())
            for name, sql in stages:
                started = time.perf_counter()
                try:
                    await conn.execute(sql)
                except asyncpg.PostgresError as exc:
                    raise SeedError(f"stage {name} failed, nothing was kept: {exc.sqlstate}: {exc}") from None
                log(f"seed: {name:22} {time.perf_counter() - started:6.2f} s")
        counts = {t: await conn.fetchval(f"SELECT count(*) FROM retail.{t}") for t in DATA_TABLES}
        await conn.execute("ANALYZE")
        await notify_data_changed(conn)
        return counts
    finally:
        await conn.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else the embedded development server")
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--seed", type=float, default=0.42, help="setseed() value in [-1, 1] (default 0.42)")
    parser.add_argument("--end-date", default="2026-10-31", help="last order date (default 2026-10-31)")
    parser.add_argument("--reseed", action="store_true", help="replace the data of a seeded database")
    parser.add_argument("--if-empty", action="store_true", help="seed only a database that has no data yet")
    args = parser.parse_args(argv)
    import devdb

    url = devdb.admin_url(args.database_url)
    if args.if_empty and asyncio.run(is_seeded(url)):
        print("seed: the database already has data; nothing to do")
        return 0
    started = time.perf_counter()
    try:
        counts = asyncio.run(seed(url, args.scale, args.seed, args.reseed, args.end_date))
    except SeedError as exc:
        print(f"seed: {exc}", file=sys.stderr)
        return 1
    print("seed: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(f"seed: done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
