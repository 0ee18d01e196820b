with

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

tile_grid as (

    select * from {{ ref('stg_reference__region_tile_grid') }}

),

aliases as (

    select
        region_code,
        {{ ordered_string_agg('region_alias', "' | '", ['region_alias']) }} as aliases
    from {{ ref('stg_reference__region_aliases') }}
    group by region_code

),

final as (

    select
        regions.region_code,
        regions.region_name,
        regions.region_short_name,
        regions.region_name_en,
        regions.region_level,
        regions.macro_region,
        regions.is_land_border,
        regions.yangtze_reach,
        regions.yangtze_reach is not null as is_yangtze_belt,
        aliases.aliases,
        tile_grid.tile_column,
        tile_grid.tile_row
    from regions
    left join aliases
        on regions.region_code = aliases.region_code
    left join tile_grid
        on regions.region_code = tile_grid.region_code

)

select * from final
