{#-
    The openness indices the regional-openness measures compare, one row per index, province and
    year: composite (Z), trade (T) and investment (I) of int_province_openness, in the years where all
    31 provinces have every index above 0 (the measures compare years, so each year holds the same
    provinces; ln and the Theil index need positive values).
-#}
with

openness as (

    select * from {{ ref('int_province_openness') }}

),

provinces as (

    select
        region_code,
        year,
        composite_openness_index,
        trade_openness_index,
        investment_openness_index,
        is_sample
    from openness
    where
        region_level = 'province'
        and year between {{ checked_var('regional_openness_years').first_year }}
        and {{ checked_var('regional_openness_years').last_year }}

),

complete_years as (

    select year
    from provinces
    group by year
    having
        count(*) = 31
        and count(*) filter (
            where composite_openness_index > 0
            and trade_openness_index > 0
            and investment_openness_index > 0
        ) = 31

),

complete as (

    select provinces.*
    from provinces
    inner join complete_years
        on provinces.year = complete_years.year

),

final as (

    select
        'composite_openness_index' as index_code,
        region_code,
        year,
        composite_openness_index as index_value,
        is_sample
    from complete

    union all

    select
        'trade_openness_index' as index_code,
        region_code,
        year,
        trade_openness_index as index_value,
        is_sample
    from complete

    union all

    select
        'investment_openness_index' as index_code,
        region_code,
        year,
        investment_openness_index as index_value,
        is_sample
    from complete

)

select * from final
