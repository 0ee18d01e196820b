{#-
    Paper 003 Table 1's cells (composite openness index of each province and reach in the printed
    years), printed beside the same cells computed by the warehouse, in the paper's row order: the
    reaches from lower to upper, each reach's provinces then the reach's mean.
-#}
with

published as (

    select * from {{ ref('fct_published_yangtze_openness_index') }}

),

regions as (

    select * from {{ ref('dim_region') }}

),

provinces as (

    select * from {{ ref('fct_province_openness') }}

),

groups as (

    select * from {{ ref('fct_region_group_openness') }}

),

printed as (

    select
        published.row_label,
        published.row_type,
        published.year,
        published.value as printed_value,
        coalesce(regions.yangtze_reach, published.yangtze_reach) as yangtze_reach,
        published.region_code
    from published
    left join regions
        on published.region_code = regions.region_code
    where published.measure_code = 'composite_openness_index' and published.year is not null

),

computed as (

    select
        region_short_name as row_label,
        year,
        composite_openness_index as computed_value,
        is_sample
    from provinces
    where yangtze_reach is not null

    union all

    select
        group_name as row_label,
        year,
        composite_openness_index as computed_value,
        is_sample
    from groups
    where group_code in ('yangtze_lower', 'yangtze_middle', 'yangtze_upper')

),

final as (

    select
        printed.row_label,
        printed.row_type,
        printed.yangtze_reach,
        cast(dense_rank() over (
            order by
                case printed.yangtze_reach when 'lower' then 0 when 'middle' then 1 else 2 end,
                printed.row_type = 'reach',
                printed.row_label
        ) as bigint) as row_order,
        printed.year,
        printed.printed_value,
        computed.computed_value,
        coalesce(computed.is_sample, false) as is_sample
    from printed
    left join computed
        on
            printed.row_label = computed.row_label
            and printed.year = computed.year

)

select * from final
