with

source as (

    select * from {{ ref('ref_region_contiguity') }}

),

renamed as (

    select
        region_code,
        neighbour_code,
        is_convention,
        source as contiguity_source
    from source

)

select * from renamed
