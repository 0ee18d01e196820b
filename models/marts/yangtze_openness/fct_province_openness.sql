{#-
    Paper 003's openness indices per province and year under this mart's contract: computed in
    int_province_openness, which the regional-openness measures (models/intermediate/regional_openness)
    read as well (an intermediate model reads no mart).
-#}
with

openness as (

    select * from {{ ref('int_province_openness') }}

),

final as (

    select
        region_code,
        region_short_name,
        region_level,
        yangtze_reach,
        is_land_border,
        year,
        gdp,
        trade_total_usd,
        fie_total_investment_usd,
        exchange_rate_rmb_usd,
        exchange_rate_source,
        trade_total_cny,
        is_trade_printed_in_cny,
        fie_total_investment_cny,
        population_year_end,
        trade_openness_degree,
        investment_openness_degree,
        trade_openness_index,
        investment_openness_index,
        composite_openness_index,
        missing_inputs,
        is_sample
    from openness

)

select * from final
