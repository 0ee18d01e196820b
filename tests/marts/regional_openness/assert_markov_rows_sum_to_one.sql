{#- Each class of a Markov chain that provinces leave has transition probabilities summing to 1. -#}
with

markov as (

    select * from {{ ref('fct_openness_markov') }}

),

rows_of_classes as (

    select
        index_code,
        kind,
        lag_class,
        from_class,
        sum(n_transitions) as n_transitions,
        sum(probability) as probability
    from markov
    group by index_code, kind, lag_class, from_class

)

select *
from rows_of_classes
where n_transitions > 0 and abs(probability - 1) > 1e-12
