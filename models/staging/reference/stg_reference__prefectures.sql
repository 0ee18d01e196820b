with

source as (

    select * from {{ ref('ref_prefectures') }}

),

renamed as (

    select
        prefecture_code,
        prefecture_name,
        prefecture_short_name,
        prefecture_name_en,
        region_code
    from source

)

select * from renamed
