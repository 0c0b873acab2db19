"""The schema stays ready to be sharded by store (SCALING.md, "Sharding: when one primary is not enough").

On Citus the tenant tables (rows of one store, split by store by row-level security) would be distributed by
store_id and co-located, and every other table replicated to every node as a reference table. Citus asks of the
schema (its documentation, "Creating and Modifying Distributed Objects"; its source, foreign_constraint.c):

- the distribution column is in the primary key and in every unique constraint, unique index and exclusion
  constraint of a distributed table (uniqueness is only checked within one shard);
- co-located tables have distribution columns of one type;
- a foreign key between two distributed tables holds the distribution column, at the same place on both sides;
  a foreign key holding it neither sets it to NULL or its default on delete nor changes it on update;
- a foreign key from a distributed table to a reference table is fine; one from a reference table to a
  distributed table is not.

Every table of schema retail is named in exactly one list below, so a new table fails the first test until
someone decides which kind it is.
"""

import pytest
from pgtap import col_not_null, is_empty, rls_enabled_and_forced, tables_are
from store_rollups import STORE_ROLLUPS

STORE = "store_id"

# Distributed by store_id, co-located with orders.
TENANT_TABLES = [
    "orders",
    "order_items",
    "inventory",
    *STORE_ROLLUPS,
]

# Replicated to every node. stores: every tenant table refers to it, and so do customers and manager_stores.
# managers, manager_stores: read by the SECURITY DEFINER helpers of every policy, on whichever node a shard's
# query runs. customers: a customer orders at any store, so orders' key to them cannot hold the store (SCALING.md
# weighs distributing them by customer_id). The catalog: the same for every store, joined by every store's lines.
REFERENCE_TABLES = [
    "stores",
    "managers",
    "manager_stores",
    "customers",
    "categories",
    "product_types",
    "products",
    "product_translations",
    "product_description_embeddings",
    "search_glossary",
]

# Neither: the log of sales changes (sql/schema/1180), appended to by the triggers of the node a write runs on and
# emptied by the fold there (no key, no foreign key); each node logs and folds its own shards' writes. Likewise the
# rebuilds of the rollups a migration asked for (sql/schema/1360): each node rebuilds its own.
NODE_LOCAL_TABLES = ["sales_changes", "rollup_rebuild_requests"]

# Distributed by customer_id, co-located with nothing: a customer's sales over every store (sql/schema/1280), which
# the fold of each node's log updates by key (one row per customer, a distributed upsert).
CUSTOMER_TABLES = ["sales_customer_total"]

LISTS = {"tenant": TENANT_TABLES, "reference": REFERENCE_TABLES, "customer": CUSTOMER_TABLES}

# The foreign keys of retail's tables, with the position of store_id in each side's columns (NULL when absent).
FOREIGN_KEYS = """
    SELECT c.conname, s.relname AS source, t.relname AS target, tn.nspname AS target_schema,
           c.confdeltype, c.confupdtype,
           array_position(c.conkey, (SELECT a.attnum FROM pg_attribute AS a
                                     WHERE a.attrelid = c.conrelid AND a.attname = 'store_id')) AS source_store,
           array_position(c.confkey, (SELECT a.attnum FROM pg_attribute AS a
                                      WHERE a.attrelid = c.confrelid AND a.attname = 'store_id')) AS target_store
    FROM pg_constraint AS c
    JOIN pg_class AS s ON s.oid = c.conrelid
    JOIN pg_class AS t ON t.oid = c.confrelid
    JOIN pg_namespace AS tn ON tn.oid = t.relnamespace
    WHERE c.contype = 'f' AND s.relnamespace = 'retail'::regnamespace
"""


def test_every_table_is_in_exactly_one_list(admin):
    both = sorted(set(TENANT_TABLES) & set(REFERENCE_TABLES))
    assert not both, f"{both} are listed as tenant and as reference tables: each is one or the other"
    listed = TENANT_TABLES + REFERENCE_TABLES + CUSTOMER_TABLES + NODE_LOCAL_TABLES
    assert len(set(listed)) == len(listed), "a table listed twice"
    tables_are(admin, "retail", listed)


@pytest.mark.parametrize("table", CUSTOMER_TABLES)
def test_customer_table_is_keyed_by_the_customer_alone(admin, table):
    """Distributed by customer_id: its only unique index is the key (customer_id), and no foreign key ties it to a
    table distributed otherwise."""
    is_empty(
        admin,
        """
        SELECT i.indexrelid::regclass::text FROM pg_index AS i
        WHERE i.indrelid = format('retail.%%I', %s::text)::regclass AND i.indisunique
          AND array(SELECT a.attname::text FROM unnest(i.indkey) AS k (n)
                    JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.n) <> '{customer_id}'
    """,
        (table,),
    )
    is_empty(admin, f"SELECT conname FROM ({FOREIGN_KEYS}) AS f WHERE f.source = %s OR f.target = %s", (table, table))


