"""SPEC §4: the server login is powerless, nothing is executable by PUBLIC, definers pin search_path, and the API
schema exposes exactly the intended functions. The request roles execute the tools and their helpers through one
group role, zava_api_caller, which nobody can become and which holds nothing else."""

import pytest
from conftest import clone
from pgtap import functions_are, is_empty, results_eq

SCHEMAS = ["retail", "api", "auth", "prompts", "jobs", "mcp"]
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
    "get_slow_movers",
    "get_seasonal_trend",
    "get_category_growth",
    "get_multiple_table_schemas",
    "execute_sales_query",
    "semantic_search_products",
    "get_sales_pattern",
    "get_order_status_summary",
    "get_measure_glossary",
]


@pytest.fixture(scope="module")
def migrated_db(pg_server, template_db):
    """One clone of the migrated template for the module: the tests read the catalog."""
    with clone(pg_server, template_db, prefix="zava_privileges") as db:
        yield db


@pytest.fixture
def admin(migrated_db):
    """A connection of the test's own, its transaction rolled back at the end (a test that creates something, as
    test_a_new_function_is_not_executable_by_public does, leaves nothing behind)."""
    with migrated_db.connect() as conn:
        yield conn
        conn.rollback()


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


def test_server_login_may_only_execute_the_role_mapping_the_dispatcher_and_the_jobs(admin):
    """The jobs (the fold of logged sales changes into the rollups) read and return nothing of any tenant."""
    results_eq(
        admin,
        """
        SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s) AND has_function_privilege('zava_mcp', p.oid, 'EXECUTE')
        ORDER BY 1
    """,
        [
            ("auth.request_role(text)",),
            ("jobs.fold_sales_changes()",),
            ("mcp.call_tool(text,text,text,text[],boolean)",),
            ("mcp.prompts(text)",),  # the catalog as prompts and tools: the shim's own package (shim/sql/functions)
            ("mcp.tools(text,boolean)",),
            ("auth.call_tool(text,text,text,text,text[],boolean)",),  # the previous release's, for one release
        ],
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
    roles = ("zava_owner", "zava_store_manager", "zava_regional_manager", "zava_head_office", "zava_api_caller")
    results_eq(
        admin,
        "SELECT rolname, rolcanlogin, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = ANY(%s)",
        [(r, False, False, False) for r in roles],
        params=(list(roles),),
    )


# ----- zava_api_caller: the group the request roles execute through ----------------------------------------------

REQUEST_ROLES = ["zava_store_manager", "zava_regional_manager", "zava_head_office"]


def test_the_group_role_can_do_nothing_by_itself(admin):
    """NOLOGIN, NOINHERIT (a role granted to it by mistake lends its members nothing), no attribute."""
    results_eq(
        admin,
        """
        SELECT rolcanlogin, rolinherit, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication
        FROM pg_roles WHERE rolname = 'zava_api_caller'
    """,
        [(False, False, False, False, False, False, False)],
    )


def test_the_group_role_owns_nothing_and_is_a_member_of_nothing(admin):
    results_eq(
        admin,
        """
        SELECT count(*) FROM pg_class WHERE relowner = 'zava_api_caller'::regrole
        UNION ALL SELECT count(*) FROM pg_proc WHERE proowner = 'zava_api_caller'::regrole
        UNION ALL SELECT count(*) FROM pg_namespace WHERE nspowner = 'zava_api_caller'::regrole
        UNION ALL SELECT count(*) FROM pg_type WHERE typowner = 'zava_api_caller'::regrole
        UNION ALL SELECT count(*) FROM pg_database WHERE datdba = 'zava_api_caller'::regrole
        UNION ALL SELECT count(*) FROM pg_auth_members WHERE member = 'zava_api_caller'::regrole
    """,
        [(0,)] * 6,
        ordered=True,
    )


def test_no_policy_names_the_group_role_and_it_reads_no_table(admin):
    is_empty(admin, "SELECT polname FROM pg_policy WHERE 'zava_api_caller'::regrole = ANY(polroles)")
    is_empty(
        admin,
        """
        SELECT c.oid::regclass FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'v', 'm', 'p')
          AND has_any_column_privilege('zava_api_caller', c.oid, 'SELECT, INSERT, UPDATE, REFERENCES')
    """,
        params=(SCHEMAS,),
    )


def test_the_request_roles_use_the_group_but_cannot_become_or_grant_it(admin):
    results_eq(
        admin,
        """
        SELECT member::regrole::text, inherit_option, set_option, admin_option FROM pg_auth_members
        WHERE roleid = 'zava_api_caller'::regrole
    """,
        [(r, True, False, False) for r in REQUEST_ROLES],
    )


def test_no_role_can_switch_to_the_group_role(admin):
    """Not the server login (through a request role it may switch to), not the request roles: no session runs as
    zava_api_caller, so its grants are only ever used by a request role, under that role's policies."""
    is_empty(
        admin,
        """
        SELECT rolname FROM pg_roles
        WHERE NOT rolsuper AND rolname <> 'zava_api_caller' AND pg_has_role(oid, 'zava_api_caller', 'SET')
    """,
    )


def test_only_the_request_roles_execute_the_tools_and_prompts(admin):
    """Every role but the superusers, the owner and the group itself: exactly the three request roles can execute
    an api or prompts function (directly or through a role they inherit), and each can execute every one."""
    executors = """
        SELECT r.rolname, count(*) FROM pg_roles AS r
        CROSS JOIN pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('api', 'prompts') AND NOT r.rolsuper AND r.rolname NOT IN ('zava_owner', 'zava_api_caller')
          AND has_function_privilege(r.oid, p.oid, 'EXECUTE')
        GROUP BY r.rolname
    """
    with admin.cursor() as cur:
        functions = cur.execute(
            "SELECT count(*) FROM pg_proc WHERE pronamespace IN ('api'::regnamespace, 'prompts'::regnamespace)"
        ).fetchone()[0]
    assert functions >= len(API_FUNCTIONS)
    results_eq(admin, executors, [(r, functions) for r in REQUEST_ROLES])


def test_functions_are_granted_to_the_group_not_to_each_request_role(admin):
    is_empty(
        admin,
        """
        SELECT p.oid::regprocedure FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        CROSS JOIN LATERAL aclexplode(p.proacl) AS a
        WHERE n.nspname = ANY(%s) AND a.grantee::regrole::text = ANY(%s)
    """,
        params=(SCHEMAS, REQUEST_ROLES),
    )


def test_every_role_that_owns_functions_denies_public_by_default(admin):
    """0100 (zava_owner) and 1070 (zava_rollup_writer): a function one of them creates is not executable by PUBLIC
    until a file grants it to someone, so no file needs REVOKE ... FROM public. Not schema mcp: the shim's own
    package belongs to whoever migrates and revokes in its file (test_no_execute_for_public checks it)."""
    is_empty(
        admin,
        """
        SELECT DISTINCT p.proowner::regrole FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s) AND NOT EXISTS (
            SELECT FROM pg_default_acl AS d
            WHERE d.defaclrole = p.proowner AND d.defaclnamespace = 0 AND d.defaclobjtype = 'f'
              AND NOT EXISTS (SELECT FROM aclexplode(d.defaclacl) AS a WHERE a.grantee = 0))
    """,
        params=([s for s in SCHEMAS if s != "mcp"],),
    )


@pytest.mark.parametrize("creator", ["zava_owner", "zava_rollup_writer"])
def test_a_new_function_is_not_executable_by_public(admin, creator):
    admin.execute(f"SET ROLE {creator}")
    admin.execute("CREATE FUNCTION retail.brand_new() RETURNS int LANGUAGE sql AS 'SELECT 1'")
    admin.execute("RESET ROLE")
    results_eq(
        admin,
        "SELECT has_function_privilege('public', 'retail.brand_new()', 'EXECUTE'), "
        "has_function_privilege('zava_store_manager', 'retail.brand_new()', 'EXECUTE')",
        [(False, False)],
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
            # The caller's role and scope (kept for the transaction for the policy helpers, which are not definers).
            ("auth.request_role(text)",),
            ("retail.load_own_scope()",),
            # The shim's description of the catalog (which every role may read): no grant on its helpers needed.
            ("mcp.tools(text,boolean)",),
            ("mcp.prompts(text)",),
            ("retail.grant_new_store_access()",),
            # The sales rollups' maintainer (zava_rollup_writer): the triggers write the log of changes and the fold
            # the rollups, which no caller may write.
            ("jobs.fold_sales_changes()",),
            ("retail.rebuild_sales_rollups(boolean)",),
            ("retail.order_lines_inserted()",),
            ("retail.order_lines_changed()",),
            ("retail.orders_changed()",),
            ("retail.products_changed()",),
            ("retail.sales_truncated()",),
            ("retail.customer_cells_added()",),
            ("retail.customer_cells_removed()",),
            # Whether the caller sees every store (the scopes of retail.manager_stores, which no caller reads), and
            # the customers of changes not folded yet (the log, its maintainer's only): get_top_customers' bound.
            ("retail.caller_sees_every_store()",),
            ("retail.unfolded_customers(uuid)",),
            # The customer cohorts and repeat buyers that the fold and a rebuild recompute (sql/functions/0157).
            ("retail.refresh_customer_cohorts(retail.customer_cell[],boolean)",),
        ],
        params=(SCHEMAS,),
    )


