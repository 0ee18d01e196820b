{#-
    Paper 000's published figures recomputed from its other printed figures: Table 5's T, C and grade
    over the rounding box of u1, u2, Table 4's weights and utilities, Table 3's ranks, the λ partitions'
    class counts, and the figures its text derives (border length, number of years).
    Every row a check with its tolerance; rpt_published_checks judges it and adds the errata.
-#}
with

coupling as (

    select * from {{ ref('fct_published_port_coupling_coordination') }}

),

stated as (

    select * from {{ ref('fct_published_stated_figures') }}

),

entropy_weights as (

    select * from {{ ref('fct_published_port_entropy_weights') }}

),

grey_relation as (

    select * from {{ ref('fct_published_port_grey_relation') }}

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

-- Paper 000 Table 5: C = sqrt(u1 u2) / (u1 + u2) over the box of u1, u2 the printed 3 decimals allow.
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
        'seed000_t5_t_' || cast(year as string) as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'comprehensive index T = 0.5 u1 + 0.5 u2' as check_name,
        cast(year as string) as subject,
        comprehensive_index_t as expected,
        recomputed_index_t as computed,
        recomputed_index_t - 0.0005 as computed_low,
        recomputed_index_t + 0.0005 as computed_high,
        0.0005 as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from coupling

    union all

    select
        'seed000_t5_c_' || cast(year as string) as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'coupling C = sqrt(u1 u2) / (u1 + u2) (the printed formula), over the rounding box of u1, u2' as check_name,
        cast(year as string) as subject,
        coupling_degree_c as expected,
        recomputed_c_printed as computed,
        c_low as computed_low,
        c_high as computed_high,
        0.0005 as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from coupling_ranges

    union all

    select
        'seed000_t5_grade_' || cast(year as string) as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'coordination grade of the printed C' as check_name,
        cast(year as string) as subject,
        cast(null as double) as expected,
        cast(null as double) as computed,
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        cast(null as double) as tolerance,
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
        cast(null as double) as computed_low,
        max(c_high) as computed_high,
        cast(null as double) as tolerance,
        '失调 (C < 0.5) every year' as expected_text,
        case when max(c_high) < 0.5 then '失调 (C < 0.5) every year' else 'C can reach 0.5' end as computed_text
    from coupling_ranges

),

-- Stated figures that the text derives from the paper's own tables or other stated figures.
derived_stated as (

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

),

-- The derived figures against the stated ones (macro stated_figure_checks).
derived_text_checks as (

    {{ stated_figure_checks('derived_stated', 'stated') }}

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
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        0.0002 as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
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
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        0.0001 as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
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
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        0 as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from grey_relation

    union all

    select
        'seed000_lambda_classes_' || cast(lambda_level as string) as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'printed number of classes = 38 - units merged into the printed classes' as check_name,
        'λ = ' || cast(lambda_level as string) as subject,
        n_classes_printed as expected,
        implied_n_classes as computed,
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        0 as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from fuzzy_partitions

),

checks as (

    select
        *,
        null as stated_figure_code
    from coupling_checks
    union all
    select
        *,
        null as stated_figure_code
    from seed000_table_checks
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
