"""SPEC §4: the server login is powerless, nothing is executable by PUBLIC, definers pin search_path, and the API
schema exposes exactly the intended functions."""

import pytest
from pgtap import functions_are, results_eq

SCHEMAS = ["retail", "api", "auth", "prompts"]
API_FUNCTIONS = [  # the tools
    "get_current_utc_date",
    "get_store_performance",
    "get_sales_by_period",
    "get_sales_by_dimension",
    "get_top_products",
    "get_customer_metrics",
    "get_top_customers",
    "get_low_stock",
    "get_inventory_value",
    "get_stockout_risk",
    "get_seasonal_trend",
    "get_category_growth",
    "get_multiple_table_schemas",
    "execute_sales_query",
    "semantic_search_products",
    "get_sales_pattern",
    "get_order_status_summary",
    "get_measure_glossary",
]


def test_server_login_is_not_superuser_bypassrls_or_creator(admin):
    results_eq(
        admin,
        """
        SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolinherit
        FROM pg_roles WHERE rolname = 'zava_mcp'
    """,
        [(True, False, False, False, False, False)],
    )


def test_server_login_owns_nothing(admin):
    results_eq(
        admin,
        """
        SELECT count(*) FROM pg_class WHERE relowner = 'zava_mcp'::regrole
        UNION ALL SELECT count(*) FROM pg_proc WHERE proowner = 'zava_mcp'::regrole
        UNION ALL SELECT count(*) FROM pg_namespace WHERE nspowner = 'zava_mcp'::regrole
        UNION ALL SELECT count(*) FROM pg_database WHERE datdba = 'zava_mcp'::regrole
    """,
        [(0,), (0,), (0,), (0,)],
        ordered=True,
    )


def test_server_login_has_no_table_privileges(admin):
    results_eq(
        admin,
        """
        SELECT count(*) FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'v', 'm', 'p')
          AND (has_table_privilege('zava_mcp', c.oid, 'SELECT') OR has_table_privilege('zava_mcp', c.oid, 'INSERT')
               OR has_table_privilege('zava_mcp', c.oid, 'UPDATE') OR has_table_privilege('zava_mcp', c.oid, 'DELETE'))
    """,
        [(0,)],
        params=(SCHEMAS,),
    )


def test_server_login_may_only_execute_the_role_mapping_and_the_dispatcher(admin):
    results_eq(
        admin,
        """
        SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s) AND has_function_privilege('zava_mcp', p.oid, 'EXECUTE')
        ORDER BY 1
    """,
        [("auth.call_tool(text,text,text,text,text[],boolean)",), ("auth.request_role(text)",)],
        params=(SCHEMAS,),
    )


def test_server_login_is_member_of_exactly_the_request_roles(admin):
    results_eq(
        admin,
        """
        SELECT m.roleid::regrole::text FROM pg_auth_members AS m WHERE m.member = 'zava_mcp'::regrole
    """,
        [("zava_store_manager",), ("zava_regional_manager",), ("zava_head_office",), ("zava_sql_reader",)],
    )


def test_tables_are_owned_by_the_owner_role(admin):
    results_eq(
        admin,
        """
        SELECT DISTINCT c.relowner::regrole::text FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%s)
    """,
        [("zava_owner",)],
        params=(SCHEMAS,),
    )


def test_owner_and_request_roles_cannot_log_in_or_bypass_rls(admin):
    results_eq(
        admin,
        """
        SELECT rolname, rolcanlogin, rolbypassrls, rolsuper FROM pg_roles
        WHERE rolname IN ('zava_owner', 'zava_store_manager', 'zava_regional_manager', 'zava_head_office')
    """,
        [
            (r, False, False, False)
            for r in ("zava_owner", "zava_store_manager", "zava_regional_manager", "zava_head_office")
        ],
    )


@pytest.mark.parametrize("schema", SCHEMAS)
def test_no_execute_for_public(admin, schema):
    results_eq(
        admin,
        """
        SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = %s AND (p.proacl IS NULL OR EXISTS (
            SELECT FROM aclexplode(p.proacl) AS a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'))
    """,
        [],
        params=(schema,),
    )


@pytest.mark.parametrize("schema", SCHEMAS)
def test_no_privileges_for_public_on_tables(admin, schema):
    results_eq(
        admin,
        """
        SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL aclexplode(c.relacl) AS a WHERE n.nspname = %s AND a.grantee = 0
    """,
        [],
        params=(schema,),
    )


def test_every_security_definer_pins_search_path(admin):
    results_eq(
        admin,
        """
        SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s) AND p.prosecdef
          AND NOT EXISTS (SELECT FROM unnest(p.proconfig) AS c WHERE c LIKE 'search\\_path=%%')
    """,
        [],
        params=(SCHEMAS,),
    )


def test_security_definer_only_where_needed(admin):
    results_eq(
        admin,
        """
        SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s) AND p.prosecdef
    """,
        [
            ("retail.get_current_user_store()",),
            ("retail.get_user_store_list()",),
            ("auth.request_role(text)",),
            ("retail.grant_new_store_access()",),
            # The sales rollups' maintainer (zava_rollup_writer): the triggers write cells no caller may write.
            (
                "retail.apply_sales_change(uuid[],retail.order_items[],retail.order_items[],retail.orders[],boolean,"
                "retail.products[])",
            ),
            ("retail.rebuild_sales_rollups(boolean)",),
            ("retail.order_items_inserted()",),
            ("retail.order_items_updated()",),
            ("retail.order_items_deleted()",),
            ("retail.orders_updated()",),
            ("retail.orders_deleting()",),
            ("retail.products_updated()",),
            ("retail.sales_truncated()",),
        ],
        params=(SCHEMAS,),
    )


def test_every_function_declares_its_volatility_deliberately(admin):
    """Only trigger functions, functions declared @readonly (they must SET a role), the call dispatcher (it sets
    the identity and role) and the rollup maintainer's functions (they write the rollups) may be VOLATILE."""
    results_eq(
        admin,
        """
        SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s) AND p.provolatile = 'v' AND p.prorettype <> 'trigger'::regtype
          AND obj_description(p.oid, 'pg_proc') NOT LIKE '%%@readonly%%'
          AND p.oid <> 'auth.call_tool(text,text,text,text,text[],boolean)'::regprocedure
          AND p.proowner <> 'zava_rollup_writer'::regrole
    """,
        [],
        params=(SCHEMAS,),
    )


def test_every_function_is_documented(admin):
    results_eq(
        admin,
        """
        SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s) AND obj_description(p.oid, 'pg_proc') IS NULL
    """,
        [],
        params=(SCHEMAS,),
    )


def test_api_schema_exposes_exactly_the_tools(admin):
    functions_are(admin, "api", API_FUNCTIONS)


def test_public_cannot_create_in_package_schemas(admin):
    results_eq(
        admin,
        """
        SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s) AND has_schema_privilege('public', oid, 'CREATE')
    """,
        [],
        params=(SCHEMAS,),
    )
