{#- Row-level security for a tenant table: one policy per (command, role), always TO a role, helpers wrapped in
    (SELECT ...) so the planner runs them once per statement. Dropped by name first so the file re-applies. -#}
{% macro tenant_policies(table, store_column, writable) -%}
DROP POLICY IF EXISTS {{ table }}_store_manager_select ON retail.{{ table }};
CREATE POLICY {{ table }}_store_manager_select ON retail.{{ table }}
FOR SELECT TO zava_store_manager
USING ({{ store_column }} = (SELECT retail.get_current_user_store()));
{% if writable %}
DROP POLICY IF EXISTS {{ table }}_store_manager_insert ON retail.{{ table }};
CREATE POLICY {{ table }}_store_manager_insert ON retail.{{ table }}
FOR INSERT TO zava_store_manager
WITH CHECK ({{ store_column }} = (SELECT retail.get_current_user_store()));

DROP POLICY IF EXISTS {{ table }}_store_manager_update ON retail.{{ table }};
CREATE POLICY {{ table }}_store_manager_update ON retail.{{ table }}
FOR UPDATE TO zava_store_manager
USING ({{ store_column }} = (SELECT retail.get_current_user_store()))
WITH CHECK ({{ store_column }} = (SELECT retail.get_current_user_store()));
{% endif %}
DROP POLICY IF EXISTS {{ table }}_regional_manager_select ON retail.{{ table }};
CREATE POLICY {{ table }}_regional_manager_select ON retail.{{ table }}
FOR SELECT TO zava_regional_manager
USING ({{ store_column }} = any((SELECT retail.get_user_store_list())::uuid[]));

DROP POLICY IF EXISTS {{ table }}_sql_reader_select ON retail.{{ table }};
CREATE POLICY {{ table }}_sql_reader_select ON retail.{{ table }}
FOR SELECT TO zava_sql_reader
USING ({{ store_column }} = any((SELECT retail.get_user_store_list())::uuid[]));

DROP POLICY IF EXISTS {{ table }}_head_office_select ON retail.{{ table }};
CREATE POLICY {{ table }}_head_office_select ON retail.{{ table }}
FOR SELECT TO zava_head_office
USING ({{ store_column }} = any((SELECT retail.get_user_store_list())::uuid[]));
{%- endmacro %}
