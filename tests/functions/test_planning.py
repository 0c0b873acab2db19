"""How the analytics tools are planned and which days they read from where: the tools a generic plan slows are
planned for each call's arguments, and a period's cells (retail.period_cells: whole months, whole weeks, the days
left) cover it exactly once."""

import datetime

import pytest

# The tools whose generic plan was measured slower than a plan for the call's own period (BENCHMARKS.md, planner
# traps: get_customer_metrics 3.1 s against 0.46 s at full). The others keep PL/pgSQL's plan cache: a custom plan
# costs its planning on every call (about 1.3 ms for get_store_performance), which a generic plan saves.
PLANNED_PER_CALL = {
    "get_customer_metrics",
    "get_top_customers",
    "get_category_growth",
}
# Planned once per connection, from the first call: as fast at full and large, ~1.5 ms a call cheaper at small.
PLANNED_ONCE = {"get_store_performance"}
PLPGSQL_TOOLS = """
    SELECT p.proname, 'plan_cache_mode=force_custom_plan' = ANY(coalesce(p.proconfig, '{}')),
           'plan_cache_mode=force_generic_plan' = ANY(coalesce(p.proconfig, '{}'))
    FROM pg_catalog.pg_proc AS p
    JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
    JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
    WHERE n.nspname = 'api' AND l.lanname = 'plpgsql' AND p.prosrc ~* 'RETURN\\s+QUERY'
"""


def test_the_tools_a_generic_plan_slows_are_planned_per_call(admin):
    """PL/pgSQL caches a generic plan from the sixth call on a connection, and a pooled connection makes every call
    a sixth call: the tools measured slower with it plan each call; the rest do not pay for planning."""
    rows = admin.execute(PLPGSQL_TOOLS).fetchall()
    assert {name for name, per_call, _ in rows if per_call} == PLANNED_PER_CALL
    assert {name for name, _, generic in rows if generic} == PLANNED_ONCE


# Tools that rank or list through one of two copies of their query, one planned once per connection and one planned
# per call, chosen by the call (a test in the tool's body), for the calls a generic plan serves well.
TWO_PLANS = {
    # up to a year of whole months: generic; partial months or longer: per call
    "get_top_products": ("ranked_products", "cardinality((cells).days) = 0 AND cardinality((cells).months) <= 12"),
    # one store's stock: generic; several stores: per call (the generic plan was 2x slower for head office at large)
    "get_low_stock": ("low_stock_rows", "coalesce(wanted_store, retail.get_current_user_store()) IS NOT NULL"),
    # the same, over the default 90 days at most
    "get_stockout_risk": (
        "stockout_rows",
        "get_stockout_risk.lookback_days <= 90",
    ),
}


@pytest.mark.parametrize("tool", TWO_PLANS)
def test_a_tool_with_two_plans_chooses_per_call(admin, tool):
    query, test = TWO_PLANS[tool]
    modes = dict(
        admin.execute(
            "SELECT p.proname, p.proconfig FROM pg_catalog.pg_proc AS p "
            "WHERE p.pronamespace = 'retail'::regnamespace AND p.proname IN (%s, %s)",
            (query, f"{query}_planned"),
        ).fetchall()
    )
    assert modes == {
        query: ["plan_cache_mode=force_generic_plan"],
        f"{query}_planned": ["plan_cache_mode=force_custom_plan"],
    }
    [[body]] = admin.execute("SELECT prosrc FROM pg_catalog.pg_proc WHERE oid = %s::regproc", (f"api.{tool}",))
    assert test in body and f"retail.{query}(" in body and f"retail.{query}_planned(" in body


def days(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    return {start + datetime.timedelta(n) for n in range((end - start).days + 1)}


PERIODS = [
    ("2025-01-01", "2025-12-31"),  # whole months only
    ("2025-01-15", "2025-12-14"),  # both edges
    ("2025-01-01", "2025-03-15"),  # trailing edge
    ("2025-01-20", "2025-03-31"),  # leading edge
    ("2025-11-20", "2025-12-05"),  # no whole month, across a month boundary
    ("2025-02-03", "2025-02-17"),  # inside one month
    ("2025-02-01", "2025-02-28"),  # exactly one month
    ("2024-02-29", "2024-02-29"),  # one day
    ("2023-12-31", "2024-01-01"),  # across a year
    ("2024-01-02", "2024-02-04"),  # no whole month, a whole week across the month boundary
    ("2016-01-03", "2025-12-30"),  # ten years
]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_period_cells_cover_the_period_once(admin, start, end):
    """What the readers are handed: whole months, whole weeks among the other days, and the days outside both
    (edge_days) cover the period exactly once; days are the period outside whole months; the whole months split into
    years, quarters and months."""
    period_start, period_end = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    first, last, months, weeks, other_days, edge_days, years, quarters, lone_months = admin.execute(
        "SELECT (c).* FROM (SELECT retail.period_cells(%s, %s) AS c) AS x", (start, end)
    ).fetchone()
    assert (first, last) == (period_start, period_end)
    assert all(m.day == 1 for m in months) and all(w.isoweekday() == 1 for w in weeks)
    month_days = [
        days(m, (m.replace(day=28) + datetime.timedelta(4)).replace(day=1) - datetime.timedelta(1)) for m in months
    ]
    week_days = [days(w, w + datetime.timedelta(6)) for w in weeks]
    covered = [*month_days, *week_days, set(edge_days)]
    assert len(edge_days) == len(set(edge_days))
    assert sum(len(c) for c in covered) == len(days(period_start, period_end)), "a day counted twice or missed"
    assert set().union(*covered) == days(period_start, period_end)
    assert set(other_days) == days(period_start, period_end) - set().union(set(), *month_days)
    assert len(other_days) == len(set(other_days))
    # At most six days at each end of each stretch between whole months (two stretches) are left to the lines.
    assert len(edge_days) <= 24
    # The product readers' split of the whole months: whole years, whole quarters outside them, the months left;
    # each month in exactly one of them, each unit the largest that fits.
    assert all((y.month, y.day) == (1, 1) for y in years)
    assert all(q.day == 1 and q.month in (1, 4, 7, 10) for q in quarters)
    split = [
        *[y.replace(month=n) for y in years for n in range(1, 13)],
        *[q.replace(month=q.month + n) for q in quarters for n in range(3)],
        *lone_months,
    ]
    assert sorted(split) == sorted(months) and len(split) == len(set(split))
    whole = set(months)
    for y in {m.replace(month=1) for m in months}:
        if all(y.replace(month=n) in whole for n in range(1, 13)):
            assert y in years, f"{y.year} is whole but not read as a year"
        for q in (y.replace(month=n) for n in (1, 4, 7, 10)):
            if y not in years and all(q.replace(month=q.month + n) in whole for n in range(3)):
                assert q in quarters, f"the quarter of {q} is whole but not read as a quarter"


def test_a_week_across_a_month_boundary_is_a_whole_week(admin):
    """Without a whole month the period is one stretch: the week of Monday 2024-01-29 lies inside it whole, so the
    week rollup answers it rather than seven days of lines."""
    weeks, edge_days = admin.execute(
        "SELECT (c).weeks, (c).edge_days FROM (SELECT retail.period_cells('2024-01-02', '2024-02-04') AS c) AS x"
    ).fetchone()
    assert datetime.date(2024, 1, 29) in weeks
    assert [d.isoformat() for d in edge_days] == [f"2024-01-0{n}" for n in range(2, 8)]
