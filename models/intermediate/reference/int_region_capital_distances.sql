{#-
    The great-circle distance between the capitals of every ordered pair of distinct provinces (the
    seat of the provincial government, ref_region_capitals), the base of the inverse-distance and
    k-nearest-neighbour weights.
-#}
with

capitals as (

    select * from {{ ref('stg_reference__region_capitals') }}

),

pairs as (

    select
        origin.region_code,
        destination.region_code as neighbour_code,
        {{ great_circle_km(
            'origin.longitude', 'origin.latitude', 'destination.longitude', 'destination.latitude'
        ) }} as distance_km
    from capitals as origin
    inner join capitals as destination
        on origin.region_code <> destination.region_code

)

select * from pairs
