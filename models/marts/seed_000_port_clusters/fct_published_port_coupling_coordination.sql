{#-
    The paper's table as BI reads it: int_published_port_coupling_coordination (which the published
    checks read) under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_port_coupling_coordination') }}

),

final as (

    select
        source_doc,
        source_table,
        year,
        score_guangxi_u1,
        score_yunnan_u2,
        comprehensive_index_t,
        coupling_degree_c,
        coordination_grade_printed,
        alpha,
        beta,
        recomputed_index_t,
        grade_of_printed_c,
        recomputed_c_printed,
        recomputed_c_standard,
        recomputed_c_wang2021,
        recomputed_d_printed,
        recomputed_d_standard,
        recomputed_d_wang2021
    from published

)

select * from final
