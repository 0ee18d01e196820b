{#-
    What is still sample or missing, as downloads: one row per indicator and entity scope (provinces,
    the nation, prefectures, ports) with the non-real cells the marts read, where to get the figures
    (the NBS data portal's database, menu path and the 指标 line as its export prints it, or the
    yearbook, its table and the layout the loader reads), in download order: needs of the marts
    closest to real first, and how many marts each download (after those above it) makes fully real.
    Cells no file can make real get lines of their own, last, saying why (why_no_file): cells a mart
    reads from a paper's printed table, and years after the last a source publishes.
-#}
with

sources as (

    select * from {{ ref('stg_reference__indicator_sources') }}

),

cells as (

    select
        coverage_cells.mart,
        coverage_cells.indicator_code,
        coverage_cells.entity_scope,
        coverage_cells.entity_code,
        coverage_cells.year,
        coverage_cells.cell_status,
        case
            when coverage_cells.reads = 'papers'
                then
                    {{ text_literal(
                        "the mart reproduces a paper's printed table, which prints no figure for these cells: "
                        ~ "no yearbook file changes what the paper printed"
                    ) }}
            when coverage_cells.year > sources.last_published_year
                then sources.why_none_after
        end as why_no_file
    from {{ ref('int_coverage_input_cells') }} as coverage_cells
    left join sources
        on
            coverage_cells.indicator_code = sources.indicator_code
            and coverage_cells.entity_scope = sources.entity_scope
    where coverage_cells.cell_status <> 'real'

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

all_marts as (

    select count(distinct mart) as n_marts
    from {{ ref('int_coverage_input_cells') }}

),

needs_per_mart as (

    select
        mart,
        count(distinct indicator_code || '|' || entity_scope || '|' || coalesce(why_no_file, '')) as n_needs
    from cells
    group by mart

),

marts_of_need as (

    select distinct
        cells.indicator_code,
        cells.entity_scope,
        cells.why_no_file,
        cells.mart,
        needs_per_mart.n_needs
    from cells
    inner join needs_per_mart
        on cells.mart = needs_per_mart.mart

),

mart_counts as (

    select
        indicator_code,
        entity_scope,
        why_no_file,
        count(*) as n_marts_needing,
        -- Needs of the marts closest to real come first.
        min(n_needs) as fewest_needs_of_its_marts,
        {{ ordered_string_agg('mart', "', '", ['mart']) }} as marts
    from marts_of_need
    group by indicator_code, entity_scope, why_no_file

),

cell_counts as (

    select
        indicator_code,
        entity_scope,
        why_no_file,
        count(distinct entity_code) as n_entities,
        cast(min(year) as bigint) as first_year,
        cast(max(year) as bigint) as last_year,
        count(distinct entity_code || '|' || cast(year as string)) as n_cells,
        count(distinct entity_code || '|' || cast(year as string)) filter (where cell_status = 'sample') as n_sample,
        count(distinct entity_code || '|' || cast(year as string)) filter (where cell_status = 'missing') as n_missing
    from cells
    group by indicator_code, entity_scope, why_no_file

),

ranked as (

    select
        cell_counts.*,
        mart_counts.n_marts_needing,
        mart_counts.marts,
        cast(row_number() over (
            order by
                cell_counts.why_no_file is not null asc,
                mart_counts.fewest_needs_of_its_marts asc,
                mart_counts.n_marts_needing desc,
                cell_counts.n_cells desc,
                cell_counts.indicator_code asc,
                cell_counts.entity_scope asc
        ) as bigint) as need_rank
    from cell_counts
    inner join mart_counts
        on
            cell_counts.indicator_code = mart_counts.indicator_code
            and cell_counts.entity_scope = mart_counts.entity_scope
            and cell_counts.why_no_file is not distinct from mart_counts.why_no_file

),

-- A mart becomes fully real with the last of its needs in download order.
mart_completion as (

    select
        marts_of_need.mart,
        max(ranked.need_rank) as completed_at_rank
    from marts_of_need
    inner join ranked
        on
            marts_of_need.indicator_code = ranked.indicator_code
            and marts_of_need.entity_scope = ranked.entity_scope
            and marts_of_need.why_no_file is not distinct from ranked.why_no_file
    group by marts_of_need.mart

),

completions as (

    select
        ranked.need_rank,
        count(mart_completion.mart) as n_marts_made_fully_real
    from ranked
    left join mart_completion
        on ranked.need_rank = mart_completion.completed_at_rank
    group by ranked.need_rank

),

final as (

    select
        ranked.need_rank,
        ranked.indicator_code,
        indicators.indicator_name,
        indicators.indicator_name_en,
        ranked.entity_scope,
        ranked.n_entities,
        ranked.first_year,
        ranked.last_year,
        ranked.n_cells,
        ranked.n_sample,
        ranked.n_missing,
        ranked.n_marts_needing,
        completions.n_marts_made_fully_real,
        cast((
            (select all_marts.n_marts from all_marts) - (select count(*) from mart_completion)
            + sum(completions.n_marts_made_fully_real) over (order by ranked.need_rank)
        ) as integer) as n_marts_fully_real_after,
        ranked.marts,
        sources.loads_as,
        sources.nbs_database,
        sources.nbs_menu_path,
        sources.export_indicator_line,
        sources.export_unit,
        sources.other_source,
        sources.seen_in,
        sources.yearbook,
        sources.yearbook_table,
        sources.table_layout,
        sources.table_header,
        sources.table_unit,
        ranked.why_no_file
    from ranked
    inner join completions
        on ranked.need_rank = completions.need_rank
    inner join indicators
        on ranked.indicator_code = indicators.indicator_code
    left join sources
        on
            ranked.indicator_code = sources.indicator_code
            and ranked.entity_scope = sources.entity_scope

)

select * from final
