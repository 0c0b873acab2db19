SET LOCAL ROLE zava_owner;

CREATE TABLE retail.stores (
    store_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    store_name varchar(100) NOT NULL UNIQUE,
    location varchar(200) NOT NULL,
    -- The sample's per-store identity; clients in the wild still send it. Who it may see is in retail.managers.
    rls_user_id uuid NOT NULL UNIQUE,
    is_online boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE retail.stores IS 'Zava Retail stores, one row per physical or online store.';

ALTER TABLE retail.stores ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.stores FORCE ROW LEVEL SECURITY;

GRANT SELECT ON retail.stores TO zava_store_manager, zava_regional_manager, zava_head_office;
