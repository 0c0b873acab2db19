"""Per-tool latency of the analytics tools as head office, uncached, the way the server runs them (the server's
login, the identity and role set per transaction), against whatever data set the database holds.

    .venv/bin/python bench/analytics_latency.py --database-url postgresql://.../zava_full [--runs 7]

Prints one Markdown row per tool: median and p95 in ms over the runs (after one warm-up call). BENCHMARKS.md
quotes it for the small, full and large data sets."""

from __future__ import annotations

import argparse
import statistics
import time

import psycopg

HEAD_OFFICE = "00000000-0000-0000-0000-000000000000"
PERIOD = "'2023-01-01', '2025-12-31'"
CALLS = {
    "get_store_performance": f"api.get_store_performance({PERIOD})",
    "get_sales_by_period (month)": f"api.get_sales_by_period('month', {PERIOD})",
    "get_sales_by_period (day, category)": f"api.get_sales_by_period('day', {PERIOD}, NULL, 'Power Tools')",
    "get_sales_by_dimension (store)": f"api.get_sales_by_dimension('store', {PERIOD})",
    "get_sales_by_dimension (category)": f"api.get_sales_by_dimension('category', {PERIOD})",
    "get_sales_by_dimension (product_type)": f"api.get_sales_by_dimension('product_type', {PERIOD})",
    "get_sales_by_dimension (product)": f"api.get_sales_by_dimension('product', {PERIOD})",
    "get_sales_by_dimension (product, partial months)": (
        "api.get_sales_by_dimension('product', '2023-01-15', '2025-12-14')"
    ),
    "get_top_products": f"api.get_top_products({PERIOD}, 'revenue', 10)",
    "get_customer_metrics": f"api.get_customer_metrics({PERIOD})",
    "get_top_customers": f"api.get_top_customers({PERIOD}, 10)",
    "get_seasonal_trend": "api.get_seasonal_trend('Garden & Outdoor')",
    "get_category_growth": "api.get_category_growth(2025)",
    "get_sales_pattern (day_of_week)": f"api.get_sales_pattern('day_of_week', {PERIOD})",
    "get_sales_pattern (hour_of_day)": f"api.get_sales_pattern('hour_of_day', {PERIOD})",
    "get_order_status_summary": f"api.get_order_status_summary({PERIOD})",
    "get_low_stock": "api.get_low_stock(10)",
    "get_stockout_risk": "api.get_stockout_risk(90, 30)",
    "get_inventory_value": "api.get_inventory_value()",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with psycopg.connect(args.database_url, autocommit=True) as conn:
        conn.execute("SET SESSION AUTHORIZATION zava_mcp")
        orders = None
        print("| tool | median ms | p95 ms |\n|---|---:|---:|")
        for label, call in CALLS.items():
            times = []
            for _ in range(args.runs + 1):
                started = time.perf_counter()
                with conn.transaction():
                    conn.execute("SELECT set_config('mcp.identity', %s, true)", (HEAD_OFFICE,))
                    conn.execute("SELECT set_config('role', auth.request_role(%s), true)", (HEAD_OFFICE,))
                    conn.execute(f"SELECT * FROM {call}").fetchall()
                    if orders is None:
                        orders = conn.execute("SELECT count(*) FROM retail.orders").fetchone()[0]
                times.append((time.perf_counter() - started) * 1000)
            times = sorted(times[1:])
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            print(f"| {label} | {statistics.median(times):.1f} | {p95:.1f} |")
        print(f"\n{orders:,} orders visible to head office")


if __name__ == "__main__":
    main()
