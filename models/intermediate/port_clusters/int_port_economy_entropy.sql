{#-
    Paper 000's eight port-economy indicators (Table 4) through the entropy method once: weights
    pooled over both provinces and every year, one row per year and indicator with its normalised
    value, the pool's entropy, utility and weight. int_port_economy_scores and
    fct_port_economy_entropy_weights both read it.
-#}
with

entropy as (

    {{ entropy_scores(
        ref('int_port_economy_systems'),
        entity_column='year',
        period_column=none,
        indicators=port_economy_indicators(),
        pooling='all'
    ) }}

)

select * from entropy
