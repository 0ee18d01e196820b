{#- Paper 000 Table 4's eight indicators: four per province, all benefit-type, grouped by system. -#}
{% macro port_economy_indicators() %}
{%- set indicators = [] -%}
{%- for system in ['gx', 'yn'] -%}
    {%- for item in ['port_trade_value', 'foreign_investment', 'port_freight', 'port_persons'] -%}
        {%- do indicators.append({'name': system ~ '_' ~ item, 'type': 'benefit', 'group': system}) -%}
    {%- endfor -%}
{%- endfor -%}
{{ return(indicators) }}
{% endmacro %}
