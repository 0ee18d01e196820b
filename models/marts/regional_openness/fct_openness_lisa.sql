{#-
    Local indicators of spatial association (局部莫兰指数/LISA) of the openness indices, computed in
    int_openness_lisa (a dbt Python model, opening_up.methods.spatial): one row per index, year,
    weights type and province.
-#}
with

local_statistics as (

    select * from {{ ref('int_openness_lisa') }}

),

final as (

    select
        cast(index_code as string) as index_code,
        cast(year as integer) as year,
        cast(weights_type as string) as weights_type,
        cast(region_code as string) as region_code,
        cast(standardized_value as double) as standardized_value,
        cast(spatial_lag as double) as spatial_lag,
        cast(local_i as double) as local_i,
        cast(expected as double) as expected,
        cast(variance as double) as variance,
        cast(z as double) as z,
        cast(p_permutation as double) as p_permutation,
        cast(n_permutations as integer) as n_permutations,
        cast(quadrant as string) as quadrant,
        cast(is_significant as boolean) as is_significant,
        cast(is_significant_fdr as boolean) as is_significant_fdr,
        cast(is_sample as boolean) as is_sample
    from local_statistics

)

select * from final
