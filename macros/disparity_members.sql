{#-
    disparity_members(inputs, region_groups), for the regional disparity macros (dagum_gini,
    theil_decomposition): inputs has index_code, region_code, year, index_value, is_sample;
    region_groups has grouping, group_code, region_code. One row per index, year, grouping and region
    with n and mu of the grouping, n_j and mu_j of the group, p_j = n_j / n and s_j = n_j mu_j / (n mu).
    The regional-openness models and the scale benchmark call it.
-#}

{% macro disparity_members(inputs, region_groups) %}
with

inputs as (

    select * from {{ inputs }}

),

region_groups as (

    select * from {{ region_groups }}

),

members as (

    select
        inputs.index_code,
        inputs.year,
        region_groups.grouping,
        region_groups.group_code,
        inputs.region_code,
        inputs.index_value,
        inputs.is_sample
    from inputs
    inner join region_groups
        on inputs.region_code = region_groups.region_code

),

totals as (

    select
        index_code,
        year,
        grouping,
        count(*) as n_regions,
        avg(index_value) as mean_value
    from members
    group by index_code, year, grouping

),

group_stats as (

    select
        index_code,
        year,
        grouping,
        group_code,
        count(*) as n_members,
        avg(index_value) as group_mean
    from members
    group by index_code, year, grouping, group_code

),

final as (

    select
        members.index_code,
        members.year,
        members.grouping,
        members.group_code,
        members.region_code,
        members.index_value,
        members.is_sample,
        totals.n_regions,
        totals.mean_value,
        group_stats.n_members,
        group_stats.group_mean,
        group_stats.n_members / totals.n_regions as population_share,
        group_stats.n_members * group_stats.group_mean / (totals.n_regions * totals.mean_value) as income_share
    from members
    inner join totals
        on
            members.index_code = totals.index_code
            and members.year = totals.year
            and members.grouping = totals.grouping
    inner join group_stats
        on
            members.index_code = group_stats.index_code
            and members.year = group_stats.year
            and members.grouping = group_stats.grouping
            and members.group_code = group_stats.group_code

)

select * from final
{% endmacro %}
