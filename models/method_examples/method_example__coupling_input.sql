{#-
    Input slot of the coupling macro's unit test (coupling_coordination_four_systems of
    tests/fixtures/method_examples.json, from CRAN `coupling`): typed and empty in the
    warehouse; the unit test supplies the three rows with the reference C and D beside them.
-#}
with

typed as (

    select
        cast(null as integer) as row_id,
        cast(null as double) as u1,
        cast(null as double) as u2,
        cast(null as double) as u3,
        cast(null as double) as u4,
        cast(null as double) as reference_c_standard,
        cast(null as double) as reference_d_standard,
        cast(null as double) as reference_c_wang2021,
        cast(null as double) as reference_d_wang2021

)

select * from typed
where false
