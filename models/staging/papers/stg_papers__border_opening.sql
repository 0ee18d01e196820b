with

source as (

    select * from {{ ref('pub_border_opening') }}

),

renamed as (

    select
        source_doc,
        source_table,
        indicator_code,
        unit,
        row_label,
        row_type,
        region_code,
        year,
        value,
        printed_value
    from source

)

select * from renamed
