{#-
    Every printed name of an indicator with its code, canonical unit, range rules and the entity types
    it is observed for: what resolve_yearbook_rows matches printed indicators against.
-#}
with

indicator_aliases as (

    select * from {{ ref('stg_reference__indicator_aliases') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

joined as (

    select
        indicator_aliases.indicator_alias,
        indicators.indicator_code,
        indicators.canonical_unit,
        indicators.is_non_negative,
        indicators.plausible_min,
        indicators.plausible_max,
        indicators.entity_types
    from indicator_aliases
    inner join indicators
        on indicator_aliases.indicator_code = indicators.indicator_code

)

select * from joined
