{#-
    Markov transition matrices of the openness indices, computed in int_openness_markov (a dbt Python
    model, opening_up.methods.markov): the classic chain of each index relative to the year's mean
    in quartile classes pooled over the years, one row per origin and destination class.
-#}
with

transitions as (

    select * from {{ ref('int_openness_markov') }}

),

final as (

    select
        cast(index_code as string) as index_code,
        cast(kind as string) as kind,
        cast(lag_class as integer) as lag_class,
        cast(from_class as integer) as from_class,
        cast(to_class as integer) as to_class,
        cast(n_transitions as integer) as n_transitions,
        cast(probability as double) as probability,
        cast(ergodic_probability as double) as ergodic_probability,
        cast(is_sample as boolean) as is_sample
    from transitions

)

select * from final
