{#- SAMPLE yearbook rows (is_sample = true) as generated (names, units and values as printed). -#}
with

source as (

    select * from {{ ref('sample_yearbook_observations') }}

),

renamed as (

    select
        source_row,
        entity_type,
        entity_name,
        year,
        indicator_name,
        unit,
        value,
        vintage,
        source,
        is_sample
    from source

)

select * from renamed
