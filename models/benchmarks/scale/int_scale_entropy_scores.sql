{#-
    `make bench-scale` only: entropy weights pooled per year over every unit and the composite
    scores, the indicators split into two systems (a: the first half of var scale_indicators, b: the
    rest) for the coupling coordination.
-#}

{%- set names = checked_var('scale_indicators', ['gdp']) -%}
{%- set indicators = [] -%}
{%- set half = (names | length) // 2 -%}
{%- for name in names -%}
    {%- do indicators.append({'name': name, 'type': 'benefit', 'group': 'a' if loop.index0 < half else 'b'}) -%}
{%- endfor -%}

{{ entropy_scores(
    ref('int_scale_panel'),
    entity_column='unit_code',
    period_column='year',
    indicators=indicators,
    pooling='period',
    missing='exclude_row'
) }}
