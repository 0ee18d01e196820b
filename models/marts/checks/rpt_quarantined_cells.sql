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
            'ratio to the previous year ' || cast(round(ratio_to_previous, 2) as string),
            'to the next year ' || cast(round(ratio_to_next, 2) as string),
            'median province ratios ' || cast(round(median_ratio_to_previous, 2) as string)
            || ' and ' || cast(round(median_ratio_to_next, 2) as string),
            'portal export ' || cast(export_value as string)
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
            'sum of the three sectors ' || cast(round(sector_sum, 2) as string),
            'merged panel GDP as first published ' || cast(first_published_gdp as string)
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
            'PWT 10.01 xr ' || cast(pwt_rate as string),
            'FRED AEXCHUS ' || cast(fred_rate as string),
            'GDP / population ' || cast(round(gdp_over_population, 2) as string)
        ) as detail
    from national_checked
    where is_quarantined

)

select * from quarantined
