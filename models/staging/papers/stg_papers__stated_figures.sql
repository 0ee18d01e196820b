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
        quote,
        nullif(trim(not_recomputable_reason), '') as not_recomputable_reason
    from source

)

select * from renamed
