{#-
    TOPSIS closeness of each province per year with entropy and with CRITIC weights, computed in
    int_openness_topsis (a dbt Python model, opening_up.methods.evaluation).
-#}
with

topsis as (

    select * from {{ ref('int_openness_topsis') }}

),

final as (

    select
        cast(year as bigint) as year,
        cast(region_code as string) as region_code,
        cast(weight_method as string) as weight_method,
        cast(closeness as double) as closeness,
        cast(rank as integer) as rank,
        cast(distance_to_ideal as double) as distance_to_ideal,
        cast(distance_to_anti_ideal as double) as distance_to_anti_ideal,
        cast(is_sample as boolean) as is_sample
    from topsis

)

select * from final
