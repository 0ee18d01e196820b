{#-
    `make bench-scale` only: the warehouse's candidate observations and the synthetic ones, ranked by
    the warehouse's own precedence rule (rank_by_precedence), as int_observations_unioned ranks them.
-#}
with

warehouse_candidates as (

    select
        {{ observation_columns() }},
        source_priority
    from {{ ref('int_observations_unioned') }}

),

scale_candidates as (

    select
        {{ observation_columns() }},
        8 as source_priority
    from {{ ref('int_scale_observations') }}

),

candidates as (

    select * from warehouse_candidates
    union all
    select * from scale_candidates

),

ranked as (

    {{ rank_by_precedence('candidates') }}

)

select * from ranked
