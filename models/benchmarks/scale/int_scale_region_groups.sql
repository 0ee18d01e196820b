{#-
    `make bench-scale` only: the synthetic units in four groups (as NBS's four regions), in turn by
    their code (not by hash(): DuckDB's and Spark's hash functions differ).
-#}
with

units as (

    select distinct region_code from {{ ref('int_scale_disparity_inputs') }}

),

final as (

    select
        'scale_groups' as grouping,
        'g' || cast(mod(row_number() over (order by region_code), 4) as string) as group_code,
        region_code
    from units

)

select * from final
