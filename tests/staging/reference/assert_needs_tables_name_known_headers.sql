{#-
    Every yearbook table a needs line asks for is one the loader reads onto that indicator: its
    header names the indicator (or the one it loads as) through ref_indicator_aliases, and its unit
    converts to the indicator's canonical unit. A row returned is a needs line no dropped file could
    make real.
-#}
with

sources as (

    select * from {{ ref('stg_reference__indicator_sources') }}
    where table_layout <> 'nbs_export'

),

aliases as (

    select * from {{ ref('stg_reference__indicator_aliases') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

conversions as (

    select * from {{ ref('stg_reference__unit_conversions') }}

),

checked as (

    select
        sources.indicator_code,
        sources.entity_scope,
        sources.table_header,
        sources.table_unit,
        coalesce(sources.loads_as, sources.indicator_code) as loads_as,
        aliases.indicator_code as header_indicator_code,
        conversions.factor as unit_factor
    from sources
    inner join indicators
        on coalesce(sources.loads_as, sources.indicator_code) = indicators.indicator_code
    left join aliases
        on sources.table_header = aliases.indicator_alias
    left join conversions
        on
            sources.table_unit = conversions.unit_alias
            and indicators.canonical_unit = conversions.canonical_unit

)

select * from checked
where
    header_indicator_code is distinct from loads_as
    or unit_factor is null
