with

source as (

    select * from {{ ref('ref_prefecture_aliases') }}

),

renamed as (

    select
        trim(prefecture_alias) as prefecture_alias,
        prefecture_code
    from source

)

select * from renamed
