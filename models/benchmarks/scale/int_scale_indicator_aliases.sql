{#-
    `make bench-scale` only: the warehouse's indicator aliases, each also observed for the synthetic
    units' entity type (SAMPLE data), so that the resolver's entity-type rule lets them through.
-#}
with

indicator_aliases as (

    select * from {{ ref('int_indicator_aliases') }}

),

synthetic_entity_types as (

    select distinct entity_type
    from {{ checked_var('scale_schema') }}.entity_aliases

),

synthetic_units as (

    select {{ ordered_string_agg('entity_type', "'|'", ['entity_type']) }} as entity_types
    from synthetic_entity_types

),

extended as (

    select
        indicator_aliases.indicator_alias,
        indicator_aliases.indicator_code,
        indicator_aliases.canonical_unit,
        indicator_aliases.is_non_negative,
        indicator_aliases.plausible_min,
        indicator_aliases.plausible_max,
        indicator_aliases.entity_types || '|' || synthetic_units.entity_types as entity_types
    from indicator_aliases
    cross join synthetic_units

)

select * from extended
