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
        seen_in,
        yearbook,
        yearbook_table,
        table_layout,
        table_header,
        table_unit,
        last_published_year,
        why_none_after
    from source

)

select * from renamed
