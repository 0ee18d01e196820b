{#-
    The columns of one published check, with their types, defined once: each paper's
    rpt_<paper>_published_checks (marts/checks) ends with them, and rpt_published_checks unions the four on them.
    `indent` is the indentation of the select list the columns stand in (for the linter).
-#}
{% macro published_check_columns(indent=8) %}
{%- set columns = [
    ('check_id', 'string'), ('check_kind', 'string'), ('source_doc', 'string'), ('source_table', 'string'),
    ('check_name', 'string'), ('subject', 'string'), ('expected', 'double'), ('computed', 'double'),
    ('computed_low', 'double'), ('computed_high', 'double'), ('tolerance', 'double'),
    ('expected_text', 'string'), ('computed_text', 'string'), ('stated_figure_code', 'string')
] -%}
{%- for name, type in columns -%}
cast({{ name }} as {{ type }}) as {{ name }}{% if not loop.last %},{{ '\n' ~ ' ' * indent }}{% endif %}
{%- endfor -%}
{%- endmacro %}
