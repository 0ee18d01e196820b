{#-
    Members of the region groups the openness marts aggregate over: the Yangtze belt and its three
    reaches (paper 003), the nine land-border provinces (paper 004) and the nation (all 31 provinces).
-#}
with

regions as (

    select * from {{ ref('stg_reference__regions') }}
    where region_level = 'province'

),

memberships as (

    select
        'yangtze_belt' as group_code,
        '长江经济带' as group_name,
        'Yangtze River Economic Belt' as group_name_en,
        region_code
    from regions
    where yangtze_reach is not null

    union all

    select
        'yangtze_' || yangtze_reach as group_code,
        case yangtze_reach when 'lower' then '下游地区' when 'middle' then '中游地区' else '上游地区' end
            as group_name,
        case yangtze_reach
            when 'lower' then 'Lower reach of the Yangtze belt'
            when 'middle' then 'Middle reach of the Yangtze belt'
            else 'Upper reach of the Yangtze belt'
        end as group_name_en,
        region_code
    from regions
    where yangtze_reach is not null

    union all

    select
        'land_border' as group_code,
        '沿边9省区' as group_name,
        'nine land-border provinces' as group_name_en,
        region_code
    from regions
    where is_land_border

    union all

    select
        'nation' as group_code,
        '全国31省区市' as group_name,
        'all 31 provinces' as group_name_en,
        region_code
    from regions

)

select * from memberships
