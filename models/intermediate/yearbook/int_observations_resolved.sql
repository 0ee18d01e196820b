{#- One observation per (entity, year, indicator): the first by precedence. -#}
with

ranked as (

    select * from {{ ref('int_observations_unioned') }}

),

resolved as (

    select
        entity_type,
        entity_code,
        year,
        indicator_code,
        value,
        unit,
        source,
        source_file,
        source_row,
        vintage,
        is_sample,
        printed_entity_name,
        printed_indicator_name,
        printed_unit,
        printed_value,
        conversion_factor,
        n_candidates
    from ranked
    where precedence_rank = 1

)

select * from resolved
