{#-
    Paper 004's border opening in shares: for each indicator, year and land-border province the
    value, the border total (printed and recomputed), the national value, the shares of the
    national value, year-on-year growth and the rank among the nine. REAL data: every input is a
    figure printed in paper 004 Tables 1-4.
-#}
with

border_opening as (

    select * from {{ ref('stg_papers__border_opening') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

provinces as (

    select * from border_opening
    where row_type = 'province'

),

table_totals as (

    select
        source_table,
        indicator_code,
        year,
        max(case when row_type = 'border_total' then value end) as border_total_printed,
        max(case when row_type = 'national' then value end) as national_value,
        max(case when row_type = 'share_pct' then value end) as border_share_printed_pct
    from border_opening
    group by source_table, indicator_code, year

),

province_sums as (

    select
        source_table,
        indicator_code,
        year,
        sum(value) as border_total_recomputed
    from provinces
    group by source_table, indicator_code, year

),

final as (

    select
        provinces.source_doc,
        provinces.source_table,
        provinces.indicator_code,
        provinces.unit,
        provinces.region_code,
        regions.region_short_name,
        provinces.year,
        provinces.value,
        table_totals.border_total_printed,
        province_sums.border_total_recomputed,
        table_totals.national_value,
        100 * provinces.value / nullif(table_totals.national_value, 0) as share_of_national_pct,
        100 * provinces.value / nullif(province_sums.border_total_recomputed, 0) as share_of_border_total_pct,
        table_totals.border_share_printed_pct,
        100 * province_sums.border_total_recomputed / nullif(table_totals.national_value, 0)
            as border_share_recomputed_pct,
        100 * (
            provinces.value
            / nullif(
                lag(provinces.value)
                    over (partition by provinces.indicator_code, provinces.region_code order by provinces.year),
                0
            )
            - 1
        ) as yoy_growth_pct,
        -- Ranks are bigint on every engine (Spark's rank() is an int).
        cast(case
            when provinces.value is not null
                then rank() over (
                    partition by provinces.indicator_code, provinces.year, provinces.value is null
                    order by provinces.value desc
                )
        end as bigint) as rank_among_border_provinces,
        false as is_sample
    from provinces
    inner join regions
        on provinces.region_code = regions.region_code
    inner join table_totals
        on
            provinces.source_table = table_totals.source_table
            and provinces.indicator_code = table_totals.indicator_code
            and provinces.year = table_totals.year
    inner join province_sums
        on
            provinces.source_table = province_sums.source_table
            and provinces.indicator_code = province_sums.indicator_code
            and provinces.year = province_sums.year

)

select * from final
