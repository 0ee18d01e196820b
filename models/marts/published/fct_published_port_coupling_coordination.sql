with

coupling as (

    select * from {{ ref('stg_papers__port_coupling_coordination') }}

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
        grades.grade_name as grade_of_printed_c
    from coupling
    left join grades
        on
            coupling.coupling_degree_c >= grades.lower_bound
            and (
                coupling.coupling_degree_c < grades.upper_bound
                or (grades.upper_inclusive and coupling.coupling_degree_c <= grades.upper_bound)
            )

)

select * from final
