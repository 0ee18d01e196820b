{#-
    REAL rows of China's national series (data/real/national/) resolved to canonical codes and units:
    only the series the alias seeds name (PA.NUS.FCRF, NY.GDP.PCAP.CN); the others stay in the raw
    table for int_national_series_checks and stg_yearbook__unmapped_export_indicators.
-#}
{{ resolve_yearbook_rows(source('yearbook_files', 'yearbook_national_series')) }}
