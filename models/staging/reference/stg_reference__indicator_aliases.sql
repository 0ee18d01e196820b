with

source as (

    select * from {{ ref('ref_indicator_aliases') }}

),

renamed as (

    select
        trim(indicator_alias) as indicator_alias,
        indicator_code
    from source

)

select * from renamed
