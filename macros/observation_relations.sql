{#-
    The relations between observed figures that the warehouse tests (int_observation_relations), one
    definition each: the terms (indicator codes), the left and right side and the tolerance, as SQL over
    one column per term. The sector identity is the national accounts' (GDP = the three sectors' value
    added); per-capita GDP is the yearbooks' GDP over population: the yearbook divides by the average
    population and the panel holds the year-end one, which differ by half a year's population growth,
    so it holds within 2 % rather than to the printed digit.
-#}
{% macro observation_relations() %}
    {{- return([
        {
            'rule': 'sectors_sum_to_gdp',
            'entity_types': ['region', 'prefecture'],
            'terms': ['gdp', 'va_primary', 'va_secondary', 'va_tertiary'],
            'lhs': 'gdp',
            'rhs': 'va_primary + va_secondary + va_tertiary',
            'tolerance': checked_var('sector_sum_tolerance') ~ ' + 1e-9'
        },
        {
            'rule': 'gdp_per_capita_is_gdp_over_population',
            'entity_types': ['region'],
            'terms': ['gdp', 'population_year_end', 'gdp_per_capita'],
            'lhs': 'gdp_per_capita',
            'rhs': 'gdp * 1e8 / nullif(population_year_end * 1e4, 0)',
            'tolerance': '0.02 * gdp_per_capita'
        }
    ]) -}}
{% endmacro %}
