{#- Where each loaded cell of the merged panel sits in its file (column letter and name), for the quarantine report. -#}
with

source as (

    select * from {{ source('yearbook_files', 'yearbook_merged_panel') }}

),

renamed as (

    select
        source_row,
        source_cell,
        indicator_name as indicator_code,
        note as source_column
    from source

)

select * from renamed
