{#- Port x year panel of every port in dim_port, 2006 onward (ports without data stay null). -#}
{{ pivot_observations(
    entity_type='port',
    key_column='port_code',
    entities=ref('stg_reference__ports'),
    indicators=[
        'port_import_value', 'port_export_value', 'port_import_freight', 'port_export_freight',
        'port_inbound_persons', 'port_outbound_persons', 'port_vehicles'
    ],
    first_year=2006,
    last_year=checked_var('sample_last_year')
) }}
