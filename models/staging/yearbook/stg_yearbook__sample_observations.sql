{#- SAMPLE yearbook rows (is_sample = true), resolved to canonical codes and units. -#}
{{ resolve_yearbook_rows(ref('sample_yearbook_observations'), 'seeds/sample/sample_yearbook_observations.csv') }}
