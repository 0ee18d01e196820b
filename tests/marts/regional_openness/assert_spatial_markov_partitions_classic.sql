{#-
    Each transition of the classic chain falls in exactly one spatial chain (its province's lag class at
    the start): per index and cell, the spatial chains' transitions add up to the classic chain's.
-#}
with

markov as (

    select * from {{ ref('fct_openness_markov') }}

),

cells as (

    select
        index_code,
        from_class,
        to_class,
        sum(n_transitions) filter (where kind = 'classic') as classic_transitions,
        sum(n_transitions) filter (where kind = 'spatial') as spatial_transitions
    from markov
    group by index_code, from_class, to_class

)

select *
from cells
where classic_transitions is distinct from spatial_transitions
