{#- The entity sets the analytic marts read (macro mart_inputs): one row per set and entity. -#}
with

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

group_members as (

    select * from {{ ref('int_region_group_members') }}

),

ports as (

    select * from {{ ref('stg_reference__ports') }}
    -- Each physical port once (a unit printed twice repeats its port's figures); none excluded for missing data.
    where port_code = physical_port_code and not is_excluded_for_missing_data

),

evaluation_units as (

    select * from ports
    where evaluation_unit is not null

),

hinterlands as (

    select * from {{ ref('stg_reference__port_hinterlands') }}

),

entity_sets as (

    select
        'provinces' as entity_set,
        'region' as entity_type,
        region_code as entity_code
    from regions
    where region_level = 'province'

    union all

    select
        'nation' as entity_set,
        'region' as entity_type,
        region_code as entity_code
    from regions
    where region_level = 'nation'

    union all

    select
        group_code as entity_set,
        'region' as entity_type,
        region_code as entity_code
    from group_members
    where group_code in ('yangtze_belt', 'land_border')

    union all

    select
        'guangxi_yunnan' as entity_set,
        'region' as entity_type,
        region_code as entity_code
    from regions
    where region_code in ('450000', '530000')

    union all

    select
        'seed000_ports' as entity_set,
        'port' as entity_type,
        port_code as entity_code
    from evaluation_units

    union all

    select
        'seed000_ports_guangxi_yunnan' as entity_set,
        'port' as entity_type,
        port_code as entity_code
    from evaluation_units
    where region_code in ('450000', '530000')

    union all

    select
        'seed000_cluster_ports' as entity_set,
        'port' as entity_type,
        port_code as entity_code
    from ports
    where cluster_code is not null

    union all

    select distinct
        'seed000_cluster_prefectures' as entity_set,
        'prefecture' as entity_type,
        prefecture_code as entity_code
    from ports
    where cluster_code is not null and prefecture_code is not null

    union all

    select distinct
        'seed002_ports' as entity_set,
        'port' as entity_type,
        port_code as entity_code
    from hinterlands

    union all

    select distinct
        'seed002_prefectures' as entity_set,
        'prefecture' as entity_type,
        prefecture_code as entity_code
    from hinterlands

)

select * from entity_sets
