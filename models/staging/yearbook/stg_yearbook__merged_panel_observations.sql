{#- REAL cells of the shipped merged panel, resolved to canonical codes and units (before its plausibility checks). -#}
{{ resolve_yearbook_rows(ref('stg_yearbook__merged_panel_rows')) }}
