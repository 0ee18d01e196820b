with

source as (

    select * from {{ ref('ref_indicator_sources') }}

),

renamed as (

    select
        indicator_code,
        entity_scope,
        loads_as,
        nbs_database,
        nbs_menu_path,
        export_indicator_line,
        export_unit,
        other_source,
        seen_in
    from source

)

select * from renamed
