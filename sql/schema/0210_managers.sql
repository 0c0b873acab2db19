SET LOCAL ROLE zava_owner;

-- Who manages which stores, as data. A policy never names an identity; it asks get_user_store_list().
CREATE TYPE retail.access_level AS ENUM ('store_manager', 'regional_manager', 'head_office');

CREATE TABLE retail.managers (
    rls_user_id uuid PRIMARY KEY,
    manager_name varchar(100) NOT NULL,
    access_level retail.access_level NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE retail.manager_stores (
    rls_user_id uuid NOT NULL REFERENCES retail.managers (rls_user_id) ON DELETE CASCADE,
    store_id uuid NOT NULL REFERENCES retail.stores (store_id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rls_user_id, store_id)
);

CREATE INDEX manager_stores_store_id_idx ON retail.manager_stores (store_id);

COMMENT ON TABLE retail.managers IS 'Identities (rls_user_id) and their access level; read only by definer helpers.';
COMMENT ON TABLE retail.manager_stores IS 'The stores each identity may see.';

-- No grants: only the owner's SECURITY DEFINER helpers read these. RLS on, with no policy, denies anyone else.
ALTER TABLE retail.managers ENABLE ROW LEVEL SECURITY;
ALTER TABLE retail.manager_stores ENABLE ROW LEVEL SECURITY;
