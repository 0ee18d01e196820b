{#- `make bench-scale` only: the synthetic units in four groups (as NBS's four regions), by their code. -#}
with

units as (

    select distinct region_code from {{ ref('int_scale_disparity_inputs') }}

),

final as (

    select
        'scale_groups' as grouping,
        'g' || cast(hash(region_code) % 4 as string) as group_code,
        region_code
    from units

)

select * from final
