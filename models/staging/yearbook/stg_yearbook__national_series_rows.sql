{#-
    REAL rows of China's national series (data/real/national/) as loaded (series codes, units and
    values as printed).
-#}
with

source as (

    select * from {{ source('yearbook_files', 'yearbook_national_series') }}

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
