{#- REAL cells of the shipped merged panel, resolved to canonical codes and units (before its plausibility checks). -#}
{{ resolve_yearbook_rows(
    ref('stg_yearbook__merged_panel_rows'),
    provenance_sql="raw_rows.source_file || ', line ' || raw_rows.source_row::varchar || ', cell ' || raw_rows.source_cell"
) }}
