{#-
    The entropy macro on the water-quality example: O2 benefit, pH middle-type (best 7), germs
    cost, nutrients interval-type (best 10-20). Rounded to the 7 decimals of the reference.
-#}
with

weights as (

    {{ entropy_weights(
        ref('method_example__entropy_input'),
        entity_column='river',
        period_column=none,
        indicators=[
            {'name': 'dissolved_oxygen', 'type': 'benefit'},
            {'name': 'ph', 'type': 'middle', 'best': 7},
            {'name': 'germs', 'type': 'cost'},
            {'name': 'nutrients', 'type': 'interval', 'best_low': 10, 'best_high': 20}
        ]
    ) }}

),

rounded as (

    select
        indicator,
        n_rows,
        round(entropy, 7) as entropy,
        round(weight, 7) as weight
    from weights

)

select * from rounded
