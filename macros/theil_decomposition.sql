{#-
    theil_decomposition(members), over disparity_members' rows: the Theil T index, unweighted,
    T = mean (y / mu) ln(y / mu) = sum_j s_j T_j + sum_j s_j ln(mu_j / mu) (Theil 1967; Shorrocks
    1980). Long rows: index_code, year, grouping, measure (theil_t, theil_t_within, theil_t_between,
    theil_t_group), group_code, value, share_of_total (the contribution to T). The numpy reference is
    opening_up.methods.disparity.theil.
-#}

{% macro theil_decomposition(members) %}
with

members as (

    select * from {{ members }}

),

groups as (

    select
        index_code,
        year,
        grouping,
        group_code,
        avg(index_value / group_mean * ln(index_value / group_mean)) as group_theil,
        any_value(income_share) as income_share,
        any_value(income_share) * ln(any_value(group_mean) / any_value(mean_value)) as between_term
    from members
    group by index_code, year, grouping, group_code

),

totals as (

    select
        index_code,
        year,
        grouping,
        avg(index_value / mean_value * ln(index_value / mean_value)) as theil_t
    from members
    group by index_code, year, grouping

),

decomposed as (

    select
        totals.index_code,
        totals.year,
        totals.grouping,
        totals.theil_t,
        sum(groups.income_share * groups.group_theil) as within_groups,
        sum(groups.between_term) as between_groups
    from totals
    inner join groups
        on
            totals.index_code = groups.index_code
            and totals.year = groups.year
            and totals.grouping = groups.grouping
    group by totals.index_code, totals.year, totals.grouping, totals.theil_t

),

final as (

    select
        index_code,
        year,
        grouping,
        'theil_t' as measure,
        null as group_code,
        theil_t as value,
        1.0 as share_of_total
    from decomposed

    union all

    select
        index_code,
        year,
        grouping,
        'theil_t_within' as measure,
        null as group_code,
        within_groups as value,
        within_groups / nullif(theil_t, 0) as share_of_total
    from decomposed

    union all

    select
        index_code,
        year,
        grouping,
        'theil_t_between' as measure,
        null as group_code,
        between_groups as value,
        between_groups / nullif(theil_t, 0) as share_of_total
    from decomposed

    union all

    select
        groups.index_code,
        groups.year,
        groups.grouping,
        'theil_t_group' as measure,
        groups.group_code,
        groups.group_theil as value,
        groups.income_share * groups.group_theil / nullif(decomposed.theil_t, 0) as share_of_total
    from groups
    inner join decomposed
        on
            groups.index_code = decomposed.index_code
            and groups.year = decomposed.year
            and groups.grouping = decomposed.grouping

)

select * from final
{% endmacro %}
