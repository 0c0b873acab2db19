-- The eight stores with the rls_user_ids that clients of the Zava sample already send. store_id is derived from
-- the name so that every database built from this package agrees on it.
INSERT INTO retail.stores (store_id, store_name, location, rls_user_id, is_online)
SELECT
    md5('zava-store:' || s.store_name)::uuid AS store_id,
    s.store_name,
    s.location,
    s.rls_user_id::uuid AS rls_user_id,
    s.is_online
FROM (
    VALUES
    ('Zava Retail Seattle', 'Seattle, WA', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', false),
    ('Zava Retail Bellevue', 'Bellevue, WA', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', false),
    ('Zava Retail Tacoma', 'Tacoma, WA', 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', false),
    ('Zava Retail Spokane', 'Spokane, WA', 'd8e9f0a1-b2c3-4567-8901-234567890abc', false),
    ('Zava Retail Everett', 'Everett, WA', '3b9ac9fa-cd5e-4b92-a7f2-b8c1d0e9f2a3', false),
    ('Zava Retail Redmond', 'Redmond, WA', 'e7f8a9b0-c1d2-3e4f-5678-90abcdef1234', false),
    ('Zava Retail Kirkland', 'Kirkland, WA', '9c8b7a65-4321-fed0-9876-543210fedcba', false),
    ('Zava Retail Online', 'Online', '2f4e6d8c-1a3b-5c7e-9f0a-b2d4f6e8c0a2', true)
) AS s (store_name, location, rls_user_id, is_online);
