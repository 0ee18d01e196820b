{#-
    The paper's table as BI reads it: int_published_gmm_statistics (which the published checks read)
    under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_gmm_statistics') }}

),

final as (

    select
        source_doc,
        source_table,
        dependent_variable,
        period_label,
        period_start,
        period_end,
        statistic_code,
        statistic_printed,
        value
    from published

)

select * from final
