{#- REAL rows of the NBS exports shipped in data/real/nbs/, resolved to canonical codes and units. -#}
{{ resolve_yearbook_rows(ref('stg_yearbook__shipped_export_rows')) }}
