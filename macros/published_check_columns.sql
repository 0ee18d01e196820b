{#-
    The columns of one published check, with their types, defined once: each paper's
    rpt_<paper>_published_checks (marts/checks) ends with them, and rpt_published_checks unions the four on them.
    `indent` is the indentation of the select list the columns stand in (for the linter).
-#}
{% macro published_check_columns(indent=8) %}
{%- set columns = [
    ('check_id', 'varchar'), ('check_kind', 'varchar'), ('source_doc', 'varchar'), ('source_table', 'varchar'),
    ('check_name', 'varchar'), ('subject', 'varchar'), ('expected', 'double'), ('computed', 'double'),
    ('computed_low', 'double'), ('computed_high', 'double'), ('tolerance', 'double'),
    ('expected_text', 'varchar'), ('computed_text', 'varchar'), ('stated_figure_code', 'varchar')
] -%}
{%- for name, type in columns -%}
{{ name }}::{{ type }} as {{ name }}{% if not loop.last %},{{ '\n' ~ ' ' * indent }}{% endif %}
{%- endfor -%}
{%- endmacro %}
