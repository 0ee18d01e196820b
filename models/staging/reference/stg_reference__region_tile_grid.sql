with

source as (

    select * from {{ ref('ref_region_tile_grid') }}

),

renamed as (

    select
        region_code,
        tile_column,
        tile_row
    from source

)

select * from renamed
