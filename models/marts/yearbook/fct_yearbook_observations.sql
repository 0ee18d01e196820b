with

observations as (

    select * from {{ ref('int_observations_resolved') }}

),

regions as (

    select
        'region' as entity_type,
        region_code as entity_code,
        region_short_name as entity_name
    from {{ ref('stg_reference__regions') }}

),

prefectures as (

    select
        'prefecture' as entity_type,
        prefecture_code as entity_code,
        prefecture_name as entity_name
    from {{ ref('stg_reference__prefectures') }}

),

ports as (

    select
        'port' as entity_type,
        port_code as entity_code,
        port_name as entity_name
    from {{ ref('stg_reference__ports') }}

),

entities as (

    select * from regions
    union all
    select * from prefectures
    union all
    select * from ports

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

final as (

    select
        observations.entity_type,
        observations.entity_code,
        entities.entity_name,
        observations.year,
        observations.indicator_code,
        indicators.indicator_name,
        observations.value,
        observations.unit,
        observations.is_sample,
        observations.source,
        observations.source_file,
        observations.source_row,
        observations.vintage,
        observations.printed_entity_name,
        observations.printed_indicator_name,
        observations.printed_unit,
        observations.printed_value,
        observations.conversion_factor,
        observations.n_candidates
    from observations
    inner join entities
        on
            observations.entity_type = entities.entity_type
            and observations.entity_code = entities.entity_code
    inner join indicators
        on observations.indicator_code = indicators.indicator_code

)

select * from final
