{#- `make bench-scale` only: the two systems' scores u1 (group a) and u2 (group b) per unit and year. -#}

with

scores as (

    select * from {{ ref('int_scale_entropy_scores') }}

),

systems as (

    select
        entity as unit_code,
        cast(period as integer) as year,
        sum(case when indicator_group = 'a' then weighted_value end) as score_u1,
        sum(case when indicator_group = 'b' then weighted_value end) as score_u2
    from scores
    group by entity, period

)

select * from systems
