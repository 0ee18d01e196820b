{#- Port x year panel of every port in dim_port from var local_panel_first_year (ports without data stay null). -#}
{{ pivot_observations(
    observations=ref('int_observations_resolved'),
    entity_type='port',
    key_column='port_code',
    entities=ref('stg_reference__ports'),
    indicators=port_flow_indicators() + ['port_vehicles'],
    first_year=checked_var('local_panel_first_year'),
    last_year=checked_var('sample_last_year')
) }}
