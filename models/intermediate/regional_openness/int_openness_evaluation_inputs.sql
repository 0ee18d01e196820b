{#-
    The four components of paper 003's index that the comprehensive evaluation weighs (TOPSIS,
    entropy and CRITIC weights, obstacle degree), one row per province and year where all 31
    provinces have all four: trade scale (进出口总额, 亿元), trade intensity (trade / GDP), investment
    scale (外商投资企业投资总额, 亿元) and investment intensity (investment / GDP).
-#}
with

openness as (

    select * from {{ ref('int_province_openness') }}

),

components as (

    select
        region_code,
        year,
        trade_total_cny as trade_scale,
        trade_openness_degree as trade_intensity,
        fie_total_investment_cny as investment_scale,
        investment_openness_degree as investment_intensity,
        is_sample
    from openness
    where
        region_level = 'province'
        and year between {{ checked_var('regional_openness_years').first_year }}
        and {{ checked_var('regional_openness_years').last_year }}

),

complete_years as (

    select year
    from components
    group by year
    having count(trade_scale + trade_intensity + investment_scale + investment_intensity) = 31

),

final as (

    select components.*
    from components
    inner join complete_years
        on components.year = complete_years.year

)

select * from final
