{#-
    β-convergence of the openness indices, computed in int_openness_convergence (a dbt Python model,
    opening_up.measures.regional_openness): per index, grouping (all provinces, then each group of
    three or more) and period (the whole span, then paper 003's stages), the absolute and the
    conditional β with its speed and half-life.
-#}
with

convergence as (

    select * from {{ ref('int_openness_convergence') }}

),

final as (

    select
        cast(index_code as string) as index_code,
        cast(grouping as string) as grouping,
        cast(group_code as string) as group_code,
        cast(kind as string) as kind,
        cast(period_start as bigint) as period_start,
        cast(period_end as bigint) as period_end,
        cast(beta as double) as beta,
        cast(std_error as double) as std_error,
        cast(p_value as double) as p_value,
        cast(speed as double) as speed,
        cast(half_life_years as double) as half_life_years,
        cast(n_obs as integer) as n_obs,
        cast(is_sample as boolean) as is_sample
    from convergence

)

select * from final
