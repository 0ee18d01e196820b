{#-
    Input slot of the entropy macro's unit test (water-quality example of
    tests/fixtures/method_examples.json): typed and empty in the warehouse; the unit test
    supplies the twenty rivers.
-#}
with

typed as (

    select
        cast(null as string) as river,
        cast(null as double) as dissolved_oxygen,
        cast(null as double) as ph,
        cast(null as double) as germs,
        cast(null as double) as nutrients

)

select * from typed
where false
