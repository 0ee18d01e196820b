{{ config(severity='warn') }}

{#-
    Seed 004's text restates figures of its own Tables 1-4. Each stated figure must equal the table
    cell, and each stated growth rate must lie within what the table's rounded (2-decimal) values
    allow. Flags, for instance, 28.71 in the text against 28.73 in Table 3 (2020 outward investment).
-#}

with

stated as (

    select * from {{ ref('fct_published_stated_figures') }}

),

cells as (

    select * from {{ ref('fct_published_border_opening') }}

),

-- figure_code, indicator, row_type, region_code, year, kind (level or growth_pct or decline_pct)
mapping as (

    select mapping_rows.*
    from (
        values
        ('border_trade_share_2017_pct', 'trade_total', 'share_pct', null, 2017, 'level'),
        ('border_trade_share_2019_pct', 'trade_total', 'share_pct', null, 2019, 'level'),
        ('border_trade_share_2020_pct', 'trade_total', 'share_pct', null, 2020, 'level'),
        ('border_trade_share_2021_pct', 'trade_total', 'share_pct', null, 2021, 'level'),
        ('border_trade_2021', 'trade_total', 'border_total', null, 2021, 'level'),
        ('liaoning_trade_2021', 'trade_total', 'province', '210000', 2021, 'level'),
        ('guangxi_trade_2021', 'trade_total', 'province', '450000', 2021, 'level'),
        ('yunnan_trade_2017', 'trade_total', 'province', '530000', 2017, 'level'),
        ('yunnan_trade_2021', 'trade_total', 'province', '530000', 2021, 'level'),
        ('border_fdi_2017', 'fdi_utilised', 'border_total', null, 2017, 'level'),
        ('border_fdi_share_2017_pct', 'fdi_utilised', 'share_pct', null, 2017, 'level'),
        ('border_fdi_2020', 'fdi_utilised', 'border_total', null, 2020, 'level'),
        ('border_fdi_share_2020_pct', 'fdi_utilised', 'share_pct', null, 2020, 'level'),
        ('guangxi_fdi_growth_2020_pct', 'fdi_utilised', 'province', '450000', 2020, 'growth_pct'),
        ('gansu_fdi_growth_2020_pct', 'fdi_utilised', 'province', '620000', 2020, 'growth_pct'),
        ('xizang_fdi_growth_2020_pct', 'fdi_utilised', 'province', '540000', 2020, 'growth_pct'),
        ('border_odi_2018', 'odi_nonfinancial', 'border_total', null, 2018, 'level'),
        ('border_odi_share_2018_pct', 'odi_nonfinancial', 'share_pct', null, 2018, 'level'),
        ('border_odi_2020', 'odi_nonfinancial', 'border_total', null, 2020, 'level'),
        ('border_odi_share_2020_pct', 'odi_nonfinancial', 'share_pct', null, 2020, 'level'),
        ('xinjiang_odi_decline_2020_pct', 'odi_nonfinancial', 'province', '650000', 2020, 'decline_pct'),
        ('gansu_odi_decline_2020_pct', 'odi_nonfinancial', 'province', '620000', 2020, 'decline_pct'),
        ('heilongjiang_odi_decline_2020_pct', 'odi_nonfinancial', 'province', '230000', 2020, 'decline_pct'),
        ('xizang_odi_decline_2020_pct', 'odi_nonfinancial', 'province', '540000', 2020, 'decline_pct'),
        ('border_tourist_share_2019_pct', 'inbound_tourists', 'share_pct', null, 2019, 'level'),
        ('border_tourism_income_share_2019_pct', 'inbound_tourism_income', 'share_pct', null, 2019, 'level'),
        ('yunnan_tourists_2019', 'inbound_tourists', 'province', '530000', 2019, 'level'),
        ('guangxi_tourists_2019', 'inbound_tourists', 'province', '450000', 2019, 'level'),
        ('liaoning_tourists_2019', 'inbound_tourists', 'province', '210000', 2019, 'level'),
        ('border_tourism_income_share_2020_pct', 'inbound_tourism_income', 'share_pct', null, 2020, 'level')
    ) as mapping_rows (figure_code, indicator_code, row_type, region_code, year, kind)

),

compared as (

    select
        mapping.figure_code,
        mapping.kind,
        stated.value as stated_value,
        current_cell.value as table_value,
        previous_cell.value as table_previous_value,
        -- Bounds of the growth rate given the rounding of both printed values to 0.01.
        100 * ((current_cell.value - 0.005) / (previous_cell.value + 0.005) - 1) as growth_low,
        100 * ((current_cell.value + 0.005) / (previous_cell.value - 0.005) - 1) as growth_high
    from mapping
    inner join stated
        on mapping.figure_code = stated.figure_code
    left join cells as current_cell
        on
            mapping.indicator_code = current_cell.indicator_code
            and mapping.row_type = current_cell.row_type
            and mapping.year = current_cell.year
            and coalesce(mapping.region_code, '') = coalesce(current_cell.region_code, '')
    left join cells as previous_cell
        on
            mapping.indicator_code = previous_cell.indicator_code
            and mapping.row_type = previous_cell.row_type
            and mapping.year - 1 = previous_cell.year
            and coalesce(mapping.region_code, '') = coalesce(previous_cell.region_code, '')

)

select *
from compared
where
    (kind = 'level' and (table_value is null or abs(stated_value - table_value) > 0.0001))
    or (kind = 'growth_pct' and not (stated_value between growth_low - 0.005 and growth_high + 0.005))
    or (kind = 'decline_pct' and not (-stated_value between growth_low - 0.005 and growth_high + 0.005))
