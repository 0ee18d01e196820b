{#-
    The weights of the openness index's four components per year and method (entropy, CRITIC),
    computed in int_openness_evaluation_weights (a dbt Python model, opening_up.methods.evaluation).
-#}
with

weights as (

    select * from {{ ref('int_openness_evaluation_weights') }}

),

final as (

    select
        cast(year as bigint) as year,
        cast(weight_method as string) as weight_method,
        cast(indicator_code as string) as indicator_code,
        cast(weight as double) as weight,
        cast(is_sample as boolean) as is_sample
    from weights

)

select * from final
