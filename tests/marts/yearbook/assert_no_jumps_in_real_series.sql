{{ config(severity='warn') }}

{#-
    Real series that jump by more than a factor of three from one year to the next, flagged for a
    reader to judge (today the 1% population sample survey of 2015 beside the 1‰ surveys, and
    inbound tourism in 2020).
-#}
with

observations as (

    select * from {{ ref('fct_yearbook_observations') }}
    where not is_sample

),

consecutive as (

    select
        entity_type,
        entity_code,
        indicator_code,
        year,
        value,
        source_file,
        source_row,
        lag(year) over series as previous_year,
        lag(value) over series as previous_value
    from observations
    window series as (partition by entity_type, entity_code, indicator_code order by year)

)

select *
from consecutive
where
    previous_year = year - 1
    and previous_value > 0
    and value > 0
    and (value / previous_value > 3 or previous_value / value > 3)
