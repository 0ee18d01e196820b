with

conversions as (

    select * from {{ ref('stg_reference__unit_conversions') }}

),

final as (

    select
        unit_alias,
        canonical_unit,
        factor
    from conversions

)

select * from final
