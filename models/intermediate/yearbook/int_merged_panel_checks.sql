{#-
    Every cell of the shipped merged panel with the plausibility rules it breaks (var merged_panel_checks):
    - year_jumps_and_returns: the median province's ratio to both the previous and the next year is
      above year_jump_ratio (or below its inverse): the whole year of the column is out of line (the
      panel's 2006 trade, up 2-9x on 2005 and back in 2007);
    - cell_jumps_and_returns: the cell is above cell_jump_ratio times both neighbouring years (or
      below their inverse);
    - not_as_printed: more decimals than printed_decimals (e.g. 四川 2006 trade 3110468.965 万美元);
    - disagrees_with_portal_export: differs from the shipped NBS export's cell by more than half a
      unit of the export's last printed digit;
    - out_of_range: a percentage outside 0-100.
    A cell breaking any rule is quarantined: it is not loaded and rpt_quarantined_cells lists it.
-#}
{%- set checks = checked_var('merged_panel_checks') -%}
with

observations as (

    select * from {{ ref('int_merged_panel_observations') }}

),

raw_rows as (

    select * from {{ ref('stg_yearbook__merged_panel_cells') }}

),

export_cells as (

    select
        entity_code,
        year,
        indicator_code,
        value as export_value,
        -- Half a unit of the last printed digit, in the canonical unit.
        0.5 * pow(10, -length(coalesce(nullif(split_part(printed_value, '.', 2), ''), '')))
        * conversion_factor as export_rounding
    from {{ ref('int_shipped_export_observations') }}
    where value is not null

),

neighbours as (

    select
        *,
        value / nullif(lag(value) over (by_series), 0) as ratio_to_previous,
        value / nullif(lead(value) over (by_series), 0) as ratio_to_next,
        lag(year) over (by_series) = year - 1 as has_previous_year,
        lead(year) over (by_series) = year + 1 as has_next_year
    from observations
    where value is not null
    window by_series as (partition by entity_type, entity_code, indicator_code order by year)

),

year_ratios as (

    select
        indicator_code,
        year,
        {{ median('ratio_to_previous', filter='has_previous_year') }} as median_ratio_to_previous,
        {{ median('ratio_to_next', filter='has_next_year') }} as median_ratio_to_next
    from neighbours
    group by indicator_code, year

),

judged as (

    select
        neighbours.*,
        export_cells.export_value,
        coalesce(
            year_ratios.median_ratio_to_previous > {{ checks.year_jump_ratio }}
            and year_ratios.median_ratio_to_next > {{ checks.year_jump_ratio }}
            or year_ratios.median_ratio_to_previous < cast(1 as double) / {{ checks.year_jump_ratio }}
            and year_ratios.median_ratio_to_next < cast(1 as double) / {{ checks.year_jump_ratio }},
            false
        ) as breaks_year_jump,
        coalesce(
            neighbours.has_previous_year and neighbours.has_next_year
            and (
                neighbours.ratio_to_previous > {{ checks.cell_jump_ratio }}
                and neighbours.ratio_to_next > {{ checks.cell_jump_ratio }}
                or neighbours.ratio_to_previous < cast(1 as double) / {{ checks.cell_jump_ratio }}
                and neighbours.ratio_to_next < cast(1 as double) / {{ checks.cell_jump_ratio }}
            ),
            false
        ) as breaks_cell_jump,
        abs(
            round(try_cast(neighbours.printed_value as double), {{ checks.printed_decimals }})
            - try_cast(neighbours.printed_value as double)
        ) > 1e-6 as breaks_printed_decimals,
        coalesce(
            abs(neighbours.value - export_cells.export_value) > export_cells.export_rounding + 1e-9, false
        ) as breaks_export_agreement,
        neighbours.unit = '%' and (neighbours.value < 0 or neighbours.value > 100) as breaks_range,
        year_ratios.median_ratio_to_previous,
        year_ratios.median_ratio_to_next
    from neighbours
    left join year_ratios
        on
            neighbours.indicator_code = year_ratios.indicator_code
            and neighbours.year = year_ratios.year
    left join export_cells
        on
            neighbours.entity_code = export_cells.entity_code
            and neighbours.year = export_cells.year
            and neighbours.indicator_code = export_cells.indicator_code

),

final as (

    select
        {{ observation_columns('judged') }},
        raw_rows.source_cell,
        raw_rows.source_column,
        judged.export_value,
        judged.ratio_to_previous,
        judged.ratio_to_next,
        judged.median_ratio_to_previous,
        judged.median_ratio_to_next,
        nullif(concat_ws(
            ', ',
            case when judged.breaks_year_jump then 'year_jumps_and_returns' end,
            case when judged.breaks_cell_jump then 'cell_jumps_and_returns' end,
            case when judged.breaks_printed_decimals then 'not_as_printed' end,
            case when judged.breaks_export_agreement then 'disagrees_with_portal_export' end,
            case when judged.breaks_range then 'out_of_range' end
        ), '') as rules_broken
    from judged
    inner join raw_rows
        on
            judged.source_row = raw_rows.source_row
            and judged.indicator_code = raw_rows.indicator_code

),

flagged as (

    select
        *,
        rules_broken is not null as is_quarantined
    from final

)

select * from flagged
