{#-
    Paper 003's published figures recomputed from its other printed figures: Table 1's reach indices
    as means of their provinces and its average annual changes, and the belt indices its text states.
    Every row a check with its tolerance; rpt_published_checks judges it and adds the errata.
-#}
with

stated as (

    select * from {{ ref('fct_published_stated_figures') }}

),

yangtze as (

    select * from {{ ref('fct_published_yangtze_openness_index') }}

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

-- Stated figures that the text derives from the paper's own tables or other stated figures.
derived_stated as (

    select
        'yangtze_index_1993' as figure_code,
        source_doc,
        {{ text_literal("belt index stated in the text = mean of Table 1's eleven provinces") }} as check_name,
        mean_index as computed,
        0.001 as tolerance
    from yangtze_belt
    where year = 1993

    union all

    select
        'yangtze_index_2022' as figure_code,
        source_doc,
        {{ text_literal("belt index stated in the text = mean of Table 1's eleven provinces") }} as check_name,
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

),

-- The derived figures against the stated ones (macro stated_figure_checks).
derived_text_checks as (

    {{ stated_figure_checks('derived_stated', 'stated') }}

),

yangtze_checks as (

    select
        'seed003_t1_' || measure_code || '_' || row_label || coalesce('_' || cast(year as string), '') as check_id,
        'published' as check_kind,
        source_doc,
        source_table,
        case measure_code
            when 'composite_openness_index' then 'reach index = arithmetic mean of its provinces'
            else '年均变化 = (index 2022 - index 1993) / 29'
        end as check_name,
        row_label || coalesce(' ' || cast(year as string), '') as subject,
        value as expected,
        recomputed_value as computed,
        cast(null as double) as computed_low,
        cast(null as double) as computed_high,
        case measure_code when 'composite_openness_index' then 0.001 else 0.0006 end as tolerance,
        cast(null as string) as expected_text,
        cast(null as string) as computed_text
    from yangtze
    where recomputed_value is not null

),

checks as (

    select
        *,
        null as stated_figure_code
    from yangtze_checks
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
