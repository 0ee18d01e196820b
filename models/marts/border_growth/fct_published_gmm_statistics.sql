{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

statistics as (

    select * from {{ ref('stg_papers__gmm_statistics') }}

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
    from statistics

)

select * from final
