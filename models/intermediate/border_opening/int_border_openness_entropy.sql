{#-
    Paper 004's five real indicators of the land-border provinces through the entropy method once:
    weights pooled over every province and year, one row per scored province-year and indicator
    (a province-year with a missing cell leaves the pool). fct_border_openness_entropy and
    fct_border_openness_entropy_weights both read it. REAL data.
-#}
with

entropy as (

    {{ entropy_scores(
        ref('int_border_opening_wide'),
        entity_column='region_code',
        period_column='year',
        indicators=border_openness_indicators(),
        pooling='all',
        missing='exclude_row'
    ) }}

)

select * from entropy
