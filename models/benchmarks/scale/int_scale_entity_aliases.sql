{#- `make bench-scale` only: the warehouse's entity aliases and the synthetic units' (SAMPLE data). -#}
with

warehouse_aliases as (

    select
        entity_type,
        entity_alias,
        entity_code
    from {{ ref('int_entity_aliases') }}

),

scale_aliases as (

    select
        entity_type,
        entity_alias,
        entity_code
    from {{ checked_var('scale_schema') }}.entity_aliases

),

unioned as (

    select * from warehouse_aliases
    union all
    select * from scale_aliases

)

select * from unioned
