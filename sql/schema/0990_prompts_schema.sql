-- prompts: what the MCP shim serves as prompts (prompts/list, prompts/get) and the completers of their arguments
-- (completion/complete). Kept apart from api so that nothing in it becomes a tool. The functions themselves are
-- repeatable (sql/functions/0400_prompts.sql); the shim's conventions are in shim/prompts.py.
CREATE SCHEMA prompts AUTHORIZATION zava_owner;

REVOKE ALL ON SCHEMA prompts FROM public;
GRANT USAGE ON SCHEMA prompts TO zava_store_manager, zava_regional_manager, zava_head_office;

COMMENT ON SCHEMA prompts IS
'Functions served as MCP prompts (text-returning) and argument completers (complete_<argument>) by the shim.';
