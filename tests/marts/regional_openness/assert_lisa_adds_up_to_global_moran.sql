{#-
    With row-standardised weights (S0 = n) the local statistics add up to the global one: sum_i I_i =
    (n - 1) z'Wz / z'z = (n - 1) I (Anselin 1995's LISA property, with esda's m2 = sum z² / (n - 1)),
    and the Moran scatter plot's slope through the origin is I (Anselin 1996).
    Returns each index, year and weights type where fct_openness_lisa and
    fct_openness_spatial_autocorrelation disagree, or whose LISA rows are not the 31 provinces.
-#}
with

lisa as (

    select
        index_code,
        year,
        weights_type,
        sum(local_i) as sum_local_i,
        sum(standardized_value * spatial_lag) / sum(standardized_value * standardized_value) as scatter_slope,
        count(*) as n_regions
    from {{ ref('fct_openness_lisa') }}
    group by index_code, year, weights_type

),

moran as (

    select * from {{ ref('fct_openness_spatial_autocorrelation') }}
    where statistic = 'moran_i'

)

select
    lisa.*,
    moran.value as moran_i
from lisa
full outer join moran
    on
        lisa.index_code = moran.index_code
        and lisa.year = moran.year
        and lisa.weights_type = moran.weights_type
where
    moran.value is null
    or lisa.sum_local_i is null
    or lisa.n_regions <> 31
    or abs(lisa.sum_local_i - (lisa.n_regions - 1) * moran.value) > 1e-9
    or abs(lisa.scatter_slope - moran.value) > 1e-9