def test_no_foreign_key_leaves_the_listed_tables(admin):
    """On Citus a distributed or reference table may only refer to another Citus table."""
    is_empty(admin, f"SELECT conname, target_schema, target FROM ({FOREIGN_KEYS}) AS f WHERE target_schema <> 'retail'")


@pytest.mark.parametrize("table", TENANT_TABLES)
def test_tenant_table_has_the_store_not_null_of_the_stores_type(admin, table):
    """The distribution column: present, never NULL, and of one type in every co-located table (stores' key's)."""
    kinds = dict(
        admin.execute(
            """
        SELECT c.relname, format_type(a.atttypid, a.atttypmod)
        FROM pg_attribute AS a JOIN pg_class AS c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'retail'::regnamespace AND c.relname IN (%s, 'stores')
          AND a.attname = %s AND NOT a.attisdropped
    """,
            (table, STORE),
        ).fetchall()
    )
    assert table in kinds, f"retail.{table} has no {STORE}: a tenant table is distributed by it"
    assert kinds[table] == kinds["stores"], f"retail.{table}.{STORE} is {kinds[table]}, stores' is {kinds['stores']}"
    col_not_null(admin, "retail", table, [STORE])


@pytest.mark.parametrize("table", TENANT_TABLES)
def test_tenant_table_primary_key_holds_the_store(admin, table):
    keys = admin.execute(
        """
        SELECT array(SELECT a.attname FROM unnest(c.conkey) AS k (n)
                     JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.n)
        FROM pg_constraint AS c
        WHERE c.conrelid = format('retail.%%I', %s::text)::regclass AND c.contype = 'p'
    """,
        (table,),
    ).fetchall()
    assert keys, f"retail.{table} has no primary key (Citus moves shards by logical replication, which needs one)"
    assert STORE in keys[0][0], f"the primary key of retail.{table} is {keys[0][0]}: it must hold {STORE}"


@pytest.mark.parametrize("table", TENANT_TABLES)
def test_every_unique_index_of_a_tenant_table_holds_the_store(admin, table):
    """Primary key, unique constraints, unique indexes (also partial or on expressions) and exclusion constraints:
    store_id among the key columns (not only INCLUDEd), compared with = in an exclusion constraint."""
    is_empty(
        admin,
        """
        SELECT i.indexrelid::regclass::text AS index_without_the_store
        FROM pg_index AS i
        WHERE i.indrelid = format('retail.%%I', %s::text)::regclass
          AND (i.indisunique OR i.indisexclusion)
          AND NOT EXISTS (
              SELECT FROM unnest(i.indkey) WITH ORDINALITY AS k (attnum, n)
              JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE k.n <= i.indnkeyatts AND a.attname = %s
                AND (NOT i.indisexclusion OR EXISTS (
                    SELECT FROM pg_constraint AS c JOIN pg_operator AS o ON o.oid = c.conexclop[k.n]
                    WHERE c.conindid = i.indexrelid AND o.oprname = '='))
          )
    """,
        (table, STORE),
    )


def test_foreign_keys_between_tenant_tables_hold_the_store_on_both_sides(admin):
    is_empty(
        admin,
        f"""
        SELECT conname, source, target, source_store, target_store FROM ({FOREIGN_KEYS}) AS f
        WHERE source = ANY(%(tenant)s) AND target = ANY(%(tenant)s) AND target_schema = 'retail'
          AND (source_store IS NULL OR source_store IS DISTINCT FROM target_store)
    """,
        {"tenant": TENANT_TABLES},
    )


def test_no_foreign_key_changes_a_store_through_its_action(admin):
    """A key holding store_id (on the referencing side) neither SETs it NULL or DEFAULT on delete, nor on update,
    nor cascades an update to it: Citus refuses these (a row's distribution column does not change)."""
    is_empty(
        admin,
        f"""
        SELECT conname, source, target, confdeltype, confupdtype FROM ({FOREIGN_KEYS}) AS f
        WHERE source = ANY(%(tenant)s) AND source_store IS NOT NULL
          AND (confdeltype IN ('n', 'd') OR confupdtype IN ('n', 'd', 'c'))
    """,
        {"tenant": TENANT_TABLES},
    )


def test_no_foreign_key_from_a_reference_table_to_a_tenant_table(admin):
    is_empty(
        admin,
        f"""
        SELECT conname, source, target FROM ({FOREIGN_KEYS}) AS f
        WHERE source = ANY(%(reference)s) AND target = ANY(%(tenant)s) AND target_schema = 'retail'
    """,
        {"reference": REFERENCE_TABLES, "tenant": TENANT_TABLES},
    )


@pytest.mark.parametrize("table", TENANT_TABLES)
def test_tenant_table_rows_are_split_by_store(admin, table):
    """What makes a table a tenant table: row-level security gives its rows by their store."""
    rls_enabled_and_forced(admin, "retail", table)
    by_store = admin.execute(
        "SELECT policyname FROM pg_policies WHERE schemaname = 'retail' AND tablename = %s AND qual ~ %s",
        (table, rf"\m{STORE}\M"),
    ).fetchall()
    assert by_store, f"no policy of retail.{table} reads {STORE}: is it a tenant table?"
