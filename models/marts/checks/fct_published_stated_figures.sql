{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

figures as (

    select * from {{ ref('stg_papers__stated_figures') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

final as (

    select
        figures.source_doc,
        figures.source_table,
        figures.figure_code,
        figures.subject,
        figures.area_code,
        coalesce(regions.region_short_name, case when figures.area_code = 'border_9' then '沿边9省区' end)
            as area_name,
        figures.year,
        figures.period_start,
        figures.period_end,
        figures.value,
        figures.unit,
        figures.quote,
        figures.not_recomputable_reason
    from figures
    left join regions
        on figures.area_code = regions.region_code

)

select * from final
