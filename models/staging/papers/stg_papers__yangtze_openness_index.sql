with

source as (

    select * from {{ ref('pub_yangtze_openness_index') }}

),

renamed as (

    select
        source_doc,
        source_table,
        row_label,
        row_type,
        region_code,
        yangtze_reach,
        measure_code,
        year,
        period_start,
        period_end,
        value
    from source

)

select * from renamed
