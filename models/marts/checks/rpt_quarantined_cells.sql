{#-
    Cells of the shipped real sources refused by a plausibility rule, one row per cell, with the rules
    it broke: the merged panel's (int_merged_panel_checks), the provincial accounts'
    (int_provincial_accounts_checks) and the national series' (int_national_series_checks).
-#}
with

checked as (

    select * from {{ ref('int_merged_panel_checks') }}

),

accounts_checked as (

    select * from {{ ref('int_provincial_accounts_checks') }}

),

national_checked as (

    select * from {{ ref('int_national_series_checks') }}

),

quarantined as (

    select
        source,
        source_file,
        source_row,
        source_cell,
        source_column,
        entity_type,
        entity_code,
        printed_entity_name,
        year,
        indicator_code,
        printed_value,
        printed_unit,
        value,
        unit,
        split_part(rules_broken, ', ', 1) as rule,
        rules_broken,
        concat_ws(
            '; ',
            'ratio to the previous year ' || round(ratio_to_previous, 2)::varchar,
            'to the next year ' || round(ratio_to_next, 2)::varchar,
            'median province ratios ' || round(median_ratio_to_previous, 2)::varchar
            || ' and ' || round(median_ratio_to_next, 2)::varchar,
            'portal export ' || export_value::varchar
        ) as detail
    from checked
    where is_quarantined

    union all

    select
        source,
        source_file,
        source_row,
        -- The canonical long CSV's value column (entity_type, entity_name, year, indicator_name, unit, value).
        'F' as source_cell,
        'value (' || printed_indicator_name || ')' as source_column,
        entity_type,
        entity_code,
        printed_entity_name,
        year,
        indicator_code,
        printed_value,
        printed_unit,
        value,
        unit,
        split_part(rules_broken, ', ', 1) as rule,
        rules_broken,
        concat_ws(
            '; ',
            'sum of the three sectors ' || round(sector_sum, 2)::varchar,
            'merged panel GDP as first published ' || first_published_gdp::varchar
        ) as detail
    from accounts_checked
    where is_quarantined

    union all

    select
        source,
        source_file,
        source_row,
        -- The file's value column (china_national_series.csv: series_code, ..., year, value, ...).
        'E' as source_cell,
        'value (series ' || printed_indicator_name || ')' as source_column,
        entity_type,
        entity_code,
        printed_entity_name,
        year,
        indicator_code,
        printed_value,
        printed_unit,
        value,
        unit,
        split_part(rules_broken, ', ', 1) as rule,
        rules_broken,
        concat_ws(
            '; ',
            'PWT 10.01 xr ' || pwt_rate::varchar,
            'FRED AEXCHUS ' || fred_rate::varchar,
            'GDP / population ' || round(gdp_over_population, 2)::varchar
        ) as detail
    from national_checked
    where is_quarantined

)

select * from quarantined
