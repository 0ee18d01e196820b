{#-
    `make bench-scale` only (var scale_schema): the synthetic units x years panel of the indicators
    in var scale_indicators, by the same macro as the province panel. SAMPLE data.
-#}
{{ config(enabled=checked_var('scale_schema', none) is not none) }}

{{ pivot_observations(
    entity_type='county',
    key_column='unit_code',
    entities=checked_var('scale_schema', 'scale') ~ '.entities',
    indicators=checked_var('scale_indicators', ['gdp']),
    first_year=checked_var('sample_first_year'),
    last_year=checked_var('sample_last_year')
) }}
