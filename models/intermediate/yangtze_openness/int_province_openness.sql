{#-
    Paper 003's openness indices per province and year (and the nation, 000000):
    T = trade x (trade / GDP), I = FIE investment x (FIE investment / GDP), Z = sqrt(T x I),
    with FIE investment converted from 亿美元 to 亿元 at the year's average RMB/USD rate, and trade
    taken in 亿元 as printed where a yearbook prints it in yuan (trade_total_rmb, 2016 onward),
    else converted from 亿美元 the same way.
-#}
with

panel as (

    select * from {{ ref('int_province_panel') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

exchange_rates as (

    select
        panel.year,
        panel.exchange_rate_rmb_usd,
        national_sources.exchange_rate_source
    from panel
    left join {{ ref('int_national_sources') }} as national_sources
        on panel.year = national_sources.year
    where panel.region_code = '000000'

),

converted as (

    select
        panel.region_code,
        panel.year,
        panel.gdp,
        panel.trade_total as trade_total_usd,
        panel.fie_total_investment as fie_total_investment_usd,
        exchange_rates.exchange_rate_rmb_usd,
        exchange_rates.exchange_rate_source,
        coalesce(panel.trade_total_rmb, panel.trade_total * exchange_rates.exchange_rate_rmb_usd) as trade_total_cny,
        panel.trade_total_rmb is not null as is_trade_printed_in_cny,
        panel.fie_total_investment * exchange_rates.exchange_rate_rmb_usd as fie_total_investment_cny,
        panel.population_year_end,
        panel.is_sample
    from panel
    inner join exchange_rates
        on panel.year = exchange_rates.year

),

indices as (

    select
        *,
        trade_total_cny / nullif(gdp, 0) as trade_openness_degree,
        fie_total_investment_cny / nullif(gdp, 0) as investment_openness_degree,
        trade_total_cny * trade_total_cny / nullif(gdp, 0) as trade_openness_index,
        fie_total_investment_cny * fie_total_investment_cny / nullif(gdp, 0) as investment_openness_index
    from converted

),

final as (

    select
        indices.region_code,
        regions.region_short_name,
        regions.region_level,
        regions.yangtze_reach,
        regions.is_land_border,
        indices.year,
        indices.gdp,
        indices.trade_total_usd,
        indices.fie_total_investment_usd,
        indices.exchange_rate_rmb_usd,
        indices.exchange_rate_source,
        indices.trade_total_cny,
        indices.is_trade_printed_in_cny,
        indices.fie_total_investment_cny,
        indices.population_year_end,
        indices.trade_openness_degree,
        indices.investment_openness_degree,
        indices.trade_openness_index / 10000 as trade_openness_index,
        indices.investment_openness_index / 10000 as investment_openness_index,
        sqrt(indices.trade_openness_index * indices.investment_openness_index) / 10000 as composite_openness_index,
        nullif(concat_ws(
            ', ',
            case when indices.gdp is null then 'gdp' end,
            case
                when indices.trade_total_cny is null and indices.exchange_rate_rmb_usd is not null
                    then 'trade_total'
            end,
            case when indices.fie_total_investment_usd is null then 'fie_total_investment' end,
            case when indices.exchange_rate_rmb_usd is null then 'exchange_rate_rmb_usd' end
        ), '') as missing_inputs,
        indices.is_sample
    from indices
    inner join regions
        on indices.region_code = regions.region_code

)

select * from final
