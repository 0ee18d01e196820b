{#-
    Coupling coordination of the Guangxi (u1) and Yunnan (u2) port economies per year, the three C
    variants side by side (printed = paper 000's formula, capped at 0.5), D = sqrt(C T) for each,
    and the dim_coordination_grade band of every D and of the printed C (what paper 000 graded).
-#}
with

scores as (

    select * from {{ ref('int_port_economy_scores') }}

),

coupling as (

    {{ coupling_coordination(
        ref('int_port_economy_scores'),
        key_columns=['year'],
        systems=[
            {'score': 'score_guangxi_u1', 'weight': checked_var('port_economy_alpha')},
            {'score': 'score_yunnan_u2', 'weight': checked_var('port_economy_beta')}
        ]
    ) }}

),

final as (

    select
        coupling.year,
        coupling.score_guangxi_u1,
        coupling.score_yunnan_u2,
        coupling.comprehensive_index_t,
        coupling.c_printed,
        coupling.c_standard,
        coupling.c_wang2021,
        coupling.d_printed,
        coupling.d_standard,
        coupling.d_wang2021,
        {{ coordination_grade_of('coupling.c_printed') }} as grade_of_c_printed,
        {{ coordination_grade_of('coupling.d_printed') }} as grade_of_d_printed,
        {{ coordination_grade_of('coupling.d_standard') }} as grade_of_d_standard,
        {{ coordination_grade_of('coupling.d_wang2021') }} as grade_of_d_wang2021,
        scores.is_sample
    from coupling
    inner join scores
        on coupling.year = scores.year

)

select * from final
