{#- REAL yearbook rows of the drop folder, resolved to canonical codes and units; errors name file, line and cell. -#}
{{ resolve_yearbook_rows(
    ref('stg_yearbook__drop_folder_rows'),
    provenance_sql="raw_rows.source_file || ', line ' || raw_rows.source_row::varchar || ', cell ' || raw_rows.source_cell"
) }}
