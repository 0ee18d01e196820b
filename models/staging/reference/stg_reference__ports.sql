with

source as (

    select * from {{ ref('ref_ports') }}

),

renamed as (

    select
        port_code,
        evaluation_unit,
        port_name,
        port_name_en,
        region_code,
        prefecture_code,
        port_mode,
        port_mode_basis,
        neighbour_country,
        neighbour_country_en,
        port_class,
        cluster_code,
        cluster_name,
        cluster_name_en,
        is_excluded_for_missing_data,
        source_doc,
        note,
        physical_port_code
    from source

)

select * from renamed
