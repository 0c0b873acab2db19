SET LOCAL ROLE zava_owner;

-- Localised product names and shopper keywords (Korean and Hebrew for now): shown to shoppers who write in those
-- languages and embedded with the description, so a query in Korean or Hebrew meets text in its own language.
CREATE TABLE retail.product_translations (
    product_id uuid NOT NULL REFERENCES retail.products (product_id) ON DELETE CASCADE,
    language_code varchar(8) NOT NULL CHECK (language_code ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    product_name varchar(300) NOT NULL,
    keywords text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, language_code)
);

COMMENT ON TABLE retail.product_translations IS 'Product names and search keywords in other languages.';

GRANT SELECT ON retail.product_translations
TO zava_store_manager, zava_regional_manager, zava_head_office, zava_sql_reader;
