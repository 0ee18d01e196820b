{#-
    The canonical observation columns, defined once: resolve_yearbook_rows returns them, every
    yearbook source is unioned on them (int_observations_unioned), and the resolved observations and
    the merged panel's checks carry them. `relation` prefixes each column (e.g. 'judged'); `indent`
    is the indentation of the select list the columns stand in (for the linter).
-#}
{% macro observation_columns(relation=none, indent=8) %}
{%- set prefix = relation ~ '.' if relation is not none else '' -%}
{%- set columns = [
    'entity_type', 'entity_code', 'year', 'indicator_code', 'value', 'unit', 'source', 'source_file',
    'source_row', 'vintage', 'is_sample', 'printed_entity_name', 'printed_indicator_name',
    'printed_unit', 'printed_value', 'conversion_factor'
] -%}
{%- for column in columns -%}
{{ prefix ~ column }}{% if not loop.last %},{{ '\n' ~ ' ' * indent }}{% endif %}
{%- endfor -%}
{%- endmacro %}
