{#- REAL cells of the shipped merged panel, resolved to canonical codes and units (before its plausibility checks). -#}
{{ resolve_yearbook_rows(source('yearbook_files', 'yearbook_merged_panel')) }}
