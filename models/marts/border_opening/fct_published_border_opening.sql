{#-
    Paper 004's border totals and shares recomputed once, here, with the tolerance their printed
    rounding allows: every printed cell is within half a unit of its last printed digit, so a
    total can differ from the sum of its parts by the sum of those half units, and a share from
    total / national x 100 by the ratio's spread over that rounding box plus the share's own half
    unit. rpt_published_checks reads these columns.
-#}
with

border_opening as (

    select
        *,
        -- Half a unit of the last printed digit ('995.95' -> 0.005); null where nothing is printed.
        case
            when value is not null
                then 0.5 * power(10, -length(split_part(printed_value, '.', 2)))
        end as printed_half_unit
    from {{ ref('stg_papers__border_opening') }}

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
        sum(printed_half_unit) as provinces_half_units,
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
        max(case when row_type = 'border_total' then printed_half_unit end) as border_total_half_unit,
        max(case when row_type = 'national' then value end) as national_total,
        max(case when row_type = 'national' then printed_half_unit end) as national_total_half_unit
    from border_opening
    group by source_table, indicator_code, year

),

-- The share total / national x 100, and its extremes over the rounding box of the two printed figures.
shares as (

    select
        *,
        border_total / national_total * 100 as share_pct,
        (border_total + border_total_half_unit) / (national_total - national_total_half_unit) * 100
            as share_high_pct,
        (border_total - border_total_half_unit) / (national_total + national_total_half_unit) * 100
            as share_low_pct
    from totals

),

recomputed as (

    select
        border_opening.*,
        province_sums.n_provinces_reported,
        case border_opening.row_type
            when 'border_total' then province_sums.sum_of_provinces
            when 'share_pct' then shares.share_pct
        end as recomputed_value,
        case border_opening.row_type
            when 'border_total'
                then province_sums.provinces_half_units + border_opening.printed_half_unit
            when 'share_pct'
                then
                    greatest(shares.share_high_pct - shares.share_pct, shares.share_pct - shares.share_low_pct)
                    + border_opening.printed_half_unit
        end as rounding_tolerance
    from border_opening
    left join province_sums
        on
            border_opening.source_table = province_sums.source_table
            and border_opening.indicator_code = province_sums.indicator_code
            and border_opening.year = province_sums.year
    left join shares
        on
            border_opening.source_table = shares.source_table
            and border_opening.indicator_code = shares.indicator_code
            and border_opening.year = shares.year

),

final as (

    select
        recomputed.source_doc,
        recomputed.source_table,
        recomputed.indicator_code,
        recomputed.unit,
        recomputed.row_label,
        recomputed.row_type,
        recomputed.region_code,
        regions.region_short_name,
        regions.region_name_en,
        recomputed.year,
        recomputed.value,
        recomputed.printed_value,
        recomputed.recomputed_value,
        recomputed.recomputed_value - recomputed.value as recomputed_minus_printed,
        recomputed.rounding_tolerance,
        abs(recomputed.recomputed_value - recomputed.value) <= recomputed.rounding_tolerance as is_within_rounding,
        recomputed.n_provinces_reported
    from recomputed
    left join regions
        on recomputed.region_code = regions.region_code

)

select * from final
