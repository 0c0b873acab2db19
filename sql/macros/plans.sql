{#- A tool's query kept in two copies (sql/functions/0240, 0270, 0274): retail.<name>, planned once per connection (a
    generic plan), and retail.<name>_planned, planned for each call's values; the tool picks one per call
    (choose_plan). `parameters` and `columns` are the copies' parameter and column lists, `types` their parameter
    types (for COMMENT and GRANT), `what` names the query in their comments. The body is the caller block, given the
    copy's name to qualify its parameters with where a column could shadow them. -#}
{% macro planned_twice(name, parameters, types, columns, what) -%}
{% for suffix, mode in [("", "force_generic_plan"), ("_planned", "force_custom_plan")] %}
CREATE OR REPLACE FUNCTION retail.{{ name }}{{ suffix }}({{ parameters }})
RETURNS TABLE ({{ columns }})
LANGUAGE plpgsql
STABLE
SET plan_cache_mode = {{ mode }}
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    {{ caller(name ~ suffix) | trim }};
END
$$;

COMMENT ON FUNCTION retail.{{ name }}{{ suffix }}({{ types }}) IS
'{{ what }} ({{ "planned once per connection" if suffix == "" else "planned for each call" }}).';

GRANT EXECUTE ON FUNCTION retail.{{ name }}{{ suffix }}({{ types }}) TO zava_api_caller;
{% endfor %}
{%- endmacro %}

{#- In the tool's body: the copy planned once when `condition` holds, else the one planned per call. -#}
{% macro choose_plan(name, condition, arguments) -%}
IF {{ condition }} THEN
        RETURN QUERY SELECT * FROM retail.{{ name }}(
            {{ arguments }}
        );
    ELSE
        RETURN QUERY SELECT * FROM retail.{{ name }}_planned(
            {{ arguments }}
        );
    END IF;
{%- endmacro %}
