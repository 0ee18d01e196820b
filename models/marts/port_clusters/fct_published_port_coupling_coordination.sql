{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

coupling as (

    select * from {{ ref('stg_papers__port_coupling_coordination') }}

),

recomputed as (

    {{ coupling_coordination(
        ref('stg_papers__port_coupling_coordination'),
        key_columns=['year'],
        systems=[
            {'score': 'score_guangxi_u1', 'weight': checked_var('port_economy_alpha')},
            {'score': 'score_yunnan_u2', 'weight': checked_var('port_economy_beta')}
        ]
    ) }}

),

grades as (

    select * from {{ ref('stg_reference__coordination_grades') }}

),

final as (

    select
        coupling.source_doc,
        coupling.source_table,
        coupling.year,
        coupling.score_guangxi_u1,
        coupling.score_yunnan_u2,
        coupling.comprehensive_index_t,
        coupling.coupling_degree_c,
        coupling.coordination_grade_printed,
        coupling.alpha,
        coupling.beta,
        coupling.alpha * coupling.score_guangxi_u1 + coupling.beta * coupling.score_yunnan_u2
            as recomputed_index_t,
        grades.grade_name as grade_of_printed_c,
        recomputed.c_printed as recomputed_c_printed,
        recomputed.c_standard as recomputed_c_standard,
        recomputed.c_wang2021 as recomputed_c_wang2021,
        recomputed.d_printed as recomputed_d_printed,
        recomputed.d_standard as recomputed_d_standard,
        recomputed.d_wang2021 as recomputed_d_wang2021
    from coupling
    inner join recomputed
        on coupling.year = recomputed.year
    left join grades
        on
            coupling.coupling_degree_c >= grades.lower_bound
            and (
                coupling.coupling_degree_c < grades.upper_bound
                or (grades.upper_inclusive and coupling.coupling_degree_c <= grades.upper_bound)
            )

)

select * from final
