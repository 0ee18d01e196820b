with

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

aliases as (

    select
        indicator_code,
        {{ ordered_string_agg('indicator_alias', "' | '", ['indicator_alias']) }} as aliases
    from {{ ref('stg_reference__indicator_aliases') }}
    group by indicator_code

),

units as (

    select
        canonical_unit,
        {{ ordered_string_agg(
            "unit_alias || ' x ' || " ~ decimal_text('factor'), "' | '", ['-factor', 'unit_alias']
        ) }} as unit_aliases
    from {{ ref('stg_reference__unit_conversions') }}
    group by canonical_unit

),

final as (

    select
        indicators.indicator_code,
        indicators.indicator_name,
        indicators.indicator_name_en,
        indicators.canonical_unit,
        units.unit_aliases,
        indicators.entity_types,
        indicators.is_non_negative,
        indicators.used_by,
        aliases.aliases
    from indicators
    left join aliases
        on indicators.indicator_code = aliases.indicator_code
    left join units
        on indicators.canonical_unit = units.canonical_unit

)

select * from final
