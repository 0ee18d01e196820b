with

source as (

    select * from {{ ref('ref_regions') }}

),

renamed as (

    select
        region_code,
        region_name,
        region_short_name,
        region_name_en,
        region_level,
        macro_region,
        is_land_border,
        yangtze_reach
    from source

)

select * from renamed
