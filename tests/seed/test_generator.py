"""sql/seed + seed.py: deterministic, at the sample's distributions, never duplicating."""

import asyncio
import uuid

import pytest
from conftest import Database, table_checksums

import seed

STORE_WEIGHTS = {
    "Zava Retail Seattle": 30,
    "Zava Retail Bellevue": 25,
    "Zava Retail Tacoma": 20,
    "Zava Retail Spokane": 8,
    "Zava Retail Everett": 7,
    "Zava Retail Redmond": 6,
    "Zava Retail Kirkland": 4,
    "Zava Retail Online": 30,
}
YEAR_WEIGHTS = {2020: 1.0, 2021: 1.1, 2022: 1.21, 2023: 1.15, 2024: 1.265, 2025: 1.392}


def generated(db: Database) -> dict[str, str]:
    """Checksums of what the generator writes (embeddings are embed.py's, added to the shared template)."""
    return {t: c for t, c in table_checksums(db).items() if t != "product_description_embeddings"}


@pytest.fixture
def fresh(pg_server, template_db):
    name = f"zava_seed_{uuid.uuid4().hex[:10]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        yield Database(pg_server, name)


def test_same_seed_same_rows(seeded_db, fresh):
    lines = []
    asyncio.run(seed.seed(fresh.url, "small", log=lines.append))
    assert generated(fresh) == generated(seeded_db)
    assert [line.split()[1] for line in lines] == [f"{p.name}" for p in sorted(seed.STAGES.glob("*.sql"))]
    assert all(line.rstrip().endswith(" s") for line in lines)  # each stage reports its time


def test_another_seed_other_rows(seeded_db, fresh):
    asyncio.run(seed.seed(fresh.url, "small", random_seed=0.17, log=lambda *_: None))
    a, b = generated(fresh), generated(seeded_db)
    assert a["products"] == b["products"]  # the catalog is data, not random
    assert a["orders"] != b["orders"]


def test_seeded_database_is_refused_then_reseeded_without_duplicates(seeded_db, fresh):
    asyncio.run(seed.seed(fresh.url, "small", log=lambda *_: None))
    with pytest.raises(seed.SeedError, match="already seeded"):
        asyncio.run(seed.seed(fresh.url, "small", log=lambda *_: None))
    counts = asyncio.run(seed.seed(fresh.url, "small", reseed=True, log=lambda *_: None))
    assert counts["customers"] == 2000 and counts["products"] == 405
    assert generated(fresh) == generated(seeded_db)


KEYS_AND_INDEXES = """
    SELECT 'key', conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint
    WHERE connamespace = 'retail'::regnamespace
    UNION ALL
    SELECT 'index', indrelid::regclass::text, indexrelid::regclass::text, pg_get_indexdef(indexrelid), indisvalid
    FROM pg_index WHERE indrelid::regclass::text LIKE 'retail.%'
    ORDER BY 1, 2, 3"""


def test_seed_leaves_every_key_and_index_as_migrate_made_it(seeded_db, template_db):
    """Stage 5 takes the keys and indexes of customers, orders and order_items off for the bulk load; stage 5b
    makes them again, validated, from their own definitions."""
    with template_db.connect() as conn:
        before = conn.execute(KEYS_AND_INDEXES).fetchall()
    with seeded_db.connect() as conn:
        after = conn.execute(KEYS_AND_INDEXES).fetchall()
    assert after == before
    assert {r[2] for r in after} >= {
        "orders_pkey",
        "order_items_order_id_store_id_fkey",
        "retail.orders_customer_id_idx",
    }


def test_large_scale_is_ten_times_full_and_renders():
    """SCALE=large is measured by hand (BENCHMARKS.md, "Seeding"), never generated here: the render and the scale."""
    assert list(seed.SCALES) == ["small", "full", "large"]
    assert seed.SCALES["large"] == 10 * seed.SCALES["full"] == 500_000
    stages = dict(
        seed.render_stages({"customers": seed.SCALES["large"], "random_seed": 0.42, "end_date": "2026-10-31"})
    )
    assert list(stages) == [p.name for p in sorted(seed.STAGES.glob("*.sql"))]
    assert "generate_series(1, 500000)" in stages["0200_customers.sql"]
    with pytest.raises(seed.SeedError, match="small, full, large"):
        asyncio.run(seed.seed("postgresql://unused", "huge"))


def test_catalog_is_the_data_file(seeded_db):
    with seeded_db.connect() as conn:
        rows = conn.execute(
            "SELECT (SELECT count(*) FROM retail.categories), (SELECT count(*) FROM retail.products), "
            "(SELECT count(DISTINCT product_description) FROM retail.products), "
            "(SELECT count(*) FROM retail.products WHERE base_price <> round(cost / 0.67, 2))"
        ).fetchone()
    assert rows == (9, 405, 405, 0)


