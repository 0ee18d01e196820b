with

source as (

    select * from {{ ref('ref_region_capitals') }}

),

renamed as (

    select
        region_code,
        capital_name,
        capital_name_en,
        longitude,
        latitude,
        source as coordinates_source
    from source

)

select * from renamed