def test_every_function_declares_its_volatility_deliberately(admin):
    """Only trigger functions, functions declared @readonly (they must SET a role), the call dispatcher (it sets
    the identity and role), the scope loaders (they keep the caller's scope in transaction-local settings) and the
    rollup maintainer's functions (they write the rollups) may be VOLATILE."""
    results_eq(
        admin,
        """
        SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY(%s) AND p.provolatile = 'v' AND p.prorettype <> 'trigger'::regtype
          AND obj_description(p.oid, 'pg_proc') NOT LIKE '%%@readonly%%'
          AND p.oid <> 'mcp.call_tool(text,text,text,text[],boolean)'::regprocedure
          AND p.oid <> 'auth.call_tool(text,text,text,text,text[],boolean)'::regprocedure
          AND p.oid NOT IN ('auth.request_role(text)'::regprocedure, 'retail.load_own_scope()'::regprocedure)
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


def test_no_tool_description_continues_after_its_parameters_and_columns(admin):
    """After the first @param or @column line of a tool's comment, a line is another tag or an indented
    continuation (mcp.comment_docs): an unindented one would end the column's text and land at the end of the tool's
    description, as a line of get_top_customers' primary_store once did (an outside client author saw it)."""
    results_eq(
        admin,
        """
        SELECT p.proname, l.line
        FROM pg_proc AS p
        CROSS JOIN LATERAL regexp_split_to_table(obj_description(p.oid, 'pg_proc'), '\\n')
            WITH ORDINALITY AS l (line, n)
        WHERE p.pronamespace IN ('api'::regnamespace, 'prompts'::regnamespace)
          AND l.n > (SELECT min(t.n) FROM regexp_split_to_table(obj_description(p.oid, 'pg_proc'), '\\n')
                     WITH ORDINALITY AS t (line, n) WHERE t.line ~ '^@(param|column) ')
          AND l.line !~ '^(@|[ \\t]|$)'
    """,
        [],
    )
