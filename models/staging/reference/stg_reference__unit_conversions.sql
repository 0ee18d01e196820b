with

source as (

    select * from {{ ref('ref_unit_conversions') }}

),

renamed as (

    select
        trim(unit_alias) as unit_alias,
        canonical_unit,
        factor
    from source

)

select * from renamed
