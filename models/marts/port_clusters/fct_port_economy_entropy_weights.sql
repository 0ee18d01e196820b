{#- Paper 000 Table 4 recomputed: entropy, utility and weight of the eight port-economy indicators. -#}
with

weights as (

    select distinct
        indicator_group,
        indicator,
        indicator_type,
        pool_key,
        n_rows,
        entropy,
        utility,
        weight
    from {{ ref('int_port_economy_entropy') }}

),

systems as (

    select bool_or(is_sample) as is_sample
    from {{ ref('int_port_economy_systems') }}

),

final as (

    select
        case weights.indicator_group when 'gx' then 'guangxi' else 'yunnan' end as system_code,
        case weights.indicator_group when 'gx' then '450000' else '530000' end as region_code,
        substr(weights.indicator, 4) as item_code,
        weights.indicator,
        weights.indicator_type,
        weights.pool_key,
        weights.n_rows as n_years,
        weights.entropy,
        weights.utility,
        weights.weight,
        systems.is_sample
    from weights
    cross join systems

)

select * from final
