{#- REAL yearbook rows of the drop folder, resolved to canonical codes and units; errors name file, line and cell. -#}
{{ resolve_yearbook_rows(source('yearbook_files', 'yearbook_drop_folder')) }}
