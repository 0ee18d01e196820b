{#-
    Every published figure that can be recomputed from other published figures, with the
    tolerance that the printed rounding allows. A mismatch is the paper's own inconsistency (the
    inputs are the paper's): it is reported, with the note of its erratum (pub_check_errata, keyed
    by exact check_id), never hidden. check_kind tells the papers' figures (published) from this
    project's own assertions about them (derived).
-#}
with

coupling as (

    select * from {{ ref('fct_published_port_coupling_coordination') }}

),

border_opening as (

    select * from {{ ref('fct_published_border_opening') }}

),

stated as (

    select * from {{ ref('fct_published_stated_figures') }}

),

yangtze as (

    select * from {{ ref('fct_published_yangtze_openness_index') }}

),

entropy_weights as (

    select * from {{ ref('fct_published_port_entropy_weights') }}

),

grey_relation as (

    select * from {{ ref('fct_published_port_grey_relation') }}

),

gmm_estimates as (

    select * from {{ ref('fct_published_gmm_estimates') }}

),

industry_structure as (

    select * from {{ ref('fct_published_industry_structure') }}

),

errata as (

    select * from {{ ref('stg_papers__check_errata') }}

),

fuzzy_partitions as (

    select distinct
        source_doc,
        source_table,
        lambda_level,
        n_classes_printed,
        implied_n_classes
    from {{ ref('fct_published_port_fuzzy_partitions') }}

),

-- Seed 000 Table 5: C = sqrt(u1 u2) / (u1 + u2) over the box of u1, u2 the printed 3 decimals allow.
-- With r = u2 / u1, C = sqrt(r) / (1 + r) rises on r < 1 and falls on r > 1 (maximum 0.5 at r = 1).
coupling_boxes as (

    select
        *,
        (score_yunnan_u2 - 0.0005) / (score_guangxi_u1 + 0.0005) as ratio_low,
        (score_yunnan_u2 + 0.0005) / (score_guangxi_u1 - 0.0005) as ratio_high
    from coupling

),

coupling_ranges as (

    select
        *,
        least(sqrt(ratio_low) / (1 + ratio_low), sqrt(ratio_high) / (1 + ratio_high)) as c_low,
        case
            when ratio_low <= 1 and ratio_high >= 1 then 0.5
            else greatest(sqrt(ratio_low) / (1 + ratio_low), sqrt(ratio_high) / (1 + ratio_high))
        end as c_high
    from coupling_boxes

),

coupling_checks as (

    select
        'seed000_t5_t_' || year::varchar as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'comprehensive index T = 0.5 u1 + 0.5 u2' as check_name,
        year::varchar as subject,
        comprehensive_index_t as expected,
        recomputed_index_t as computed,
        recomputed_index_t - 0.0005 as computed_low,
        recomputed_index_t + 0.0005 as computed_high,
        0.0005 as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from coupling

    union all

    select
        'seed000_t5_c_' || year::varchar as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'coupling C = sqrt(u1 u2) / (u1 + u2) (the printed formula), over the rounding box of u1, u2' as check_name,
        year::varchar as subject,
        coupling_degree_c as expected,
        recomputed_c_printed as computed,
        c_low as computed_low,
        c_high as computed_high,
        0.0005 as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from coupling_ranges

    union all

    select
        'seed000_t5_grade_' || year::varchar as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'coordination grade of the printed C' as check_name,
        year::varchar as subject,
        null::double as expected,
        null::double as computed,
        null::double as computed_low,
        null::double as computed_high,
        null::double as tolerance,
        coordination_grade_printed as expected_text,
        grade_of_printed_c as computed_text
    from coupling

    union all

    select
        'seed000_t5_c_below_half' as check_id,
        -- This project's reading of Table 5, not a figure the paper prints.
        'derived' as check_kind,
        max(source_doc) as source_doc,
        max(source_table) as source_table,
        'the printed formula caps C at 0.5 (u1 = u2); the highest C the printed scores allow in any year' as check_name,
        '2008-2018' as subject,
        0.5 as expected,
        max(c_high) as computed,
        null::double as computed_low,
        max(c_high) as computed_high,
        null::double as tolerance,
        '失调 (C < 0.5) every year' as expected_text,
        case when max(c_high) < 0.5 then '失调 (C < 0.5) every year' else 'C can reach 0.5' end as computed_text
    from coupling_ranges

),

border_checks as (

    select
        'seed004_' || source_table || '_' || indicator_code || '_' || row_type || '_' || year::varchar as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        case row_type
            when 'border_total' then '沿边地区合计 = sum of the nine provinces'
            else '比重 = 沿边地区合计 / 全国 x 100'
        end as check_name,
        indicator_code || ' ' || year::varchar as subject,
        value as expected,
        recomputed_value as computed,
        null::double as computed_low,
        null::double as computed_high,
        -- Recomputed once, in the mart, with the tolerance of its printed rounding.
        rounding_tolerance as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from border_opening
    where row_type in ('border_total', 'share_pct')

),

