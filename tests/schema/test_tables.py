"""sql/schema: every table, column type, key, foreign key and the indexes analytics rely on."""

import pytest
from pgtap import col_not_null, columns_are, fk_ok, has_index_on, has_pk, has_unique, tables_are

VARCHAR = "character varying"
TABLES = {
    "stores": {
        "store_id": "uuid",
        "store_name": f"{VARCHAR}(100)",
        "location": f"{VARCHAR}(200)",
        "rls_user_id": "uuid",
        "is_online": "boolean",
        "created_at": "timestamp with time zone",
    },
    "managers": {
        "rls_user_id": "uuid",
        "manager_name": f"{VARCHAR}(100)",
        "access_level": "retail.access_level",
        "created_at": "timestamp with time zone",
    },
    "manager_stores": {"rls_user_id": "uuid", "store_id": "uuid", "created_at": "timestamp with time zone"},
    "customers": {
        "customer_id": "uuid",
        "first_name": f"{VARCHAR}(100)",
        "last_name": f"{VARCHAR}(100)",
        "email": f"{VARCHAR}(255)",
        "phone": f"{VARCHAR}(30)",
        "primary_store_id": "uuid",
        "created_at": "timestamp with time zone",
    },
    "categories": {"category_id": "uuid", "category_name": f"{VARCHAR}(100)", "created_at": "timestamp with time zone"},
    "product_types": {
        "type_id": "uuid",
        "category_id": "uuid",
        "type_name": f"{VARCHAR}(100)",
        "created_at": "timestamp with time zone",
    },
    "products": {
        "product_id": "uuid",
        "sku": f"{VARCHAR}(50)",
        "product_name": f"{VARCHAR}(200)",
        "category_id": "uuid",
        "type_id": "uuid",
        "cost": "numeric(10,2)",
        "base_price": "numeric(10,2)",
        "gross_margin_percent": "numeric(5,2)",
        "product_description": "text",
        "created_at": "timestamp with time zone",
    },
    "inventory": {
        "store_id": "uuid",
        "product_id": "uuid",
        "stock_level": "integer",
        "created_at": "timestamp with time zone",
    },
    "orders": {
        "order_id": "uuid",
        "customer_id": "uuid",
        "store_id": "uuid",
        "order_date": "date",
        "total_amount": "numeric(12,2)",
        "status": f"{VARCHAR}(20)",
        "created_at": "timestamp with time zone",
    },
    "order_items": {
        "order_item_id": "uuid",
        "order_id": "uuid",
        "store_id": "uuid",
        "product_id": "uuid",
        "quantity": "integer",
        "unit_price": "numeric(10,2)",
        "discount_percent": "integer",
        "discount_amount": "numeric(10,2)",
        "total_amount": "numeric(12,2)",
        "created_at": "timestamp with time zone",
    },
    "product_description_embeddings": {
        "product_id": "uuid",
        "description_embedding": "extensions.vector(384)",
        "created_at": "timestamp with time zone",
        "source_hash": "text",
        "model": "text",
    },
    "product_translations": {
        "product_id": "uuid",
        "language_code": "character varying(8)",
        "product_name": "character varying(300)",
        "keywords": "text",
        "created_at": "timestamp with time zone",
    },
    # Korean and Hebrew shopping words with their English, for the hybrid search (sql/schema/1330, sql/reference).
    "search_glossary": {
        "term": "text",
        "language_code": "character varying(8)",
        "english": "text",
        "created_at": "timestamp with time zone",
    },
    # Rebuilds of the rollups a versioned file asked for (sql/schema/1360), carried out by sql/functions/0160.
    "rollup_rebuild_requests": {
        "reason": "text",
        "requested_at": "timestamp with time zone",
        "done_at": "timestamp with time zone",
    },
    # What changed since the rollups were last folded (sql/schema/1180): each changed row as it was.
    "sales_changes": {
        "change_id": "bigint",
        "subject": "text",
        "order_id": "uuid",
        "store_id": "uuid",
        "order_item_id": "uuid",
        "product_id": "uuid",
        "was_absent": "boolean",
        "order_date": "date",
        "status": "text",
        "created_at": "timestamp with time zone",
        "quantity": "integer",
        "total_amount": "numeric",
        "discount_amount": "numeric",
        "cost": "numeric",
        "category_id": "uuid",
        "type_id": "uuid",
        "customer_id": "uuid",
    },
    # The buyer numbers and bitmaps of the customer rollup (sql/schema/1260).
    "sales_buyer_numbers": {"store_id": "uuid", "customer_id": "uuid", "buyer_number": "integer"},
    "sales_buyers_month": {
        "month": "date",
        "store_id": "uuid",
        "status": "text",
        "chunk": "integer",
        "buyers": "bit(8192)",
    },
    # The customer cohorts and repeat buyers (sql/schema/1290).
    "sales_customer_first": {"store_id": "uuid", "status": "text", "customer_id": "uuid", "first_month": "date"},
    "sales_customer_cohort": {
        "month": "date",
        "store_id": "uuid",
        "status": "text",
        "cohort": "date",
        "customers": "integer",
        "orders": "integer",
        "revenue_cents": "bigint",
    },
    "sales_repeat_buyers_month": {
        "month": "date",
        "store_id": "uuid",
        "status": "text",
        "chunk": "integer",
        "buyers": "bit(8192)",
    },
    # The sales rollups (sql/schema/1030): additive measures per cell of their grain.
    **{
        rollup: {
            **{key: kind for key, kind in grain},
            "orders": "integer",
            "lines": "integer",
            "units": "bigint",
            "revenue_cents": "bigint",
            "cost_cents": "bigint",
            "discount_cents": "bigint",
        }
        for rollup, grain in {
            "sales_store_day": (("order_date", "date"), ("store_id", "uuid"), ("status", "text")),
            "sales_category_day": (
                ("order_date", "date"),
                ("store_id", "uuid"),
                ("status", "text"),
                ("category_id", "uuid"),
            ),
            "sales_type_month": (("month", "date"), ("store_id", "uuid"), ("status", "text"), ("type_id", "uuid")),
            "sales_product_month": (
                ("month", "date"),
                ("store_id", "uuid"),
                ("status", "text"),
                ("product_id", "uuid"),
            ),
            "sales_hour_month": (("month", "date"), ("store_id", "uuid"), ("status", "text"), ("hour", "smallint")),
            "sales_customer_month": (
                ("month", "date"),
                ("store_id", "uuid"),
                ("status", "text"),
                ("customer_id", "uuid"),
            ),
            "sales_product_week": (
                ("week", "date"),
                ("store_id", "uuid"),
                ("status", "text"),
                ("product_id", "uuid"),
            ),
            "sales_product_quarter": (
                ("quarter", "date"),
                ("store_id", "uuid"),
                ("status", "text"),
                ("product_id", "uuid"),
            ),
            "sales_product_year": (
                ("year", "date"),
                ("store_id", "uuid"),
                ("status", "text"),
                ("product_id", "uuid"),
            ),
            # Per customer over every store, status and day (sql/schema/1280): get_top_customers' bound.
            "sales_customer_total": (("customer_id", "uuid"),),
            "sales_customer_store_total": (("store_id", "uuid"), ("customer_id", "uuid")),
        }.items()
    },
}
PRIMARY_KEYS = {
    "sales_changes": ["change_id"],
    "rollup_rebuild_requests": ["reason"],
    "stores": ["store_id"],
    "managers": ["rls_user_id"],
    "manager_stores": ["rls_user_id", "store_id"],
    "customers": ["customer_id"],
    "categories": ["category_id"],
    "product_types": ["type_id"],
    "products": ["product_id"],
    "inventory": ["store_id", "product_id"],
    # The store in the key: the tenant tables' keys hold store_id (sql/schema/1160, test_sharding_readiness.py).
    "orders": ["order_id", "store_id"],
    "order_items": ["order_item_id", "store_id"],
    "product_description_embeddings": ["product_id"],
    "product_translations": ["product_id", "language_code"],
    "search_glossary": ["term"],
    "sales_store_day": ["order_date", "store_id", "status"],
    "sales_category_day": ["order_date", "store_id", "status", "category_id"],
    "sales_type_month": ["month", "store_id", "status", "type_id"],
    "sales_product_month": ["month", "store_id", "status", "product_id"],
    "sales_hour_month": ["month", "store_id", "status", "hour"],
    "sales_customer_month": ["month", "store_id", "status", "customer_id"],
    "sales_product_week": ["week", "store_id", "status", "product_id"],
    "sales_product_quarter": ["quarter", "store_id", "status", "product_id"],
    "sales_product_year": ["year", "store_id", "status", "product_id"],
    "sales_customer_total": ["customer_id"],
    "sales_customer_store_total": ["store_id", "customer_id"],
    "sales_customer_first": ["store_id", "status", "customer_id"],
    "sales_customer_cohort": ["month", "store_id", "status", "cohort"],
    "sales_repeat_buyers_month": ["month", "store_id", "status", "chunk"],
    "sales_buyer_numbers": ["store_id", "customer_id"],
    "sales_buyers_month": ["month", "store_id", "status", "chunk"],
}
FOREIGN_KEYS = [
    ("manager_stores", ["rls_user_id"], "retail.managers", ["rls_user_id"]),
    ("manager_stores", ["store_id"], "retail.stores", ["store_id"]),
    ("customers", ["primary_store_id"], "retail.stores", ["store_id"]),
    ("product_types", ["category_id"], "retail.categories", ["category_id"]),
    ("products", ["category_id"], "retail.categories", ["category_id"]),
    ("products", ["type_id", "category_id"], "retail.product_types", ["type_id", "category_id"]),
    ("inventory", ["store_id"], "retail.stores", ["store_id"]),
    ("inventory", ["product_id"], "retail.products", ["product_id"]),
    ("orders", ["customer_id"], "retail.customers", ["customer_id"]),
    ("orders", ["store_id"], "retail.stores", ["store_id"]),
    ("order_items", ["order_id", "store_id"], "retail.orders", ["order_id", "store_id"]),
    ("order_items", ["product_id"], "retail.products", ["product_id"]),
    ("product_description_embeddings", ["product_id"], "retail.products", ["product_id"]),
    ("product_translations", ["product_id"], "retail.products", ["product_id"]),
]
UNIQUES = [
    ("stores", ["store_name"]),
    ("stores", ["rls_user_id"]),
    ("customers", ["email"]),
    ("categories", ["category_name"]),
    ("product_types", ["category_id", "type_name"]),
    ("products", ["sku"]),
    # One customer per bit: a buyer number is given once per store.
    ("sales_buyer_numbers", ["store_id", "buyer_number"]),
]
ANALYTICS_INDEXES = [
    ("orders", ["store_id", "order_date"]),
    ("orders", ["customer_id"]),
    ("orders", ["order_date"]),
    ("order_items", ["order_id"]),
    ("order_items", ["store_id", "product_id"]),
    ("order_items", ["product_id"]),
    ("customers", ["primary_store_id"]),
    ("products", ["category_id"]),
    ("products", ["type_id"]),
    ("inventory", ["product_id"]),
    ("manager_stores", ["store_id"]),
    # get_top_customers walks the customers by their bound, highest first (sql/functions/0178).
    ("sales_customer_total", ["revenue_cents", "customer_id"]),
    ("sales_customer_store_total", ["store_id", "revenue_cents", "customer_id"]),
    # A customer's cells at a store: their first month (sql/functions/0157).
    ("sales_customer_month", ["store_id", "status", "customer_id", "month"]),
]


