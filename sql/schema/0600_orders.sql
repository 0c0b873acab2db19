SET LOCAL ROLE zava_owner;

CREATE TABLE retail.orders (
    order_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id uuid NOT NULL REFERENCES retail.customers (customer_id),
    store_id uuid NOT NULL REFERENCES retail.stores (store_id),
    order_date date NOT NULL DEFAULT current_date,
    total_amount numeric(12, 2) NOT NULL DEFAULT 0 CHECK (total_amount >= 0),
    status varchar(20) NOT NULL DEFAULT 'completed'
    CHECK (status IN ('pending', 'completed', 'cancelled', 'refunded')),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Target of order_items' (order_id, store_id) key: an item always carries its order's store.
    UNIQUE (order_id, store_id)
);

CREATE INDEX orders_store_id_order_date_idx ON retail.orders (store_id, order_date);
CREATE INDEX orders_customer_id_idx ON retail.orders (customer_id);
CREATE INDEX orders_order_date_idx ON retail.orders (order_date);

COMMENT ON TABLE retail.orders IS 'Orders; store_id is the store that made the sale.';

ALTER TABLE retail.orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.orders FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.orders TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT INSERT, UPDATE ON retail.orders TO zava_store_manager;
