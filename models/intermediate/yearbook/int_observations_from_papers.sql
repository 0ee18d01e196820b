{#-
    Real observations transcribed from the papers: paper 004 Tables 1-4 give each land-border
    province's and the nation's trade, utilised FDI, outward investment and inbound tourism,
    2017-2021. Totals and shares are not observations and stay in the published marts.
-#}
with

border_opening as (

    select * from {{ ref('stg_papers__border_opening') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

units as (

    select * from {{ ref('stg_reference__unit_conversions') }}

),

converted as (

    select
        'region' as entity_type,
        border_opening.region_code as entity_code,
        border_opening.year,
        border_opening.indicator_code,
        round(border_opening.value * units.factor, 10) as value,
        indicators.canonical_unit as unit,
        border_opening.source_doc || ' ' || border_opening.source_table as source,
        'seeds/published/border_opening/pub_border_opening.csv' as source_file,
        cast(null as integer) as source_row,
        cast(null as integer) as vintage,
        false as is_sample,
        border_opening.row_label as printed_entity_name,
        border_opening.indicator_code as printed_indicator_name,
        border_opening.unit as printed_unit,
        border_opening.printed_value,
        units.factor as conversion_factor
    from border_opening
    inner join indicators
        on border_opening.indicator_code = indicators.indicator_code
    left join units
        on
            border_opening.unit = units.unit_alias
            and indicators.canonical_unit = units.canonical_unit
    where
        border_opening.row_type in ('province', 'national')
        and border_opening.value is not null

)

select * from converted