def test_retail_has_exactly_the_package_tables(admin):
    tables_are(admin, "retail", TABLES)


@pytest.mark.parametrize("table", TABLES)
def test_columns_and_types(admin, table):
    columns_are(admin, "retail", table, TABLES[table])


@pytest.mark.parametrize("table", TABLES)
def test_primary_key(admin, table):
    has_pk(admin, "retail", table, PRIMARY_KEYS[table])


@pytest.mark.parametrize("table", [t for t in TABLES if not t.startswith("sales_")])  # rollups are derived rows
def test_every_table_has_created_at_not_null(admin, table):
    col_not_null(admin, "retail", table, ["created_at"])


@pytest.mark.parametrize(("table", "columns", "ref", "ref_columns"), FOREIGN_KEYS)
def test_foreign_key(admin, table, columns, ref, ref_columns):
    fk_ok(admin, "retail", table, columns, ref, ref_columns)


@pytest.mark.parametrize(("table", "columns"), UNIQUES)
def test_unique(admin, table, columns):
    has_unique(admin, "retail", table, columns)


@pytest.mark.parametrize(("table", "columns"), ANALYTICS_INDEXES)
def test_index_for_analytics(admin, table, columns):
    has_index_on(admin, "retail", table, columns)


def test_base_price_is_cost_over_0_67(tenant_db):
    with tenant_db.connect() as conn:
        rows = conn.execute("SELECT cost, base_price FROM retail.products ORDER BY sku").fetchall()
    assert [(str(c), str(p)) for c, p in rows] == [("10.05", "15.00"), ("30.15", "45.00")]


