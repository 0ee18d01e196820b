{#- REAL rows of the NBS exports shipped in data/real/nbs/ as loaded (names, units and values as printed). -#}
with

source as (

    select * from {{ source('yearbook_files', 'yearbook_shipped_exports') }}

),

renamed as (

    select
        {{ raw_columns() }}
    from source

)

select * from renamed
