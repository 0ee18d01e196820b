with

ports as (

    select * from {{ ref('stg_reference__ports') }}

),

regions as (

    select * from {{ ref('stg_reference__regions') }}

),

prefectures as (

    select * from {{ ref('stg_reference__prefectures') }}

),

aliases as (

    select
        port_code,
        {{ ordered_string_agg('port_alias', "' | '", ['port_alias']) }} as aliases
    from {{ ref('stg_reference__port_aliases') }}
    group by port_code

),

name_counts as (

    select
        port_name,
        count(*) as n_units_with_name,
        {{ ordered_string_agg("'X' || cast(evaluation_unit as string)", "', '", ['evaluation_unit']) }}
            as units_with_name
    from ports
    where evaluation_unit is not null
    group by port_name

),

final as (

    select
        ports.port_code,
        ports.evaluation_unit,
        case when ports.evaluation_unit is not null then 'X' || cast(ports.evaluation_unit as string) end
            as evaluation_unit_label,
        ports.port_name,
        ports.port_name_en,
        coalesce(name_counts.n_units_with_name > 1, false) as is_duplicate_name,
        ports.physical_port_code,
        ports.port_code = ports.physical_port_code as is_counted_in_sums,
        case when name_counts.n_units_with_name > 1 then name_counts.units_with_name end
            as duplicate_name_units,
        ports.region_code,
        regions.region_short_name,
        ports.prefecture_code,
        prefectures.prefecture_name,
        ports.port_mode,
        ports.port_mode_basis,
        ports.neighbour_country,
        ports.neighbour_country_en,
        ports.port_class,
        ports.cluster_code,
        ports.cluster_name,
        ports.cluster_name_en,
        ports.evaluation_unit is not null as is_evaluation_unit,
        ports.is_excluded_for_missing_data,
        ports.source_doc,
        ports.note,
        aliases.aliases
    from ports
    inner join regions
        on ports.region_code = regions.region_code
    left join prefectures
        on ports.prefecture_code = prefectures.prefecture_code
    left join name_counts
        on
            ports.port_name = name_counts.port_name
            and ports.evaluation_unit is not null
    left join aliases
        on ports.port_code = aliases.port_code

)

select * from final
