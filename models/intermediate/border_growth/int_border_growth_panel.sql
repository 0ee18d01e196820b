{#-
    Paper 001's panel of the nine land-border provinces (equation 3): levels, first differences
    and the interaction terms. BO = (trade + FDI) / GDP with FDI converted from 亿美元 to 亿元 at the
    year's average rate, and trade in 亿元 as printed where a yearbook prints it in yuan (2016 on), else
    converted the same way; IS = tertiary / secondary value added; relative per-capita GDP
    = province / nation (Table 3's dependent). Gaps are filled by a centred moving average
    (var gap_fill_half_window) and flagged per cell.
-#}
{%- set half_window = checked_var('gap_fill_half_window') -%}
{%- set levels = [
    'growth_rate', 'ln_fixed_asset_investment', 'industrial_structure', 'border_openness', 'relative_gdp_per_capita'
] -%}
with

panel as (

    select * from {{ ref('int_province_panel') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

national as (

    select
        year,
        exchange_rate_rmb_usd,
        gdp_per_capita as national_gdp_per_capita
    from panel
    where region_code = '000000'

),

levels as (

    select
        panel.region_code,
        panel.year,
        -- Growth at comparable prices: the GDP index (上年=100) less 100 where a yearbook prints it.
        coalesce(panel.gdp_index - 100, panel.gdp_real_growth) as growth_rate,
        ln(nullif(panel.fixed_asset_investment, 0)) as ln_fixed_asset_investment,
        panel.va_tertiary / nullif(panel.va_secondary, 0) as industrial_structure,
        (
            coalesce(panel.trade_total_rmb, panel.trade_total * national.exchange_rate_rmb_usd)
            + panel.fdi_utilised * national.exchange_rate_rmb_usd
        ) / nullif(panel.gdp, 0) as border_openness,
        panel.gdp_per_capita / nullif(national.national_gdp_per_capita, 0) as relative_gdp_per_capita,
        panel.is_sample
    from panel
    inner join regions
        on panel.region_code = regions.region_code
    inner join national
        on panel.year = national.year
    where
        regions.is_land_border
        and panel.year >= {{ checked_var('border_growth_first_year') }}

),

filled as (

    select
        region_code,
        year,
        {%- for level in levels %}
        {{ fill_centred_moving_average(level, 'region_code', 'year', level, half_window) }},  -- noqa: LT02
        {%- endfor %}
        is_sample
    from levels

),

differenced as (

    select
        *,
        growth_rate - lag(growth_rate) over region_years as d_growth_rate,
        ln_fixed_asset_investment - lag(ln_fixed_asset_investment) over region_years as d_ln_fixed_asset_investment,
        industrial_structure - lag(industrial_structure) over region_years as d_industrial_structure,
        border_openness - lag(border_openness) over region_years as d_border_openness,
        relative_gdp_per_capita - lag(relative_gdp_per_capita) over region_years as d_relative_gdp_per_capita
    from filled
    window region_years as (partition by region_code order by year)

),

final as (

    select
        differenced.region_code,
        regions.region_short_name,
        differenced.year,
        differenced.growth_rate,
        differenced.growth_rate_is_filled,
        differenced.ln_fixed_asset_investment,
        differenced.ln_fixed_asset_investment_is_filled,
        differenced.industrial_structure,
        differenced.industrial_structure_is_filled,
        differenced.border_openness,
        differenced.border_openness_is_filled,
        differenced.relative_gdp_per_capita,
        differenced.relative_gdp_per_capita_is_filled,
        differenced.d_growth_rate,
        differenced.d_ln_fixed_asset_investment,
        differenced.d_industrial_structure,
        differenced.d_border_openness,
        differenced.d_relative_gdp_per_capita,
        differenced.d_growth_rate * differenced.d_ln_fixed_asset_investment as d_growth_x_d_ln_fixed_asset_investment,
        differenced.d_growth_rate * differenced.d_industrial_structure as d_growth_x_d_industrial_structure,
        differenced.d_growth_rate * differenced.d_border_openness as d_growth_x_d_border_openness,
        national_sources.exchange_rate_source,
        national_sources.national_gdp_per_capita_source,
        differenced.is_sample
    from differenced
    inner join regions
        on differenced.region_code = regions.region_code
    left join {{ ref('int_national_sources') }} as national_sources
        on differenced.year = national_sources.year

)

select * from final
