{#- REAL cells of the shipped merged panel as loaded (names, units and values as printed). -#}
with

source as (

    select * from {{ source('yearbook_files', 'yearbook_merged_panel') }}

),

renamed as (

    select
        {{ raw_columns() }}
    from source

)

select * from renamed
