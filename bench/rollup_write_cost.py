"""What the sales rollups cost on the write path: orders written the way a store manager writes them (one order
and its lines per transaction, the server's login, identity and role), in alternating batches with the rollup
triggers (which log the change, sql/functions/0165) enabled and disabled, on whatever data set the database holds;
and what folding a batch's logged changes into the rollups then costs per order (jobs.fold_sales_changes, which the
server runs every second, off the write path).

    .venv/bin/python bench/rollup_write_cost.py --database-url postgresql://postgres@.../zava_full [--orders 400]

The URL's user must own the tables or be a superuser (it toggles the triggers with ALTER TABLE ... DISABLE
TRIGGER between batches). Every order written is deleted again (with the triggers as they were when it was
written), and folded, so the rollups stay exact. Run it with no server on the database: the server would fold the
log itself. Prints one Markdown row per batch pair and the median overhead."""

from __future__ import annotations

import argparse
import random
import statistics
import time

import psycopg

SEATTLE_MANAGER = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
ROLLUP_TRIGGERS = {
    "retail.orders": ("orders_rollup_update", "orders_rollup_deleted"),
    "retail.order_items": ("order_items_rollup_insert", "order_items_rollup_update", "order_items_rollup_delete"),
}


def set_triggers(admin: psycopg.Connection, enabled: bool) -> None:
    verb = "ENABLE" if enabled else "DISABLE"
    with admin.transaction():
        for table, names in ROLLUP_TRIGGERS.items():
            for name in names:
                admin.execute(f"ALTER TABLE {table} {verb} TRIGGER {name}")


def write_orders(conn: psycopg.Connection, count: int, customers: list, products: list, rng: random.Random) -> list:
    """Writes count orders of two lines each, one transaction per order; returns (order ids, µs per order)."""
    written, started = [], time.perf_counter()
    for _ in range(count):
        with conn.transaction():
            conn.execute("SELECT set_config('mcp.identity', %s, true)", (SEATTLE_MANAGER,))
            conn.execute("SELECT set_config('role', auth.request_role(%s), true)", (SEATTLE_MANAGER,))
            (order_id,) = conn.execute(
                "INSERT INTO retail.orders (customer_id, store_id, order_date, status, total_amount) "
                "VALUES (%s, retail.get_current_user_store(), %s, 'completed', 0) RETURNING order_id",
                (rng.choice(customers), f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
            ).fetchone()
            lines = rng.sample(products, 2)
            conn.execute(
                "INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, total_amount) "
                "SELECT %s, retail.get_current_user_store(), p, q, 10, 10 * q "
                "FROM unnest(%s::uuid[], %s::int[]) AS l (p, q)",
                (order_id, lines, [rng.randint(1, 3), rng.randint(1, 3)]),
            )
            written.append(order_id)
    return written, (time.perf_counter() - started) * 1e6 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--orders", type=int, default=400, help="orders per batch (default 400)")
    parser.add_argument("--pairs", type=int, default=3, help="batch pairs, with and without (default 3)")
    args = parser.parse_args()
    rng = random.Random(17)
    with (
        psycopg.connect(args.database_url, autocommit=True) as admin,
        psycopg.connect(args.database_url, autocommit=True) as conn,
    ):
        conn.execute("SET SESSION AUTHORIZATION zava_mcp")
        store = admin.execute("SELECT store_id FROM retail.manager_stores WHERE rls_user_id = %s", (SEATTLE_MANAGER,))
        store_id = store.fetchone()[0]
        customers = [
            r[0]
            for r in admin.execute(
                "SELECT customer_id FROM retail.customers WHERE primary_store_id = %s LIMIT 500", (store_id,)
            )
        ]
        products = [r[0] for r in admin.execute("SELECT product_id FROM retail.products")]
        print(
            "| pair | with rollups µs/order | without µs/order | overhead | fold µs/order |\n|---|---:|---:|---:|---:|"
        )
        overheads = []
        fold = "SELECT jobs.fold_sales_changes()"
        try:
            for pair in range(1, args.pairs + 1):
                warm_up, _ = write_orders(conn, 20, customers, products, rng)
                admin.execute("DELETE FROM retail.orders WHERE order_id = ANY(%s)", (warm_up,))
                admin.execute(fold)
                costs = {}
                for enabled in (True, False):
                    set_triggers(admin, enabled)
                    written, costs[enabled] = write_orders(conn, args.orders, customers, products, rng)
                    if enabled:
                        started = time.perf_counter()
                        admin.execute(fold)
                        fold_us = (time.perf_counter() - started) * 1e6 / args.orders
                    admin.execute("DELETE FROM retail.orders WHERE order_id = ANY(%s)", (written,))
                    admin.execute(fold)
                set_triggers(admin, True)
                overhead = costs[True] / costs[False] - 1
                overheads.append(overhead)
                print(f"| {pair} | {costs[True]:.0f} | {costs[False]:.0f} | {overhead:+.0%} | {fold_us:.0f} |")
        finally:
            set_triggers(admin, True)
        print(f"\nmedian overhead of the rollup triggers: {statistics.median(overheads):+.0%}")


if __name__ == "__main__":
    main()