-- Seed 004's text restating its own tables: (figure, indicator, row type, region, year, kind).
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
        null::varchar as expected_text,
        null::varchar as computed_text
    from text_cells

),

-- Stated figures that the text derives from the papers' own tables or other stated figures.
yangtze_belt as (

    select
        year,
        max(source_doc) as source_doc,
        avg(value) as mean_index
    from yangtze
    where row_type = 'province' and measure_code = 'composite_openness_index'
    group by year

),

derived_stated as (

    select
        'yangtze_index_1993' as figure_code,
        source_doc,
        'belt index stated in the text = mean of Table 1''s eleven provinces' as check_name,
        mean_index as computed,
        0.001 as tolerance
    from yangtze_belt
    where year = 1993

    union all

    select
        'yangtze_index_2022' as figure_code,
        source_doc,
        'belt index stated in the text = mean of Table 1''s eleven provinces' as check_name,
        mean_index as computed,
        0.0055 as tolerance
    from yangtze_belt
    where year = 2022

    union all

    select
        'yangtze_index_increase' as figure_code,
        max(source_doc) as source_doc,
        'increase stated in the text = the index it states for 2022 - the one for 1993' as check_name,
        max(case when figure_code = 'yangtze_index_2022' then value end)
        - max(case when figure_code = 'yangtze_index_1993' then value end) as computed,
        0.0055 as tolerance
    from stated
    where figure_code in ('yangtze_index_1993', 'yangtze_index_2022')

    union all

    select
        'shanghai_index_avg_annual_increase' as figure_code,
        max(source_doc) as source_doc,
        'average annual increase stated in the text = (Table 1 2022 - 1993) / 29' as check_name,
        (max(case when year = 2022 then value end) - max(case when year = 1993 then value end)) / 29 as computed,
        0.0006 as tolerance
    from yangtze
    where row_type = 'province' and region_code = '310000' and measure_code = 'composite_openness_index'

    union all

    select
        'top3_tourists_2019' as figure_code,
        max(source_doc) as source_doc,
        'sum stated in the text = Table 4''s 云南 + 广西 + 辽宁' as check_name,
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
        'share stated in the text = Table 4''s 云南 + 广西 + 辽宁 / 沿边地区合计 x 100' as check_name,
        100 * sum(case when row_type = 'province' and region_code in ('530000', '450000', '210000') then value end)
        / max(case when row_type = 'border_total' then value end) as computed,
        -- The text prints a whole per cent.
        0.5 as tolerance
    from border_opening
    where indicator_code = 'inbound_tourists' and year = 2019

    union all

    select
        'border_length_gx_yn_km' as figure_code,
        max(source_doc) as source_doc,
        'total border length stated = Yunnan + Guangxi as stated in footnote f' as check_name,
        sum(value) as computed,
        0 as tolerance
    from stated
    where figure_code in ('border_length_yunnan_km', 'border_length_guangxi_km')

    union all

    select
        'grey_periods' as figure_code,
        source_doc,
        'number of years stated = period end - period start + 1' as check_name,
        period_end - period_start + 1 as computed,
        0 as tolerance
    from stated
    where figure_code = 'grey_periods'

    union all

    select
        stated.figure_code,
        stated.source_doc,
        'share stated in the text = Table 2''s cell' as check_name,
        case split_part(stated.figure_code, '_', 3)
            when 'primary' then industry.primary_share_pct
            when 'secondary' then industry.secondary_share_pct
            when 'tertiary' then industry.tertiary_share_pct
        end as computed,
        0.0001 as tolerance
    from stated
    inner join industry_structure as industry
        on
            stated.year = industry.year
            and industry.area_code = case when stated.figure_code like 'border_%' then 'border_9' else 'national' end
    where stated.figure_code similar to '(border|national)_share_(primary|secondary|tertiary)_1992_text'

),

derived_text_checks as (

    select
        'seed' || left(derived_stated.source_doc, 3) || '_text_' || derived_stated.figure_code as check_id,
        'published' as check_kind,
        derived_stated.source_doc,
        '正文 vs 表' as source_table,
        derived_stated.check_name,
        derived_stated.figure_code as subject,
        stated.value as expected,
        derived_stated.computed,
        null::double as computed_low,
        null::double as computed_high,
        derived_stated.tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from derived_stated
    -- A left join: a figure code missing from the stated figures shows as an unexplained mismatch.
    left join stated
        on derived_stated.figure_code = stated.figure_code

),

-- Which check recomputes which stated figure (tests/published/assert_stated_figures_checked_or_explained.sql).
stated_check_ids as (

    select
        'seed004_text_' || figure_code as check_id,
        figure_code as stated_figure_code
    from text_references

    union all

    select
        check_id,
        subject as stated_figure_code
    from derived_text_checks

),

