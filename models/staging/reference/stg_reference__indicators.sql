with

source as (

    select * from {{ ref('ref_indicators') }}

),

renamed as (

    select
        indicator_code,
        indicator_name,
        indicator_name_en,
        canonical_unit,
        entity_types,
        is_non_negative,
        used_by,
        plausible_min,
        plausible_max
    from source

)

select * from renamed
