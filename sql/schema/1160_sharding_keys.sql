SET LOCAL ROLE zava_owner;

-- The store in the keys of the orders and their lines, as a sharded database needs them (SCALING.md, "Sharding";
-- tests/schema/test_sharding_readiness.py keeps it so): distributed by store_id, a table's primary key and every
-- unique constraint must hold store_id (uniqueness is checked in one shard only), and a foreign key between two
-- distributed tables must hold it on both sides. inventory and the sales rollups have it in their keys already.
--
-- orders: primary key (order_id, store_id) instead of (order_id). It is the unique (order_id, store_id) that
-- order_items' foreign key referenced, so the separate unique constraint goes and the key keeps the one index:
-- every lookup by order_id alone (the views' joins, the rollup triggers, the tools' EXISTS tests) still has an index
-- that leads with order_id, as before. order_items: primary key (order_item_id, store_id) instead of
-- (order_item_id); its foreign key to orders is the same (order_id, store_id), now referencing the primary key.
-- order_id and order_item_id stay unique in practice (gen_random_uuid), no longer by a constraint of their own:
-- the functions that relate orders and lines compare (order_id, store_id) pairs (sql/functions/0150, 0160, 0165).
-- Constraint names stay what they were (seed.py takes them off and puts them back by name).
--
-- Cost, in this file's one transaction: two index builds (orders' and order_items' keys) and one check of every
-- line against its order (the foreign key), with orders and order_items locked against reads and writes meanwhile
-- (ACCESS EXCLUSIVE; the rollups are not touched, so the tools that read only them keep answering). Measured on a
-- copy of SCALE=large (2,092,047 orders, 4,394,016 lines) on the 2-core VM, load 1.7: 3.8 to 6.4 s in all over
-- three runs (orders' key 1.0-1.3 s, order_items' key 2.2-2.6 s, the foreign key's check 2.5-3.1 s). Each statement
-- waits at most lock_timeout for its lock, as every migration does; the locks are then held until the commit.
ALTER TABLE retail.order_items DROP CONSTRAINT order_items_order_id_store_id_fkey;
ALTER TABLE retail.orders DROP CONSTRAINT orders_order_id_store_id_key;
ALTER TABLE retail.orders DROP CONSTRAINT orders_pkey;
ALTER TABLE retail.orders ADD CONSTRAINT orders_pkey PRIMARY KEY (order_id, store_id);

ALTER TABLE retail.order_items DROP CONSTRAINT order_items_pkey;
ALTER TABLE retail.order_items ADD CONSTRAINT order_items_pkey PRIMARY KEY (order_item_id, store_id);
ALTER TABLE retail.order_items ADD CONSTRAINT order_items_order_id_store_id_fkey
FOREIGN KEY (order_id, store_id) REFERENCES retail.orders (order_id, store_id) ON DELETE CASCADE;
