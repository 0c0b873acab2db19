"""How the analytics tools are planned and which days they read from where: every PL/pgSQL tool is planned for its
call's arguments (a generic plan cannot see the period), and a period splits into whole months (the month-grain
rollups) and at most two ranges of days around them (the lines) that cover it exactly once."""

import datetime

import pytest

TOOLS_WITH_QUERIES = """
    SELECT p.oid::regprocedure::text AS tool, coalesce(p.proconfig, '{}') AS config
    FROM pg_catalog.pg_proc AS p
    JOIN pg_catalog.pg_namespace AS n ON n.oid = p.pronamespace
    JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
    WHERE n.nspname = 'api' AND l.lanname = 'plpgsql' AND p.prosrc ~* 'RETURN\\s+QUERY' AND p.pronargs > 0
"""


def test_every_plpgsql_tool_is_planned_per_call(admin):
    """PL/pgSQL caches a generic plan from the sixth call on a connection; for get_customer_metrics that plan took
    3.3 s where the custom one takes 0.5 s (BENCHMARKS.md). Pooled connections make every call a sixth call."""
    tools = admin.execute(TOOLS_WITH_QUERIES).fetchall()
    assert len(tools) >= 12
    unplanned = [tool for tool, config in tools if "plan_cache_mode=force_custom_plan" not in config]
    assert unplanned == []


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
]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_partial_months_and_whole_months_cover_the_period_once(admin, start, end):
    period_start, period_end = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    month_from, month_to = admin.execute("SELECT * FROM retail.whole_months(%s, %s)", (start, end)).fetchone()
    covered = [days(month_from, month_to - datetime.timedelta(1))] if month_from < month_to else []
    for day_from, day_to in admin.execute("SELECT * FROM retail.partial_months(%s, %s)", (start, end)):
        covered.append(days(day_from, day_to))
    assert sum(len(c) for c in covered) == len(days(period_start, period_end)), "a day counted twice or missed"
    assert set().union(*covered) == days(period_start, period_end)
