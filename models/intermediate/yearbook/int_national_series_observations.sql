{#-
    REAL rows of China's national series (data/real/national/) resolved to canonical codes and
    units: only the series the alias seeds name (PA.NUS.FCRF, NY.GDP.PCAP.CN); the others stay in
    the raw table for int_national_series_checks and int_unmapped_export_indicators.
-#}
{#- A view: reading it runs the resolver, whose errors name the file, line and cell (or seed row). -#}
{{ config(materialized='view') }}

{{ resolve_yearbook_rows(
    ref('stg_yearbook__national_series_rows'),
    entity_aliases=ref('int_entity_aliases'),
    indicator_aliases=ref('int_indicator_aliases'),
    unit_conversions=ref('stg_reference__unit_conversions')
) }}
