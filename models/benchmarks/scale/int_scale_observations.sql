{#-
    `make bench-scale` only: the synthetic yearbook rows of benchmarks/bench_scale.py, resolved like
    every yearbook file, with the synthetic units' aliases besides the reference seeds'. SAMPLE data.
-#}
{{ resolve_yearbook_rows(
    checked_var('scale_schema') ~ '.raw_observations',
    entity_aliases=ref('int_scale_entity_aliases'),
    indicator_aliases=ref('int_scale_indicator_aliases'),
    unit_conversions=ref('stg_reference__unit_conversions')
) }}
