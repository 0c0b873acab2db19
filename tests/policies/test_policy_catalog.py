"""sql/policies: RLS enabled and forced on every tenant table, and exactly the intended policies on each."""

import pytest
from pgtap import policies_are, rls_enabled_and_forced
from store_rollups import STORE_ROLLUPS

SM, RM, HO, SQL = "zava_store_manager", "zava_regional_manager", "zava_head_office", "zava_sql_reader"
ROLLUP_WRITER = "zava_rollup_writer"  # owns the functions that keep the sales rollups exact (sql/schema/1020)
ROLLUPS = STORE_ROLLUPS
TENANT_TABLES = {
    "stores": False,
    "customers": True,
    "inventory": True,
    "orders": True,
    "order_items": True,
    **dict.fromkeys(ROLLUPS, False),
}


def expected_policies(table: str, writable: bool) -> dict:
    policies = {
        f"{table}_store_manager_select": ("SELECT", (SM,)),
        f"{table}_regional_manager_select": ("SELECT", (RM,)),
        f"{table}_head_office_select": ("SELECT", (HO,)),
        f"{table}_sql_reader_select": ("SELECT", (SQL,)),  # the ad-hoc query role
    }
    if writable:
        policies[f"{table}_store_manager_insert"] = ("INSERT", (SM,))
        policies[f"{table}_store_manager_update"] = ("UPDATE", (SM,))
    # The rollup maintainer reads every line it sums and writes every cell; nobody else has a policy like it.
    if table in ("orders", "order_items"):
        policies[f"{table}_rollup_writer_select"] = ("SELECT", (ROLLUP_WRITER,))
    if table in ROLLUPS:
        policies[f"{table}_rollup_writer_all"] = ("ALL", (ROLLUP_WRITER,))
    return policies


# Every policy of the database: (table, name) -> (command, roles). retail.managers and retail.manager_stores have
# RLS and no policy at all: only the SECURITY DEFINER identity helpers read them. retail.sales_changes (the log the
# rollups are folded from) has its maintainer's policy only: no tenant reads it.
ALL_POLICIES = {
    (table, name): (cmd, tuple(sorted(roles)))
    for table, writable in TENANT_TABLES.items()
    for name, (cmd, roles) in expected_policies(table, writable).items()
} | {
    ("sales_changes", "sales_changes_rollup_writer_all"): ("ALL", (ROLLUP_WRITER,)),
    # Sums per customer over every store (sql/schema/1280): head office's only, when it sees every store.
    ("sales_customer_total", "sales_customer_total_rollup_writer_all"): ("ALL", (ROLLUP_WRITER,)),
    ("sales_customer_total", "sales_customer_total_head_office_select"): ("SELECT", (HO,)),
}
ACROSS_STORES = ["sales_changes", "sales_customer_total"]  # not tenant tables: no store manager reads a row


def test_the_database_has_exactly_the_policies_named_here(admin):
    """policies_are over the whole database: every tenant table has its policies, no other table (nor schema) has
    one, and there are some to have (zero policies on zero expected tables would pass otherwise)."""
    have = {
        (f"{schema}.{table}", name): (cmd, tuple(sorted(roles)))
        for schema, table, name, cmd, roles in admin.execute(
            "SELECT schemaname, tablename, policyname, cmd, roles::text[] FROM pg_policies"
        ).fetchall()
    }
    want = {(f"retail.{table}", name): spec for (table, name), spec in ALL_POLICIES.items()}
    tables = {f"retail.{t}" for t in [*TENANT_TABLES, *ACROSS_STORES]}
    assert {table for table, _ in want} == tables, "a tenant table without policies"
    assert len(want) == 108, f"the expected set itself changed: {len(want)} policies"
    assert have, "no policy in the database at all"
    missing, extra = sorted(set(want) - set(have)), sorted(set(have) - set(want))
    assert not missing and not extra, f"policies: missing {missing}, unexpected {extra}"
    wrong = {key: (have[key], want[key]) for key in want if have[key] != want[key]}
    assert not wrong, f"policy (command, roles) (have, want): {wrong}"


@pytest.mark.parametrize("table", [*TENANT_TABLES, *ACROSS_STORES])
def test_rls_enabled_and_forced(admin, table):
    rls_enabled_and_forced(admin, "retail", table)


@pytest.mark.parametrize("table", TENANT_TABLES)
def test_policies_are(admin, table):
    policies_are(admin, "retail", table, expected_policies(table, TENANT_TABLES[table]))


def test_every_table_with_a_store_column_is_a_tenant_table(admin):
    """A new table carrying store data cannot slip in without being listed (and so tested) here."""
    rows = admin.execute("""
        SELECT DISTINCT c.table_name FROM information_schema.columns AS c
        JOIN pg_tables AS t ON t.schemaname = c.table_schema AND t.tablename = c.table_name
        WHERE c.table_schema = 'retail' AND c.column_name IN ('store_id', 'primary_store_id')
            AND c.table_name NOT IN ('manager_stores')
    """).fetchall()
    assert {r[0] for r in rows} == set(TENANT_TABLES) | {"sales_changes"}  # the log: its maintainer's only


def test_write_policies_check_new_rows_and_read_policies_filter(admin):
    rows = admin.execute("""
        SELECT policyname, cmd, qual IS NOT NULL, with_check IS NOT NULL
        FROM pg_policies WHERE schemaname = 'retail'
    """).fetchall()
    # Checked over every expected policy, not over whatever exists: an empty catalog must fail here.
    assert sorted(r[0] for r in rows) == sorted(name for _, name in ALL_POLICIES), "not the expected policies"
    for name, cmd, has_using, has_check in rows:
        assert has_using == (cmd in ("SELECT", "UPDATE", "ALL")), name
        assert has_check == (cmd in ("INSERT", "UPDATE", "ALL")), name


def test_policy_helpers_are_wrapped_in_subselects(admin):
    """(SELECT fn()) is planned once per statement (an InitPlan), not once per row."""
    rows = admin.execute("""
        SELECT policyname, coalesce(qual, '') || coalesce(with_check, '')
        FROM pg_policies WHERE schemaname = 'retail' AND roles <> '{zava_rollup_writer}'
    """).fetchall()
    want = sorted(name for (_, name), (_, roles) in ALL_POLICIES.items() if roles != (ROLLUP_WRITER,))
    assert sorted(r[0] for r in rows) == want, "not the tenant policies: the check would prove nothing"
    for name, expr in rows:
        assert "SELECT retail.get_" in expr or "SELECT retail.caller_sees_every_store()" in expr, f"{name}: {expr}"


def test_manager_tables_have_rls_and_no_grants(admin):
    rows = admin.execute("""
        SELECT c.relname, c.relrowsecurity, coalesce(array_length(c.relacl, 1), 0)
        FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = 'retail' AND c.relname IN ('managers', 'manager_stores')
    """).fetchall()
    assert sorted(rows) == [("manager_stores", True, 0), ("managers", True, 0)]
