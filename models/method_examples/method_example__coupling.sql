{#- The coupling macro on four equally weighted systems, compared with the reference to its 2e-7. -#}
with

inputs as (

    select * from {{ ref('method_example__coupling_input') }}

),

coupling as (

    {{ coupling_coordination(
        ref('method_example__coupling_input'),
        key_columns=['row_id'],
        systems=[
            {'score': 'u1', 'weight': 0.25},
            {'score': 'u2', 'weight': 0.25},
            {'score': 'u3', 'weight': 0.25},
            {'score': 'u4', 'weight': 0.25}
        ]
    ) }}

),

compared as (

    select
        coupling.row_id,
        coupling.c_printed is null as printed_formula_is_two_system_only,
        abs(coupling.c_standard - inputs.reference_c_standard) <= 2e-7 as c_standard_matches,
        abs(coupling.d_standard - inputs.reference_d_standard) <= 2e-7 as d_standard_matches,
        abs(coupling.c_wang2021 - inputs.reference_c_wang2021) <= 2e-7 as c_wang2021_matches,
        abs(coupling.d_wang2021 - inputs.reference_d_wang2021) <= 2e-7 as d_wang2021_matches
    from coupling
    inner join inputs
        on coupling.row_id = inputs.row_id

)

select * from compared
