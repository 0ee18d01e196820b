with

source as (

    select * from {{ ref('ref_region_aliases') }}

),

renamed as (

    select
        trim(region_alias) as region_alias,
        region_code
    from source

)

select * from renamed
