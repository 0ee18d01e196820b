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
        cast(period_start as string) || '-' || cast(period_end as string) as period_label,
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