def test_store_weights(seeded_db):
    with seeded_db.connect() as conn:
        counts = dict(
            conn.execute(
                "SELECT s.store_name, count(*) FROM retail.customers AS c "
                "JOIN retail.stores AS s ON s.store_id = c.primary_store_id GROUP BY 1"
            )
        )
    total, weight = sum(counts.values()), sum(STORE_WEIGHTS.values())
    for store, w in STORE_WEIGHTS.items():
        assert abs(counts[store] / total - w / weight) < 0.03, (store, counts[store] / total, w / weight)


def test_year_weights(seeded_db):
    with seeded_db.connect() as conn:
        counts = dict(conn.execute("SELECT extract(YEAR FROM order_date)::int, count(*) FROM retail.orders GROUP BY 1"))
    total, weight = sum(counts[y] for y in YEAR_WEIGHTS), sum(YEAR_WEIGHTS.values())
    for year, w in YEAR_WEIGHTS.items():  # 2026 is a partial year (to end_date)
        assert abs(counts[year] / total - w / weight) < 0.02, (year, counts[year] / total)
    assert max(counts) == 2026 and min(counts) == 2020


def test_items_per_order_quantities_and_discounts(seeded_db):
    with seeded_db.connect() as conn:
        per_order = dict(
            conn.execute(
                "SELECT n, count(*) FROM (SELECT count(*) AS n FROM retail.order_items "
                "GROUP BY order_id) AS x GROUP BY n"
            )
        )
        quantity = dict(conn.execute("SELECT quantity, count(*) FROM retail.order_items GROUP BY 1"))
        discounted, bad_totals, bad_orders, bad_percent = conn.execute("""
            SELECT avg((discount_percent > 0)::int),
                   count(*) FILTER (WHERE total_amount <> unit_price * quantity - discount_amount),
                   (SELECT count(*) FROM retail.orders AS o WHERE o.total_amount <>
                       (SELECT sum(i.total_amount) FROM retail.order_items AS i WHERE i.order_id = o.order_id)),
                   count(*) FILTER (WHERE discount_percent NOT IN (0, 5, 10, 15, 20, 25))
            FROM retail.order_items""").fetchone()
    n = sum(per_order.values())
    for items, share in {1: 0.40, 2: 0.30, 3: 0.15, 4: 0.10, 5: 0.05}.items():
        assert abs(per_order[items] / n - share) < 0.03, (items, per_order[items] / n)
    q = sum(quantity.values())
    for units, share in {1: 0.60, 2: 0.25, 3: 0.10, 4: 0.03, 5: 0.02}.items():
        assert abs(quantity[units] / q - share) < 0.02, (units, quantity[units] / q)
    assert abs(float(discounted) - 0.15) < 0.02
    assert (bad_totals, bad_orders, bad_percent) == (0, 0, 0)


def test_orders_per_customer_and_multiplier(seeded_db):
    with seeded_db.connect() as conn:
        per_customer, customers_without = conn.execute("""
            SELECT count(*)::numeric / (SELECT count(*) FROM retail.customers),
                   (SELECT count(*) FROM retail.customers AS c
                    WHERE NOT EXISTS (SELECT FROM retail.orders AS o WHERE o.customer_id = c.customer_id))
            FROM retail.orders""").fetchone()
    assert 3.8 < per_customer < 4.6 and customers_without == 0  # full scale: 50k customers, ~210k orders


def test_seasonal_category_mix(seeded_db):
    with seeded_db.connect() as conn:
        summer, winter = conn.execute("""
            SELECT avg((c.category_name = 'Garden & Outdoor')::int) FILTER (WHERE extract(MONTH FROM o.order_date)
                       IN (5, 6)),
                   avg((c.category_name = 'Garden & Outdoor')::int) FILTER (WHERE extract(MONTH FROM o.order_date)
                       IN (12, 1))
            FROM retail.order_items AS i JOIN retail.orders AS o USING (order_id)
            JOIN retail.products AS p USING (product_id) JOIN retail.categories AS c USING (category_id)""").fetchone()
    assert summer > 3 * winter


def test_inventory_for_every_store_and_product_with_stock_outs(seeded_db):
    with seeded_db.connect() as conn:
        rows, zero = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE stock_level = 0) FROM retail.inventory"
        ).fetchone()
    assert rows == 8 * 405 and 0.02 < zero / rows < 0.07


def test_cli_if_empty_leaves_a_seeded_database_alone(seeded_db):
    import subprocess
    import sys

    from conftest import ROOT

    before = generated(seeded_db)
    result = subprocess.run(
        [sys.executable, str(ROOT / "seed.py"), "--database-url", seeded_db.url, "--if-empty"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "nothing to do" in result.stdout
    assert generated(seeded_db) == before
