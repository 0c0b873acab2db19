"""sql/policies: RLS enabled and forced on every tenant table, and exactly the intended policies on each."""

import pytest
from pgtap import policies_are, rls_enabled_and_forced

SM, RM, HO, SQL = "zava_store_manager", "zava_regional_manager", "zava_head_office", "zava_sql_reader"
ROLLUP_WRITER = "zava_rollup_writer"  # owns the functions that keep the sales rollups exact (sql/schema/1020)
ROLLUPS = ("sales_store_day", "sales_category_day", "sales_type_month", "sales_product_month", "sales_hour_month")
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


@pytest.mark.parametrize("table", TENANT_TABLES)
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
    assert {r[0] for r in rows} == set(TENANT_TABLES)


def test_write_policies_check_new_rows_and_read_policies_filter(admin):
    rows = admin.execute("""
        SELECT policyname, cmd, qual IS NOT NULL, with_check IS NOT NULL
        FROM pg_policies WHERE schemaname = 'retail'
    """).fetchall()
    for name, cmd, has_using, has_check in rows:
        assert has_using == (cmd in ("SELECT", "UPDATE", "ALL")), name
        assert has_check == (cmd in ("INSERT", "UPDATE", "ALL")), name


def test_policy_helpers_are_wrapped_in_subselects(admin):
    """(SELECT fn()) is planned once per statement (an InitPlan), not once per row."""
    rows = admin.execute("""
        SELECT policyname, coalesce(qual, '') || coalesce(with_check, '')
        FROM pg_policies WHERE schemaname = 'retail' AND roles <> '{zava_rollup_writer}'
    """).fetchall()
    assert len(rows) >= 4 * len(TENANT_TABLES), "the tenant policies are missing: the check would prove nothing"
    for name, expr in rows:
        assert "SELECT retail.get_" in expr, f"{name}: {expr}"


def test_manager_tables_have_rls_and_no_grants(admin):
    rows = admin.execute("""
        SELECT c.relname, c.relrowsecurity, coalesce(array_length(c.relacl, 1), 0)
        FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = 'retail' AND c.relname IN ('managers', 'manager_stores')
    """).fetchall()
    assert sorted(rows) == [("manager_stores", True, 0), ("managers", True, 0)]
