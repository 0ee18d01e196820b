{#- REAL rows of the NBS exports shipped in data/real/nbs/, resolved to canonical codes and units. -#}
{{ resolve_yearbook_rows(
    ref('stg_yearbook__shipped_export_rows'),
    provenance_sql="raw_rows.source_file || ', line ' || raw_rows.source_row::varchar || ', cell ' || raw_rows.source_cell"
) }}
