{#-
    Paper 001's published figures recomputed from its other printed figures: Tables 1 and 3's
    significance stars from coefficient / standard error, Table 2's shares summing to 100, and the
    shares its text states.
    Every row a check with its tolerance; rpt_published_checks judges it and adds the errata.
-#}
with

stated as (

    select * from {{ ref('fct_published_stated_figures') }}

),

gmm_estimates as (

    select * from {{ ref('fct_published_gmm_estimates') }}

),

industry_structure as (

    select * from {{ ref('fct_published_industry_structure') }}

),

-- Stated figures that the text derives from the paper's own tables or other stated figures.
derived_stated as (

    select
        stated.figure_code,
        stated.source_doc,
        {{ text_literal("share stated in the text = Table 2's cell") }} as check_name,
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
    where {{ fully_matches('stated.figure_code', '(border|national)_share_(primary|secondary|tertiary)_1992_text') }}

),

-- The derived figures against the stated ones (macro stated_figure_checks).
derived_text_checks as (

    {{ stated_figure_checks('derived_stated', 'stated') }}

),

seed001_checks as (

    select
        'seed001_'
        || source_table
        || '_stars_'
        || cast(period_start as string)
        || '_'
        || cast(period_end as string)
        || '_'
        || term_code as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'significance stars = |coefficient / std error| against 1.645, 1.960, 2.576' as check_name,
        period_label || ' ' || term_printed as subject,
        cast(null as double) as expected,
        coefficient / std_error as computed,
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        cast(null as double) as tolerance,
        coalesce(significance_stars, '(none)') as expected_text,
        coalesce(implied_stars, '(none)') as computed_text
    from gmm_estimates

    union all

    select
        'seed001_t2_sum_' || area_code || '_' || cast(year as string) as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        'three industry shares sum to 100' as check_name,
        area_label || ' ' || cast(year as string) as subject,
        100 as expected,
        share_sum_pct as computed,
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        0.15 as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from industry_structure

),

checks as (

    select
        *,
        null as stated_figure_code
    from seed001_checks
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
