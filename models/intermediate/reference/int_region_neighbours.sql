{#-
    The spatial weights of the 31 provinces, one row per weights type, province and neighbour with a
    non-zero weight, row-standardised (each province's weights sum to 1):
    - rook: the provinces sharing a land boundary line (ref_region_contiguity; 海南-广东 by convention);
    - inverse_distance: every other province, 1 / the capitals' great-circle distance;
    - knn6: the six provinces with the nearest capitals (ties by region code), binary.
-#}
with

contiguity as (

    select * from {{ ref('stg_reference__region_contiguity') }}

),

distances as (

    select * from {{ ref('int_region_capital_distances') }}

),

rook as (

    select
        'rook' as weights_type,
        contiguity.region_code,
        contiguity.neighbour_code,
        distances.distance_km,
        1.0 as raw_weight,
        contiguity.is_convention
    from contiguity
    left join distances
        on
            contiguity.region_code = distances.region_code
            and contiguity.neighbour_code = distances.neighbour_code

),

inverse_distance as (

    select
        'inverse_distance' as weights_type,
        region_code,
        neighbour_code,
        distance_km,
        cast(1 as double) / distance_km as raw_weight,
        false as is_convention
    from distances

),

ranked as (

    select
        region_code,
        neighbour_code,
        distance_km,
        row_number() over (
            partition by region_code
            order by distance_km, neighbour_code
        ) as nearness_rank
    from distances

),

nearest_six as (

    select
        'knn6' as weights_type,
        region_code,
        neighbour_code,
        distance_km,
        1.0 as raw_weight,
        false as is_convention
    from ranked
    where nearness_rank <= 6

),

unioned as (

    select * from rook
    union all
    select * from inverse_distance
    union all
    select * from nearest_six

),

final as (

    select
        weights_type,
        region_code,
        neighbour_code,
        distance_km,
        raw_weight,
        raw_weight / sum(raw_weight) over (
            partition by weights_type, region_code
        ) as weight,
        is_convention
    from unioned

)

select * from final
