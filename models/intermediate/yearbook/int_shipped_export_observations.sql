{#- REAL rows of the NBS exports shipped in data/real/nbs/, resolved to canonical codes and units. -#}
{#- A view: reading it runs the resolver, whose errors name the file, line and cell (or seed row). -#}
{{ config(materialized='view') }}

{{ resolve_yearbook_rows(
    ref('stg_yearbook__shipped_export_rows'),
    entity_aliases=ref('int_entity_aliases'),
    indicator_aliases=ref('int_indicator_aliases'),
    unit_conversions=ref('stg_reference__unit_conversions')
) }}
