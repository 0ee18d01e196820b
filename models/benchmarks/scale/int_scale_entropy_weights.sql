{#- `make bench-scale` only: the weights of int_scale_entropy_scores, one row per year and indicator. -#}

with

scores as (

    select * from {{ ref('int_scale_entropy_scores') }}

),

weights as (

    select distinct
        pool_key,
        indicator,
        indicator_group,
        weight
    from scores

)

select * from weights
