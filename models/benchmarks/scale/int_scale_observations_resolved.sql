{#- `make bench-scale` only: one observation per (entity, year, indicator), as int_observations_resolved. -#}
{{ first_by_precedence(ref('int_scale_observations_unioned')) }}
