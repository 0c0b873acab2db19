-- retail: the data (never exposed directly); api: the only surface the MCP shim turns into tools;
-- auth: the one function the server login may call, to map an identity to its request role.
CREATE SCHEMA retail AUTHORIZATION zava_owner;
CREATE SCHEMA api AUTHORIZATION zava_owner;
CREATE SCHEMA auth AUTHORIZATION zava_owner;

REVOKE ALL ON SCHEMA retail, api, auth FROM public;
GRANT USAGE ON SCHEMA retail, api TO zava_store_manager, zava_regional_manager, zava_head_office;
GRANT USAGE ON SCHEMA auth TO zava_mcp;

COMMENT ON SCHEMA retail IS 'Zava Retail data: stores, customers, catalog, inventory, orders. Read through RLS.';
COMMENT ON SCHEMA api IS 'Functions exposed as MCP tools by the generic shim (server.py).';
COMMENT ON SCHEMA auth IS 'Identity to request-role mapping, called by the server login before each tool call.';
