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
        {{ raw_columns() }}
    from source

)

select * from renamed
