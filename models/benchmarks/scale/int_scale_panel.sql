{#-
    `make bench-scale` only: the synthetic units x years panel of the indicators
    in var scale_indicators, by the same macro as the province panel. SAMPLE data.
-#}

{{ pivot_observations(
    observations=ref('int_scale_observations_resolved'),
    entity_type='county',
    key_column='unit_code',
    entities=checked_var('scale_schema', 'scale') ~ '.entities',
    indicators=checked_var('scale_indicators', ['gdp']),
    first_year=checked_var('sample_first_year'),
    last_year=checked_var('sample_last_year')
) }}
