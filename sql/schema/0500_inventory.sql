SET LOCAL ROLE zava_owner;

CREATE TABLE retail.inventory (
    store_id uuid NOT NULL REFERENCES retail.stores (store_id),
    product_id uuid NOT NULL REFERENCES retail.products (product_id),
    stock_level integer NOT NULL CHECK (stock_level >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, product_id)
);

CREATE INDEX inventory_product_id_idx ON retail.inventory (product_id);

COMMENT ON TABLE retail.inventory IS 'Stock on hand, one row per (store, product).';

ALTER TABLE retail.inventory ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.inventory FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.inventory TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT INSERT, UPDATE ON retail.inventory TO zava_store_manager;
