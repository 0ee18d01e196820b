{#- One observation per (entity, year, indicator): the first by precedence. -#}
with

ranked as (

    select * from {{ ref('int_observations_unioned') }}

),

resolved as (

    select
        {{ observation_columns() }},
        n_candidates
    from ranked
    where precedence_rank = 1

)

select * from resolved
