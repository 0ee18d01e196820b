{#- REAL rows of the drop folder's yearbook files as loaded (names, units and values as printed). -#}
with

source as (

    select * from {{ source('yearbook_files', 'yearbook_drop_folder') }}

),

renamed as (

    select
        {{ raw_columns() }}
    from source

)

select * from renamed