def test_order_item_cannot_claim_another_store_than_its_order(tenant_db):
    from pgtap import throws_ok

    with tenant_db.connect() as conn:
        throws_ok(
            conn,
            """
            INSERT INTO retail.order_items (order_id, store_id, product_id, quantity, unit_price, total_amount)
            SELECT o.order_id, s.store_id, p.product_id, 1, 1, 1
            FROM retail.orders AS o, retail.stores AS s, retail.products AS p
            WHERE s.store_id <> o.store_id LIMIT 1
        """,
            "23503",
        )


def test_fixed_stores_and_identities(admin):
    rows = admin.execute("SELECT store_name, rls_user_id::text, is_online FROM retail.stores").fetchall()
    assert sorted(rows) == sorted(
        [
            ("Zava Retail Seattle", "f47ac10b-58cc-4372-a567-0e02b2c3d479", False),
            ("Zava Retail Bellevue", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", False),
            ("Zava Retail Tacoma", "a1b2c3d4-e5f6-7890-abcd-ef1234567890", False),
            ("Zava Retail Spokane", "d8e9f0a1-b2c3-4567-8901-234567890abc", False),
            ("Zava Retail Everett", "3b9ac9fa-cd5e-4b92-a7f2-b8c1d0e9f2a3", False),
            ("Zava Retail Redmond", "e7f8a9b0-c1d2-3e4f-5678-90abcdef1234", False),
            ("Zava Retail Kirkland", "9c8b7a65-4321-fed0-9876-543210fedcba", False),
            ("Zava Retail Online", "2f4e6d8c-1a3b-5c7e-9f0a-b2d4f6e8c0a2", True),
        ]
    )


def test_gin_indexes_have_no_pending_list(admin):
    """The search's GIN indexes write straight into the index (sql/schema/1240): a pending list, which every search
    reads in full, was never flushed on a catalog too small for autovacuum, and made a search ~5x slower."""
    rows = admin.execute(
        """
        SELECT c.relname, 'fastupdate=off' = ANY(coalesce(c.reloptions, '{}'))
        FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_am AS a ON a.oid = c.relam
        WHERE a.amname = 'gin' AND c.relnamespace = 'retail'::regnamespace
        ORDER BY 1
        """
    ).fetchall()
    assert len(rows) == 6
    assert [name for name, off in rows if not off] == []
