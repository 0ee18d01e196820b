with

prefectures as (

    select * from {{ ref('stg_reference__prefectures') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

aliases as (

    select
        prefecture_code,
        {{ ordered_string_agg('prefecture_alias', "' | '", ['prefecture_alias']) }} as aliases
    from {{ ref('stg_reference__prefecture_aliases') }}
    group by prefecture_code

),

final as (

    select
        prefectures.prefecture_code,
        prefectures.prefecture_name,
        prefectures.prefecture_short_name,
        prefectures.prefecture_name_en,
        prefectures.region_code,
        regions.region_short_name,
        aliases.aliases
    from prefectures
    inner join regions
        on prefectures.region_code = regions.region_code
    left join aliases
        on prefectures.prefecture_code = aliases.prefecture_code

)

select * from final
