{#- Paper 004's five real indicators per land-border province and year (var border_openness_years), wide. -#}
{%- set years = checked_var('border_openness_years') -%}
with

border_opening as (

    select * from {{ ref('stg_papers__border_opening') }}
    where
        row_type = 'province'
        and year between {{ years.first_year }} and {{ years.last_year }}

),

wide as (

    select
        region_code,
        year,
        max(case when indicator_code = 'trade_total' then value end) as trade_total,
        max(case when indicator_code = 'fdi_utilised' then value end) as fdi_utilised,
        max(case when indicator_code = 'odi_nonfinancial' then value end) as odi_nonfinancial,
        max(case when indicator_code = 'inbound_tourists' then value end) as inbound_tourists,
        max(case when indicator_code = 'inbound_tourism_income' then value end) as inbound_tourism_income
    from border_opening
    group by region_code, year

)

select * from wide
