{#-
    `make bench-scale` only (var scale_schema): the synthetic yearbook rows of
    benchmarks/bench_scale.py, resolved like every yearbook file. SAMPLE data (is_sample).
-#}
{{ config(enabled=checked_var('scale_schema', none) is not none) }}

{{ resolve_yearbook_rows(checked_var('scale_schema', 'scale') ~ '.raw_observations') }}
