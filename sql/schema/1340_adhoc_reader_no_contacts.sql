SET LOCAL ROLE zava_owner;

-- Contact details stay with the customer's own store (retail.email_for_caller: only its store manager sees an
-- email in full). The ad-hoc reader serves every request role, head office and regional managers included, so it
-- reads neither contact column: an outside analyst read every store's emails and phone numbers through
-- execute_sales_query while get_top_customers masked them. SELECT * on customers now fails with a hint that
-- names the columns to list instead.
REVOKE SELECT (email, phone) ON retail.customers FROM zava_sql_reader;

COMMENT ON COLUMN retail.customers.email IS
'Contact email. Not readable by ad-hoc queries; get_top_customers shows it to the customer''s own store manager.';
COMMENT ON COLUMN retail.customers.phone IS 'Contact phone. Not readable by ad-hoc queries.';