yangtze_checks as (

    select
        'seed003_t1_' || measure_code || '_' || row_label || coalesce('_' || year::varchar, '') as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        case measure_code
            when 'composite_openness_index' then 'reach index = arithmetic mean of its provinces'
            else '年均变化 = (index 2022 - index 1993) / 29'
        end as check_name,
        row_label || coalesce(' ' || year::varchar, '') as subject,
        value as expected,
        recomputed_value as computed,
        null::double as computed_low,
        null::double as computed_high,
        case measure_code when 'composite_openness_index' then 0.001 else 0.0006 end as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from yangtze
    where recomputed_value is not null

),

seed000_table_checks as (

    select
        'seed000_t4_weight_' || system_code || '_' || item_code as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'weight w = d / sum of d over the eight indicators' as check_name,
        system_label || ' ' || item_printed as subject,
        weight as expected,
        recomputed_weight as computed,
        null::double as computed_low,
        null::double as computed_high,
        0.0002 as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from entropy_weights

    union all

    select
        'seed000_t4_utility_' || system_code || '_' || item_code as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'utility d = 1 - e' as check_name,
        system_label || ' ' || item_printed as subject,
        utility as expected,
        1 - entropy as computed,
        null::double as computed_low,
        null::double as computed_high,
        0.0001 as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from entropy_weights

    union all

    select
        'seed000_t3_rank_' || cluster_code || '_' || indicator_code as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'rank = order of the printed grades within the cluster' as check_name,
        cluster_label || ' ' || item_printed as subject,
        grade_rank as expected,
        recomputed_rank as computed,
        null::double as computed_low,
        null::double as computed_high,
        0 as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from grey_relation

    union all

    select
        'seed000_lambda_classes_' || lambda_level::varchar as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'printed number of classes = 38 - units merged into the printed classes' as check_name,
        'λ = ' || lambda_level::varchar as subject,
        n_classes_printed as expected,
        implied_n_classes as computed,
        null::double as computed_low,
        null::double as computed_high,
        0 as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from fuzzy_partitions

),

seed001_checks as (

    select
        'seed001_'
        || source_table
        || '_stars_'
        || period_start::varchar
        || '_'
        || period_end::varchar
        || '_'
        || term_code as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'significance stars = |coefficient / std error| against 1.645, 1.960, 2.576' as check_name,
        period_label || ' ' || term_printed as subject,
        null::double as expected,
        coefficient / std_error as computed,
        null::double as computed_low,
        null::double as computed_high,
        null::double as tolerance,
        coalesce(significance_stars, '(none)') as expected_text,
        coalesce(implied_stars, '(none)') as computed_text
    from gmm_estimates

    union all

    select
        'seed001_t2_sum_' || area_code || '_' || year::varchar as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'three industry shares sum to 100' as check_name,
        area_label || ' ' || year::varchar as subject,
        100 as expected,
        share_sum_pct as computed,
        null::double as computed_low,
        null::double as computed_high,
        0.15 as tolerance,
        null::varchar as expected_text,
        null::varchar as computed_text
    from industry_structure

),

all_checks as (

    select * from coupling_checks
    union all
    select * from border_checks
    union all
    select * from text_checks
    union all
    select * from derived_text_checks
    union all
    select * from yangtze_checks
    union all
    select * from seed000_table_checks
    union all
    select * from seed001_checks

),

judged as (

    select
        all_checks.*,
        stated_check_ids.stated_figure_code,
        abs(all_checks.expected - all_checks.computed) as abs_difference,
        case
            when all_checks.expected_text is not null then all_checks.expected_text = all_checks.computed_text
            when all_checks.computed_low is not null
                then
                    all_checks.expected
                    between all_checks.computed_low - all_checks.tolerance
                    and all_checks.computed_high + all_checks.tolerance
            else abs(all_checks.expected - all_checks.computed) <= all_checks.tolerance
        end as is_consistent
    from all_checks
    left join stated_check_ids
        on all_checks.check_id = stated_check_ids.check_id

),

final as (

    select
        judged.check_id,
        judged.check_kind,
        judged.source_doc,
        judged.source_table,
        judged.check_name,
        judged.subject,
        judged.expected,
        judged.computed,
        judged.computed_low,
        judged.computed_high,
        judged.abs_difference,
        judged.tolerance,
        judged.expected_text,
        judged.computed_text,
        judged.stated_figure_code,
        case when judged.is_consistent then 'pass' else 'mismatch_in_paper' end as status,
        case
            when judged.is_consistent then null
            else coalesce(errata.note, 'not explained: read the paper again')
        end as note
    from judged
    -- Exact keys: a new mismatch in a family with an erratum is not explained by it.
    left join errata
        on judged.check_id = errata.check_id

)

select * from final
