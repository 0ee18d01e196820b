with

source as (

    select * from {{ ref('pub_port_fuzzy_partitions') }}

),

renamed as (

    select
        source_doc,
        source_table,
        lambda_level,
        n_classes_printed,
        n_units,
        group_no,
        port_name_printed,
        port_code,
        note
    from source

)

select * from renamed
