{#-
    dagum_gini(members), over disparity_members' rows: the Gini coefficient G = sum |y_i - y_r| /
    (2 n² mu) and Dagum's (1997) decomposition over every ordered pair of rows of a year and grouping
    (the n² pairs): G_jj per group, G_jh per pair of groups (the larger mean first) with
    D_jh = (d_jh - p_jh) / (d_jh + p_jh), Gw = sum G_jj p_j s_j, Gnb = sum G_jh (p_j s_h + p_h s_j) D_jh,
    Gt = sum G_jh (p_j s_h + p_h s_j) (1 - D_jh); Gw + Gnb + Gt = G. Long rows: index_code, year,
    grouping, measure (gini, dagum_within, dagum_net_between, dagum_transvariation, dagum_group,
    dagum_between_pair), group_code, group_code_other, value, share_of_total (the row's contribution
    to G). The numpy reference is opening_up.methods.disparity.dagum_gini.
-#}

{% macro dagum_gini(members) %}
with

members as (

    select * from {{ members }}

),

groups as (

    select distinct
        index_code,
        year,
        grouping,
        group_code,
        n_regions,
        mean_value,
        n_members,
        group_mean,
        population_share,
        income_share
    from members

),

-- Every ordered pair of provinces of a year and grouping, summed by their two groups.
pair_sums as (

    select
        a.index_code,
        a.year,
        a.grouping,
        a.group_code,
        b.group_code as group_code_other,
        sum(abs(a.index_value - b.index_value)) as sum_abs_difference,
        sum(greatest(a.index_value - b.index_value, 0)) as sum_ahead
    from members as a
    inner join members as b
        on
            a.index_code = b.index_code
            and a.year = b.year
            and a.grouping = b.grouping
    group by a.index_code, a.year, a.grouping, a.group_code, b.group_code

),

gini as (

    select
        pair_sums.index_code,
        pair_sums.year,
        pair_sums.grouping,
        sum(pair_sums.sum_abs_difference)
        / (2 * power(any_value(groups.n_regions), 2) * any_value(groups.mean_value)) as gini
    from pair_sums
    inner join groups
        on
            pair_sums.index_code = groups.index_code
            and pair_sums.year = groups.year
            and pair_sums.grouping = groups.grouping
            and pair_sums.group_code = groups.group_code
    group by pair_sums.index_code, pair_sums.year, pair_sums.grouping

),

-- G_jj and its contribution G_jj p_j s_j.
within_groups as (

    select
        groups.index_code,
        groups.year,
        groups.grouping,
        groups.group_code,
        pair_sums.sum_abs_difference / (2 * power(groups.n_members, 2) * groups.group_mean) as group_gini,
        pair_sums.sum_abs_difference / (2 * power(groups.n_members, 2) * groups.group_mean)
        * groups.population_share * groups.income_share as contribution
    from groups
    inner join pair_sums
        on
            groups.index_code = pair_sums.index_code
            and groups.year = pair_sums.year
            and groups.grouping = pair_sums.grouping
            and groups.group_code = pair_sums.group_code
            and groups.group_code = pair_sums.group_code_other

),

-- G_jh of each unordered pair of groups, j the larger mean, with its weight p_j s_h + p_h s_j and
-- D_jh from the pair's sums in both directions.
between_pairs as (

    select
        richer.index_code,
        richer.year,
        richer.grouping,
        richer.group_code,
        poorer.group_code as group_code_other,
        pair_sums.sum_abs_difference
        / (richer.n_members * poorer.n_members * (richer.group_mean + poorer.group_mean)) as pair_gini,
        richer.population_share * poorer.income_share
        + poorer.population_share * richer.income_share as pair_weight,
        coalesce(
            (pair_sums.sum_ahead - reverse_sums.sum_ahead)
            / nullif(pair_sums.sum_ahead + reverse_sums.sum_ahead, 0),
            0
        ) as relative_affluence
    from groups as richer
    inner join groups as poorer
        on
            richer.index_code = poorer.index_code
            and richer.year = poorer.year
            and richer.grouping = poorer.grouping
            and (
                richer.group_mean > poorer.group_mean
                or (richer.group_mean = poorer.group_mean and richer.group_code > poorer.group_code)
            )
    inner join pair_sums
        on
            richer.index_code = pair_sums.index_code
            and richer.year = pair_sums.year
            and richer.grouping = pair_sums.grouping
            and richer.group_code = pair_sums.group_code
            and poorer.group_code = pair_sums.group_code_other
    inner join pair_sums as reverse_sums
        on
            richer.index_code = reverse_sums.index_code
            and richer.year = reverse_sums.year
            and richer.grouping = reverse_sums.grouping
            and poorer.group_code = reverse_sums.group_code
            and richer.group_code = reverse_sums.group_code_other

),

within_totals as (

    select
        index_code,
        year,
        grouping,
        sum(contribution) as within_groups
    from within_groups
    group by index_code, year, grouping

),

between_totals as (

    select
        index_code,
        year,
        grouping,
        sum(pair_gini * pair_weight * relative_affluence) as net_between,
        sum(pair_gini * pair_weight * (1 - relative_affluence)) as transvariation
    from between_pairs
    group by index_code, year, grouping

),

-- A grouping of one group has no pair: no between part.
totals as (

    select
        gini.index_code,
        gini.year,
        gini.grouping,
        gini.gini,
        within_totals.within_groups,
        coalesce(between_totals.net_between, 0) as net_between,
        coalesce(between_totals.transvariation, 0) as transvariation
    from gini
    inner join within_totals
        on
            gini.index_code = within_totals.index_code
            and gini.year = within_totals.year
            and gini.grouping = within_totals.grouping
    left join between_totals
        on
            gini.index_code = between_totals.index_code
            and gini.year = between_totals.year
            and gini.grouping = between_totals.grouping

),

final as (

    select
        index_code,
        year,
        grouping,
        'gini' as measure,
        null as group_code,
        null as group_code_other,
        gini as value,
        1.0 as share_of_total
    from totals

    union all

    select
        index_code,
        year,
        grouping,
        'dagum_within' as measure,
        null as group_code,
        null as group_code_other,
        within_groups as value,
        within_groups / nullif(gini, 0) as share_of_total
    from totals

    union all

    select
        index_code,
        year,
        grouping,
        'dagum_net_between' as measure,
        null as group_code,
        null as group_code_other,
        net_between as value,
        net_between / nullif(gini, 0) as share_of_total
    from totals

    union all

    select
        index_code,
        year,
        grouping,
        'dagum_transvariation' as measure,
        null as group_code,
        null as group_code_other,
        transvariation as value,
        transvariation / nullif(gini, 0) as share_of_total
    from totals

    union all

    select
        within_groups.index_code,
        within_groups.year,
        within_groups.grouping,
        'dagum_group' as measure,
        within_groups.group_code,
        null as group_code_other,
        within_groups.group_gini as value,
        within_groups.contribution / nullif(totals.gini, 0) as share_of_total
    from within_groups
    inner join totals
        on
            within_groups.index_code = totals.index_code
            and within_groups.year = totals.year
            and within_groups.grouping = totals.grouping

    union all

    select
        between_pairs.index_code,
        between_pairs.year,
        between_pairs.grouping,
        'dagum_between_pair' as measure,
        between_pairs.group_code,
        between_pairs.group_code_other,
        between_pairs.pair_gini as value,
        between_pairs.pair_gini * between_pairs.pair_weight / nullif(totals.gini, 0) as share_of_total
    from between_pairs
    inner join totals
        on
            between_pairs.index_code = totals.index_code
            and between_pairs.year = totals.year
            and between_pairs.grouping = totals.grouping

)

select * from final
{% endmacro %}
