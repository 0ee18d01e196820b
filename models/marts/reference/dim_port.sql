{#-
    The ports as BI reads them: int_ports (intermediate, which the port analyses read) under this
    mart's contract.
-#}
with

ports as (

    select * from {{ ref('int_ports') }}

),

final as (

    select
        port_code,
        evaluation_unit,
        evaluation_unit_label,
        port_name,
        port_name_en,
        is_duplicate_name,
        duplicate_name_units,
        physical_port_code,
        is_counted_in_sums,
        region_code,
        region_short_name,
        prefecture_code,
        prefecture_name,
        port_mode,
        port_mode_basis,
        neighbour_country,
        neighbour_country_en,
        port_class,
        cluster_code,
        cluster_name,
        cluster_name_en,
        is_evaluation_unit,
        is_excluded_for_missing_data,
        source_doc,
        note,
        aliases
    from ports

)

select * from final
