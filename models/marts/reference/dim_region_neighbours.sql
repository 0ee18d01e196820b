{#-
    The provinces' spatial weights (空间权重矩阵) under their contract: int_region_neighbours, one row
    per province, neighbour and weights type, row-standardised.
-#}
with

neighbours as (

    select * from {{ ref('int_region_neighbours') }}

),

final as (

    select
        region_code,
        neighbour_code,
        weights_type,
        weight,
        is_convention,
        distance_km
    from neighbours

)

select * from final
