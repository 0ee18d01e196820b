{#-
    Kernel densities of the openness indices by year, computed in int_openness_density (a dbt Python
    model, opening_up.methods.density): Gaussian and Stata's Epanechnikov kernels with Silverman's
    bandwidth, on 100 points from min - 3h to max + 3h.
-#}
with

densities as (

    select * from {{ ref('int_openness_density') }}

),

final as (

    select
        cast(index_code as string) as index_code,
        cast(year as bigint) as year,
        cast(kernel as string) as kernel,
        cast(bandwidth as double) as bandwidth,
        cast(point as integer) as point,
        cast(x as double) as x,
        cast(density as double) as density,
        cast(is_sample as boolean) as is_sample
    from densities

)

select * from final
