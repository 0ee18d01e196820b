with

source as (

    select * from {{ ref('pub_stated_figures') }}

),

renamed as (

    select
        source_doc,
        source_table,
        figure_code,
        subject,
        area_code,
        year,
        period_start,
        period_end,
        value,
        unit,
        quote
    from source

)

select * from renamed
