with

source as (

    select * from {{ ref('ref_ports') }}

),

renamed as (

    select
        port_code,
        evaluation_unit,
        port_name,
        region_code,
        prefecture_code,
        port_mode,
        port_mode_basis,
        neighbour_country,
        port_class,
        cluster_code,
        cluster_name,
        is_excluded_for_missing_data,
        source_doc,
        note
    from source

)

select * from renamed
