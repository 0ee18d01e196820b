{#- REAL cells of the shipped provincial accounts 2002-2011 as loaded (names, units and values as printed). -#}
with

source as (

    select * from {{ source('yearbook_files', 'yearbook_provincial_accounts') }}

),

renamed as (

    select
        {{ raw_columns() }}
    from source

)

select * from renamed
