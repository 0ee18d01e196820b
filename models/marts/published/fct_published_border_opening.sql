with

border_opening as (

    select * from {{ ref('stg_papers__border_opening') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

province_sums as (

    select
        source_table,
        indicator_code,
        year,
        sum(value) as sum_of_provinces,
        count(value) as n_provinces_reported
    from border_opening
    where row_type = 'province'
    group by source_table, indicator_code, year

),

totals as (

    select
        source_table,
        indicator_code,
        year,
        max(case when row_type = 'border_total' then value end) as border_total,
        max(case when row_type = 'national' then value end) as national_total
    from border_opening
    group by source_table, indicator_code, year

),

final as (

    select
        border_opening.source_doc,
        border_opening.source_table,
        border_opening.indicator_code,
        border_opening.unit,
        border_opening.row_label,
        border_opening.row_type,
        border_opening.region_code,
        regions.region_short_name,
        regions.region_name_en,
        border_opening.year,
        border_opening.value,
        border_opening.printed_value,
        case border_opening.row_type
            when 'border_total' then province_sums.sum_of_provinces
            when 'share_pct' then totals.border_total / totals.national_total * 100
        end as recomputed_value,
        case border_opening.row_type
            when 'border_total' then province_sums.sum_of_provinces - border_opening.value
            when 'share_pct' then totals.border_total / totals.national_total * 100 - border_opening.value
        end as recomputed_minus_printed,
        province_sums.n_provinces_reported
    from border_opening
    left join regions
        on border_opening.region_code = regions.region_code
    left join province_sums
        on
            border_opening.source_table = province_sums.source_table
            and border_opening.indicator_code = province_sums.indicator_code
            and border_opening.year = province_sums.year
    left join totals
        on
            border_opening.source_table = totals.source_table
            and border_opening.indicator_code = totals.indicator_code
            and border_opening.year = totals.year

)

select * from final
