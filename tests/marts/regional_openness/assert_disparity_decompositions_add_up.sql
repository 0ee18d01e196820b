{#-
    Dagum's three parts add up to the Gini coefficient and Theil's within and between parts to the
    Theil index, in every index, year and grouping (to 1e-12 of the total: the same sums, added in
    another order).
-#}
with

disparity as (

    select * from {{ ref('fct_openness_disparity') }}

),

totals as (

    select
        index_code,
        year,
        grouping,
        sum(value) filter (where measure = 'gini') as gini,
        sum(value) filter (
            where measure in ('dagum_within', 'dagum_net_between', 'dagum_transvariation')
        ) as dagum_parts,
        sum(value) filter (where measure = 'theil_t') as theil_t,
        sum(value) filter (where measure in ('theil_t_within', 'theil_t_between')) as theil_parts
    from disparity
    group by index_code, year, grouping

)

select *
from totals
where
    abs(gini - dagum_parts) > 1e-12 * gini
    or abs(theil_t - theil_parts) > 1e-12 * theil_t
    or gini is null
    or theil_t is null
