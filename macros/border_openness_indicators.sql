{#- Paper 004's five opening indicators, all benefit-type, for the border provinces' composite score. -#}
{% macro border_openness_indicators() %}
{{ return([
    {'name': 'trade_total', 'type': 'benefit'},
    {'name': 'fdi_utilised', 'type': 'benefit'},
    {'name': 'odi_nonfinancial', 'type': 'benefit'},
    {'name': 'inbound_tourists', 'type': 'benefit'},
    {'name': 'inbound_tourism_income', 'type': 'benefit'}
]) }}
{% endmacro %}
