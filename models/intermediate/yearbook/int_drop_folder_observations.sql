{#- REAL yearbook rows of the drop folder, resolved to canonical codes and units; errors name file, line and cell. -#}
{#- A view: reading it runs the resolver, whose errors name the file, line and cell (or seed row). -#}
{{ config(materialized='view') }}

{{ resolve_yearbook_rows(
    ref('stg_yearbook__drop_folder_rows'),
    entity_aliases=ref('int_entity_aliases'),
    indicator_aliases=ref('int_indicator_aliases'),
    unit_conversions=ref('stg_reference__unit_conversions')
) }}
