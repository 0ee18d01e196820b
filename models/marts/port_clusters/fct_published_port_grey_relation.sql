{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

grey_relation as (

    select * from {{ ref('stg_papers__port_grey_relation') }}

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
        cast(rank() over (partition by cluster_code order by grey_relational_grade desc) as bigint) as recomputed_rank
    from grey_relation

)

select * from final
