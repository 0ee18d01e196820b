{#-
    Each province in its group of every grouping of ref_region_groups: NBS's four regions and
    land-border or not (all 31 provinces), and the Yangtze reaches (the 11 belt provinces). A province
    is in the group whose ref_regions column (member_column) holds member_value.
-#}
with

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

region_groups as (

    select * from {{ ref('stg_reference__region_groups') }}

),

final as (

    select
        region_groups.grouping,
        region_groups.group_code,
        region_groups.group_name,
        region_groups.group_name_en,
        regions.region_code
    from regions
    inner join region_groups
        on
            case region_groups.member_column
                when 'macro_region' then regions.macro_region
                when 'yangtze_reach' then regions.yangtze_reach
                when 'is_land_border' then cast(regions.is_land_border as string)
            end = region_groups.member_value
    where regions.region_level = 'province'

)

select * from final
