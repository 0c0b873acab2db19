-- Identities as data: one store manager per store (the store's rls_user_id), three regional managers over
-- different store sets, and head office. The sample's all-zero id is head office's so that existing client
-- configurations keep working; policies do not know it.
INSERT INTO retail.managers (rls_user_id, manager_name, access_level)
SELECT
    s.rls_user_id,
    'Store manager, ' || s.store_name AS manager_name,
    'store_manager' AS access_level
FROM retail.stores AS s;

INSERT INTO retail.manager_stores (rls_user_id, store_id)
SELECT
    s.rls_user_id,
    s.store_id
FROM retail.stores AS s;

INSERT INTO retail.managers (rls_user_id, manager_name, access_level)
VALUES
('5e0c2f1a-7b3d-4c8e-9a10-000000000101', 'Regional manager, Eastside', 'regional_manager'),
('5e0c2f1a-7b3d-4c8e-9a10-000000000102', 'Regional manager, South Sound and Inland', 'regional_manager'),
('5e0c2f1a-7b3d-4c8e-9a10-000000000103', 'Regional manager, North Sound and Online', 'regional_manager'),
('00000000-0000-0000-0000-000000000000', 'Head office', 'head_office');

INSERT INTO retail.manager_stores (rls_user_id, store_id)
SELECT
    r.rls_user_id::uuid AS rls_user_id,
    s.store_id
FROM (
    VALUES
    ('5e0c2f1a-7b3d-4c8e-9a10-000000000101', 'Zava Retail Bellevue'),
    ('5e0c2f1a-7b3d-4c8e-9a10-000000000101', 'Zava Retail Redmond'),
    ('5e0c2f1a-7b3d-4c8e-9a10-000000000101', 'Zava Retail Kirkland'),
    ('5e0c2f1a-7b3d-4c8e-9a10-000000000102', 'Zava Retail Tacoma'),
    ('5e0c2f1a-7b3d-4c8e-9a10-000000000102', 'Zava Retail Spokane'),
    ('5e0c2f1a-7b3d-4c8e-9a10-000000000103', 'Zava Retail Seattle'),
    ('5e0c2f1a-7b3d-4c8e-9a10-000000000103', 'Zava Retail Everett'),
    ('5e0c2f1a-7b3d-4c8e-9a10-000000000103', 'Zava Retail Online')
) AS r (rls_user_id, store_name)
INNER JOIN retail.stores AS s ON r.store_name = s.store_name;

-- Head office sees every store; new stores are added to it by the trigger in sql/functions.
INSERT INTO retail.manager_stores (rls_user_id, store_id)
SELECT
    m.rls_user_id,
    s.store_id
FROM retail.managers AS m
CROSS JOIN retail.stores AS s
WHERE m.access_level = 'head_office';
