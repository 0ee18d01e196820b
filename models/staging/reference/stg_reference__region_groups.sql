with

source as (

    select * from {{ ref('ref_region_groups') }}

),

renamed as (

    select
        grouping,
        group_code,
        group_name,
        group_name_en,
        member_column,
        member_value,
        source as group_source
    from source

)

select * from renamed
