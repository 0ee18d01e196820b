{#-
    The paper's table as BI reads it: int_published_gmm_estimates (which the published checks read)
    under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_gmm_estimates') }}

),

final as (

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
        significance_stars,
        z_ratio,
        implied_stars
    from published

)

select * from final
