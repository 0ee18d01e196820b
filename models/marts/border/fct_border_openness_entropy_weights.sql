{#- Entropy, utility and weight of seed 004's five indicators in the border provinces' composite score. REAL data. -#}
with

weights as (

    {{ entropy_weights(
        ref('int_border_opening_wide'),
        entity_column='region_code',
        period_column='year',
        indicators=border_openness_indicators(),
        pooling='all',
        missing='exclude_row'
    ) }}

),

final as (

    select
        indicator as indicator_code,
        indicator_type,
        pool_key,
        n_rows as n_province_years,
        entropy,
        utility,
        weight,
        false as is_sample
    from weights

)

select * from final
