{#- Port x year panel of every port in dim_port, 2006 onward (ports without data stay null). -#}
{{ pivot_observations(
    observations=ref('int_observations_resolved'),
    entity_type='port',
    key_column='port_code',
    entities=ref('stg_reference__ports'),
    indicators=port_flow_indicators() + ['port_vehicles'],
    first_year=2006,
    last_year=checked_var('sample_last_year')
) }}
