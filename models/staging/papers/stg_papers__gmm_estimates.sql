with

source as (

    select * from {{ ref('pub_gmm_estimates') }}

),

renamed as (

    select
        source_doc,
        source_table,
        dependent_variable,
        -- One spelling in every mart (the paper prints an em dash): 1992-2020.
        period_start::varchar || '-' || period_end::varchar as period_label,
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
