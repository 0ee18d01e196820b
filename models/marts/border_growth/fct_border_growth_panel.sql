{#-
    Paper 001's panel as BI reads it: int_border_growth_panel (which the GMM and fixed-effects models
    read) under this mart's contract.
-#}
with

panel as (

    select * from {{ ref('int_border_growth_panel') }}

),

final as (

    select
        region_code,
        region_short_name,
        year,
        growth_rate,
        growth_rate_is_filled,
        ln_fixed_asset_investment,
        ln_fixed_asset_investment_is_filled,
        industrial_structure,
        industrial_structure_is_filled,
        border_openness,
        border_openness_is_filled,
        relative_gdp_per_capita,
        relative_gdp_per_capita_is_filled,
        d_growth_rate,
        d_ln_fixed_asset_investment,
        d_industrial_structure,
        d_border_openness,
        d_relative_gdp_per_capita,
        d_growth_x_d_ln_fixed_asset_investment,
        d_growth_x_d_industrial_structure,
        d_growth_x_d_border_openness,
        exchange_rate_source,
        national_gdp_per_capita_source,
        is_sample
    from panel

)

select * from final
