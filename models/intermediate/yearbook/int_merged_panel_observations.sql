{#- REAL cells of the shipped merged panel, resolved to canonical codes and units (before its plausibility checks). -#}
{#- A view: reading it runs the resolver, whose errors name the file, line and cell (or seed row). -#}
{{ config(materialized='view') }}

{{ resolve_yearbook_rows(
    ref('stg_yearbook__merged_panel_rows'),
    entity_aliases=ref('int_entity_aliases'),
    indicator_aliases=ref('int_indicator_aliases'),
    unit_conversions=ref('stg_reference__unit_conversions')
) }}
