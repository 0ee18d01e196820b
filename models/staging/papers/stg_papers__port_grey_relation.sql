with

source as (

    select * from {{ ref('pub_port_grey_relation') }}

),

renamed as (

    select
        source_doc,
        source_table,
        cluster_code,
        cluster_label,
        item_printed,
        indicator_code,
        period_start,
        period_end,
        rho,
        grey_relational_grade,
        grade_rank
    from source

)

select * from renamed
