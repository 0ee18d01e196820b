{#-
    The rook contiguity seed covers the 31 provinces as geography requires: every province but 海南
    (460000) has a land neighbour, and the only convention rows are 海南-广东 (440000) both ways. A row
    returned names the province or pair that breaks it.
-#}
with

provinces as (

    select region_code from {{ ref('stg_reference__regions') }}
    where region_level = 'province'

),

contiguity as (

    select * from {{ ref('stg_reference__region_contiguity') }}

),

land_neighbours as (

    select
        provinces.region_code,
        count(contiguity.neighbour_code) filter (where not contiguity.is_convention) as n_land_neighbours
    from provinces
    left join contiguity
        on provinces.region_code = contiguity.region_code
    group by provinces.region_code

),

wrong_islands as (

    select
        region_code,
        'land neighbours: ' || n_land_neighbours as problem
    from land_neighbours
    where (n_land_neighbours = 0) <> (region_code = '460000')

),

wrong_conventions as (

    select
        region_code,
        'convention pair with ' || neighbour_code as problem
    from contiguity
    where
        is_convention
        and not (
            (region_code = '440000' and neighbour_code = '460000')
            or (region_code = '460000' and neighbour_code = '440000')
        )

),

missing_conventions as (

    select
        expected.region_code,
        'missing the convention pair with ' || expected.neighbour_code as problem
    from (values ('440000', '460000'), ('460000', '440000')) as expected (region_code, neighbour_code)
    left join contiguity
        on
            expected.region_code = contiguity.region_code
            and expected.neighbour_code = contiguity.neighbour_code
            and contiguity.is_convention
    where contiguity.region_code is null

)

select * from wrong_islands
union all
select * from wrong_conventions
union all
select * from missing_conventions
