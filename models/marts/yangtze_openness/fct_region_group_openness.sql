{#-
    Paper 003's group view of the openness index: per group and year the arithmetic mean of the
    members' indices (as Table 1's reach rows), the index of the summed inputs, year-on-year growth,
    the stage (var openness_stages) with its average annual growth, and the whole period's
    (var openness_period) average annual growth and change.
-#}
{%- set stages = checked_var('openness_stages') -%}
{%- set period = checked_var('openness_period') -%}
with

province_openness as (

    select * from {{ ref('fct_province_openness') }}
    where region_level = 'province'

),

members as (

    select * from {{ ref('int_region_group_members') }}

),

stages as (

    select stage_rows.*
    from (
        values
        {%- for stage in stages %}
            ('{{ stage.code }}', '{{ stage.name }}', {{ stage.first_year }}, {{ stage.last_year }})
            {%- if not loop.last %},{% endif %}
        {%- endfor %}
    ) as stage_rows (stage_code, stage_name, stage_first_year, stage_last_year)

),

group_years as (

    select
        members.group_code,
        members.group_name,
        members.group_name_en,
        province_openness.year,
        count(*) as n_members,
        count(province_openness.composite_openness_index) as n_members_with_index,
        avg(province_openness.composite_openness_index) as composite_openness_index,
        avg(province_openness.trade_openness_index) as trade_openness_index,
        avg(province_openness.investment_openness_index) as investment_openness_index,
        sum(province_openness.trade_total_cny) * sum(province_openness.fie_total_investment_cny)
        / nullif(sum(province_openness.gdp), 0) / 10000 as composite_index_of_group_totals,
        bool_or(province_openness.is_sample) as is_sample
    from members
    inner join province_openness
        on members.region_code = province_openness.region_code
    group by members.group_code, members.group_name, members.group_name_en, province_openness.year

),

with_growth as (

    select
        group_years.*,
        100 * (
            group_years.composite_openness_index
            / nullif(lag(group_years.composite_openness_index) over group_order, 0) - 1
        ) as yoy_growth_pct,
        stages.stage_code,
        stages.stage_name,
        stages.stage_first_year,
        stages.stage_last_year
    from group_years
    left join stages
        on group_years.year between stages.stage_first_year and stages.stage_last_year
    window group_order as (partition by group_years.group_code order by group_years.year)

),

stage_endpoints as (

    select
        group_code,
        stage_code,
        max(case when year = stage_first_year then composite_openness_index end) as first_value,
        max(case when year = stage_last_year then composite_openness_index end) as last_value,
        max(stage_last_year - stage_first_year) as n_years
    from with_growth
    where stage_code is not null
    group by group_code, stage_code

),

period_endpoints as (

    select
        group_code,
        max(case when year = {{ period.first_year }} then composite_openness_index end) as first_value,
        max(case when year = {{ period.last_year }} then composite_openness_index end) as last_value
    from group_years
    group by group_code

),

final as (

    select
        with_growth.group_code,
        with_growth.group_name,
        with_growth.group_name_en,
        with_growth.year,
        with_growth.n_members,
        with_growth.n_members_with_index,
        with_growth.composite_openness_index,
        with_growth.trade_openness_index,
        with_growth.investment_openness_index,
        with_growth.composite_index_of_group_totals,
        with_growth.yoy_growth_pct,
        with_growth.stage_code,
        with_growth.stage_name,
        with_growth.stage_first_year,
        with_growth.stage_last_year,
        100
        * (
            power(
                stage_endpoints.last_value / nullif(stage_endpoints.first_value, 0),
                cast(1 as double) / stage_endpoints.n_years
            )
            - 1
        )
            as stage_avg_annual_growth_pct,
        {{ period.first_year }} as period_first_year,
        {{ period.last_year }} as period_last_year,
        100 * (
            power(
                period_endpoints.last_value / nullif(period_endpoints.first_value, 0),
                cast(1 as double) / {{ period.last_year - period.first_year }}
            ) - 1
        ) as period_avg_annual_growth_pct,
        (period_endpoints.last_value - period_endpoints.first_value) / {{ period.last_year - period.first_year }}
            as period_avg_annual_change,
        with_growth.is_sample
    from with_growth
    left join stage_endpoints
        on
            with_growth.group_code = stage_endpoints.group_code
            and with_growth.stage_code = stage_endpoints.stage_code
    left join period_endpoints
        on with_growth.group_code = period_endpoints.group_code

)

select * from final
