{#- Entropy, utility and weight of paper 004's five indicators in the border provinces' composite score. REAL data. -#}
with

entropy as (

    select * from {{ ref('int_border_openness_entropy') }}

),

final as (

    select distinct
        indicator as indicator_code,
        indicator_type,
        pool_key,
        n_rows as n_province_years,
        entropy,
        utility,
        weight,
        false as is_sample
    from entropy

)

select * from final
