{#-
    The raw row's columns, defined once for SQL (Python's one definition: opening_up.yearbooks.raw_row,
    which types the `raw` tables): the staging models of the loaded files select them, and the source
    YAML documents them (tests/python/yearbooks/test_raw_row.py checks the three agree). `indent` is the
    indentation of the select list the columns stand in (for the linter).
-#}
{% macro raw_columns(indent=8) %}
{%- set columns = [
    'source_file', 'source_sheet', 'source_row', 'source_cell', 'source_format', 'entity_location',
    'indicator_location', 'unit_location', 'entity_type', 'entity_name', 'year', 'indicator_name', 'unit',
    'value', 'vintage', 'source', 'is_sample', 'note', 'file_modified_at'
] -%}
{%- for column in columns -%}
{{ column }}{% if not loop.last %},{{ '\n' ~ ' ' * indent }}{% endif %}
{%- endfor -%}
{%- endmacro %}
