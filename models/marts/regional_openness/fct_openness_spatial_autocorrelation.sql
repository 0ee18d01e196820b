{#-
    Global spatial autocorrelation of the openness indices (全局莫兰指数, Geary's C), computed in
    int_openness_spatial_autocorrelation (a dbt Python model, opening_up.methods.spatial): one row per
    index, year, weights type and statistic.
-#}
with

statistics as (

    select * from {{ ref('int_openness_spatial_autocorrelation') }}

),

final as (

    select
        cast(index_code as string) as index_code,
        cast(year as integer) as year,
        cast(weights_type as string) as weights_type,
        cast(statistic as string) as statistic,
        cast(value as double) as value,
        cast(expected as double) as expected,
        cast(variance_normality as double) as variance_normality,
        cast(z_normality as double) as z_normality,
        cast(p_normality as double) as p_normality,
        cast(variance_randomization as double) as variance_randomization,
        cast(z_randomization as double) as z_randomization,
        cast(p_randomization as double) as p_randomization,
        cast(p_permutation as double) as p_permutation,
        cast(n_permutations as integer) as n_permutations,
        cast(is_sample as boolean) as is_sample
    from statistics

)

select * from final
