{#- REAL cells of the shipped provincial accounts 2002-2011 as loaded (names, units and values as printed). -#}
with

source as (

    select * from {{ source('yearbook_files', 'yearbook_provincial_accounts') }}

),

renamed as (

    select
        source_file,
        source_sheet,
        source_row,
        source_cell,
        source_format,
        entity_location,
        indicator_location,
        unit_location,
        entity_type,
        entity_name,
        year,
        indicator_name,
        unit,
        value,
        vintage,
        source,
        is_sample,
        note,
        file_modified_at
    from source

)

select * from renamed
