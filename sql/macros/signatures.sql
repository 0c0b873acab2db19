{#- A function whose result gains columns keeps its arguments, and CREATE OR REPLACE cannot change a result type: its
    file drops it first, once, while it does not yet return `column` (the repeatable file runs again later and must
    then leave it alone). -#}
{% macro drop_unless_it_returns(signature, column) -%}
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT FROM pg_catalog.pg_proc
        WHERE oid = pg_catalog.to_regprocedure('{{ signature }}') AND '{{ column }}' = ANY(proargnames)
    ) THEN
        DROP FUNCTION IF EXISTS {{ signature }};
    END IF;
END
$$;
{%- endmacro %}
