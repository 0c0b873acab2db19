SET LOCAL ROLE zava_owner;

CREATE TABLE retail.categories (
    category_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    category_name varchar(100) NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE retail.product_types (
    type_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    category_id uuid NOT NULL REFERENCES retail.categories (category_id),
    type_name varchar(100) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (category_id, type_name),
    -- Lets products reference (type, category) together, so a product's type always belongs to its category.
    UNIQUE (type_id, category_id)
);

CREATE TABLE retail.products (
    product_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    sku varchar(50) NOT NULL UNIQUE,
    product_name varchar(200) NOT NULL,
    category_id uuid NOT NULL REFERENCES retail.categories (category_id),
    type_id uuid NOT NULL,
    cost numeric(10, 2) NOT NULL CHECK (cost > 0),
    base_price numeric(10, 2) GENERATED ALWAYS AS (round(cost / 0.67, 2)) STORED,
    gross_margin_percent numeric(5, 2) NOT NULL DEFAULT 33.00,
    product_description text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (type_id, category_id) REFERENCES retail.product_types (type_id, category_id)
);

CREATE INDEX product_types_category_id_idx ON retail.product_types (category_id);
CREATE INDEX products_category_id_idx ON retail.products (category_id);
CREATE INDEX products_type_id_idx ON retail.products (type_id);

COMMENT ON TABLE retail.categories IS 'The nine product categories.';
COMMENT ON TABLE retail.product_types IS 'Product types within a category.';
COMMENT ON TABLE retail.products IS 'The catalog; base_price is cost / 0.67 (a 33% gross margin).';

-- The catalog is shared by every store: readable by every request role, no RLS needed.
GRANT SELECT ON retail.categories, retail.product_types, retail.products
TO zava_store_manager, zava_regional_manager, zava_head_office;
