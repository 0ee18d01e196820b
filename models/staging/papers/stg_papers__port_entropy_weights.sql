with

source as (

    select * from {{ ref('pub_port_entropy_weights') }}

),

renamed as (

    select
        source_doc,
        source_table,
        system_code,
        system_label,
        region_code,
        item_printed,
        item_code,
        unit,
        period_start,
        period_end,
        entropy,
        utility,
        weight
    from source

)

select * from renamed
