{#- The ports' flows as yearbooks print them (trade, freight, persons): the port panel's indicators
    besides vehicles, read by the port economy, the fuzzy clustering and the grey relations. -#}
{% macro port_flow_indicators() %}
{{ return([
    'port_import_value', 'port_export_value', 'port_import_freight', 'port_export_freight',
    'port_inbound_persons', 'port_outbound_persons'
]) }}
{% endmacro %}
