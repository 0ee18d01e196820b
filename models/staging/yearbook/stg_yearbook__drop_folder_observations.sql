{#- REAL yearbook rows of the drop folder, resolved to canonical codes and units; errors name file, line and cell. -#}
{{ resolve_yearbook_rows(ref('stg_yearbook__drop_folder_rows')) }}
