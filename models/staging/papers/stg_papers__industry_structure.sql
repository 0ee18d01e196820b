with

source as (

    select * from {{ ref('pub_industry_structure') }}

),

renamed as (

    select
        source_doc,
        source_table,
        area_code,
        area_label,
        year,
        primary_share_pct,
        secondary_share_pct,
        tertiary_share_pct
    from source

)

select * from renamed
