SET LOCAL ROLE zava_owner;

CREATE TABLE retail.customers (
    customer_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    first_name varchar(100) NOT NULL,
    last_name varchar(100) NOT NULL,
    email varchar(255) NOT NULL UNIQUE,
    phone varchar(30),
    primary_store_id uuid NOT NULL REFERENCES retail.stores (store_id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX customers_primary_store_id_idx ON retail.customers (primary_store_id);

COMMENT ON TABLE retail.customers IS 'Customers; each belongs to the store where they first shopped.';

ALTER TABLE retail.customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.customers FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.customers TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT INSERT, UPDATE ON retail.customers TO zava_store_manager;
