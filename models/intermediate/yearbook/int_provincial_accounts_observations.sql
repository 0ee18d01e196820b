{#- REAL figures of the shipped provincial accounts 2002-2011, in canonical codes and units (before their checks). -#}
{#- A view: reading it runs the resolver, whose errors name the file, line and cell (or seed row). -#}
{{ config(materialized='view') }}

{{ resolve_yearbook_rows(
    ref('stg_yearbook__provincial_accounts_rows'),
    entity_aliases=ref('int_entity_aliases'),
    indicator_aliases=ref('int_indicator_aliases'),
    unit_conversions=ref('stg_reference__unit_conversions')
) }}
