{#- REAL rows of the NBS exports shipped in data/real/nbs/, resolved to canonical codes and units. -#}
{{ resolve_yearbook_rows(source('yearbook_files', 'yearbook_shipped_exports')) }}
