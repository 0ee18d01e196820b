{#-
    Paper 004's published figures recomputed from its other printed figures: Tables 1-4's totals
    (沿边地区合计) and shares (比重), the figures its text restates from the tables, and the sums and
    shares its text derives.
    Every row a check with its tolerance; rpt_published_checks judges it and adds the errata.
-#}
with

border_opening as (

    select * from {{ ref('fct_published_border_opening') }}

),

stated as (

    select * from {{ ref('fct_published_stated_figures') }}

),

border_checks as (

    select
        'seed004_' || source_table || '_' || indicator_code || '_' || row_type || '_'
        || cast(year as string) as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        case row_type
            when 'border_total' then '沿边地区合计 = sum of the nine provinces'
            else '比重 = 沿边地区合计 / 全国 x 100'
        end as check_name,
        indicator_code || ' ' || cast(year as string) as subject,
        value as expected,
        recomputed_value as computed,
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        -- Recomputed once, in the mart, with the tolerance of its printed rounding.
        rounding_tolerance as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from border_opening
    where row_type in ('border_total', 'share_pct')

),

-- Paper 004's text restating its own tables: (figure, indicator, row type, region, year, kind).
text_references as (

    select reference_rows.*
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
    ) as reference_rows (figure_code, indicator_code, row_type, region_code, year, kind)

),

text_cells as (

    select
        text_references.figure_code,
        text_references.kind,
        -- From the table cell when the stated figure is missing: the check stays, as a mismatch.
        coalesce(stated.source_doc, current_cell.source_doc) as source_doc,
        stated.value as stated_value,
        current_cell.value as table_value,
        previous_cell.value as table_previous_value
    from text_references
    left join stated
        on text_references.figure_code = stated.figure_code
    left join border_opening as current_cell
        on
            text_references.indicator_code = current_cell.indicator_code
            and text_references.row_type = current_cell.row_type
            and text_references.year = current_cell.year
            and coalesce(text_references.region_code, '') = coalesce(current_cell.region_code, '')
    left join border_opening as previous_cell
        on
            text_references.indicator_code = previous_cell.indicator_code
            and text_references.row_type = previous_cell.row_type
            and text_references.year - 1 = previous_cell.year
            and coalesce(text_references.region_code, '') = coalesce(previous_cell.region_code, '')

),

text_checks as (

    select
        'seed004_text_' || figure_code as check_id,
        'published' as check_kind,
        source_doc,
        '正文 vs 表' as source_table,
        case kind
            when 'level' then 'figure stated in the text = the table cell'
            when 'growth_pct' then 'growth stated in the text, from the table cells (rounded to 0.01)'
            else 'decline stated in the text, from the table cells (rounded to 0.01)'
        end as check_name,
        figure_code as subject,
        stated_value as expected,
        case kind
            when 'level' then table_value
            when 'growth_pct' then 100 * (table_value / table_previous_value - 1)
            else -100 * (table_value / table_previous_value - 1)
        end as computed,
        case kind
            when 'growth_pct' then 100 * ((table_value - 0.005) / (table_previous_value + 0.005) - 1)
            when 'decline_pct' then -100 * ((table_value + 0.005) / (table_previous_value - 0.005) - 1)
        end as computed_low,
        case kind
            when 'growth_pct' then 100 * ((table_value + 0.005) / (table_previous_value - 0.005) - 1)
            when 'decline_pct' then -100 * ((table_value - 0.005) / (table_previous_value + 0.005) - 1)
        end as computed_high,
        case kind when 'level' then 0.0001 else 0.005 end as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from text_cells

),

-- Stated figures that the text derives from the paper's own tables or other stated figures.
derived_stated as (

    select
        'top3_tourists_2019' as figure_code,
        max(source_doc) as source_doc,
        {{ text_literal("sum stated in the text = Table 4's 云南 + 广西 + 辽宁") }} as check_name,
        sum(value) as computed,
        0.015 as tolerance
    from border_opening
    where
        indicator_code = 'inbound_tourists'
        and row_type = 'province'
        and year = 2019
        and region_code in ('530000', '450000', '210000')

    union all

    select
        'top3_tourists_share_2019_pct' as figure_code,
        max(source_doc) as source_doc,
        {{ text_literal("share stated in the text = Table 4's 云南 + 广西 + 辽宁 / 沿边地区合计 x 100") }} as check_name,
        100 * sum(case when row_type = 'province' and region_code in ('530000', '450000', '210000') then value end)
        / max(case when row_type = 'border_total' then value end) as computed,
        -- The text prints a whole per cent.
        0.5 as tolerance
    from border_opening
    where indicator_code = 'inbound_tourists' and year = 2019

),

-- The derived figures against the stated ones (macro stated_figure_checks).
derived_text_checks as (

    {{ stated_figure_checks('derived_stated', 'stated') }}

),

checks as (

    select
        *,
        null as stated_figure_code
    from border_checks
    union all
    select
        *,
        subject as stated_figure_code
    from text_checks
    union all
    select
        *,
        subject as stated_figure_code
    from derived_text_checks

),

final as (

    select
        {{ published_check_columns() }}
    from checks

)

select * from final
