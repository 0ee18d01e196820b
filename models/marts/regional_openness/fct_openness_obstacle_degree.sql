{#-
    The obstacle degree of each component of the openness index for each province and year, computed
    in int_openness_obstacle_degree (a dbt Python model, opening_up.methods.evaluation), with the
    entropy weights as the factor contributions.
-#}
with

obstacles as (

    select * from {{ ref('int_openness_obstacle_degree') }}

),

final as (

    select
        cast(year as bigint) as year,
        cast(region_code as string) as region_code,
        cast(indicator_code as string) as indicator_code,
        cast(factor_contribution as double) as factor_contribution,
        cast(deviation as double) as deviation,
        cast(obstacle_degree as double) as obstacle_degree,
        cast(obstacle_rank as integer) as obstacle_rank,
        cast(is_sample as boolean) as is_sample
    from obstacles

)

select * from final
