with

source as (

    select * from {{ ref('pub_001_gmm_estimates') }}

),

renamed as (

    select
        source_doc,
        source_table,
        dependent_variable,
        period_label,
        period_start,
        period_end,
        term_printed,
        term_code,
        coefficient,
        std_error,
        significance_stars
    from source

)

select * from renamed
