{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

index_table as (

    select * from {{ ref('stg_papers__yangtze_openness_index') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

reach_means as (

    select
        regions.yangtze_reach,
        index_table.measure_code,
        index_table.year,
        avg(index_table.value) as mean_of_members
    from index_table
    inner join regions
        on index_table.region_code = regions.region_code
    where index_table.row_type = 'province'
    group by regions.yangtze_reach, index_table.measure_code, index_table.year

),

endpoints as (

    select
        row_label,
        max(case when year = 1993 then value end) as value_1993,
        max(case when year = 2022 then value end) as value_2022
    from index_table
    where measure_code = 'composite_openness_index'
    group by row_label

),

final as (

    select
        index_table.source_doc,
        index_table.source_table,
        index_table.row_label,
        index_table.row_type,
        index_table.region_code,
        coalesce(index_table.yangtze_reach, regions.yangtze_reach) as yangtze_reach,
        index_table.measure_code,
        index_table.year,
        index_table.period_start,
        index_table.period_end,
        index_table.value,
        case
            when index_table.row_type = 'reach' and index_table.measure_code = 'composite_openness_index'
                then reach_means.mean_of_members
            when index_table.measure_code = 'average_annual_change'
                then (endpoints.value_2022 - endpoints.value_1993) / (index_table.period_end - index_table.period_start)
        end as recomputed_value
    from index_table
    left join regions
        on index_table.region_code = regions.region_code
    left join reach_means
        on
            index_table.yangtze_reach = reach_means.yangtze_reach
            and index_table.measure_code = reach_means.measure_code
            and index_table.year = reach_means.year
    left join endpoints
        on index_table.row_label = endpoints.row_label

)

select * from final
