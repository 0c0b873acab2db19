SET LOCAL ROLE zava_owner;

CREATE TABLE retail.order_items (
    order_item_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id uuid NOT NULL,
    -- Denormalised from orders so that RLS filters items without a join; the key below keeps it honest.
    store_id uuid NOT NULL,
    product_id uuid NOT NULL REFERENCES retail.products (product_id),
    quantity integer NOT NULL CHECK (quantity > 0),
    unit_price numeric(10, 2) NOT NULL CHECK (unit_price >= 0),
    discount_percent integer NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    discount_amount numeric(10, 2) NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
    total_amount numeric(12, 2) NOT NULL CHECK (total_amount >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (order_id, store_id) REFERENCES retail.orders (order_id, store_id) ON DELETE CASCADE
);

CREATE INDEX order_items_order_id_idx ON retail.order_items (order_id);
CREATE INDEX order_items_store_id_product_id_idx ON retail.order_items (store_id, product_id);
CREATE INDEX order_items_product_id_idx ON retail.order_items (product_id);

COMMENT ON TABLE retail.order_items IS 'Order lines: total_amount = unit_price * quantity - discount_amount.';

ALTER TABLE retail.order_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.order_items FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.order_items TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT INSERT, UPDATE ON retail.order_items TO zava_store_manager;
