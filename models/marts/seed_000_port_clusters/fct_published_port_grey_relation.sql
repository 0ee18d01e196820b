{#-
    The paper's table as BI reads it: int_published_port_grey_relation (which the published checks
    read) under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_port_grey_relation') }}

),

final as (

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
        grade_rank,
        recomputed_rank
    from published

)

select * from final
