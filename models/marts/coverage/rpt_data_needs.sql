{#-
    What is still sample or missing, as downloads: one row per indicator and entity scope (provinces,
    the nation, prefectures, ports) with the non-real cells the marts read, where to get the figures
    (the NBS data portal's database, menu path and the 指标 line as its export prints it, or the
    yearbook that publishes them), in download order: needs of the marts closest to real first, and
    how many marts each download (after those above it) makes fully real.
-#}
with

cells as (

    select * from {{ ref('int_coverage_input_cells') }}
    where cell_status <> 'real'

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

sources as (

    select * from {{ ref('stg_reference__indicator_sources') }}

),

all_marts as (

    select count(distinct mart) as n_marts
    from {{ ref('int_coverage_input_cells') }}

),

needs_per_mart as (

    select
        mart,
        count(distinct indicator_code || '|' || entity_scope) as n_needs
    from cells
    group by mart

),

marts_of_need as (

    select distinct
        cells.indicator_code,
        cells.entity_scope,
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
        count(*) as n_marts_needing,
        -- Needs of the marts closest to real come first.
        min(n_needs) as fewest_needs_of_its_marts,
        string_agg(mart, ', ' order by mart) as marts
    from marts_of_need
    group by indicator_code, entity_scope

),

cell_counts as (

    select
        indicator_code,
        entity_scope,
        count(distinct entity_code) as n_entities,
        min(year) as first_year,
        max(year) as last_year,
        count(distinct entity_code || '|' || year::varchar) as n_cells,
        count(distinct entity_code || '|' || year::varchar) filter (where cell_status = 'sample') as n_sample,
        count(distinct entity_code || '|' || year::varchar) filter (where cell_status = 'missing') as n_missing
    from cells
    group by indicator_code, entity_scope

),

ranked as (

    select
        cell_counts.*,
        mart_counts.n_marts_needing,
        mart_counts.marts,
        row_number() over (
            order by
                mart_counts.fewest_needs_of_its_marts asc,
                mart_counts.n_marts_needing desc,
                cell_counts.n_cells desc,
                cell_counts.indicator_code asc,
                cell_counts.entity_scope asc
        ) as need_rank
    from cell_counts
    inner join mart_counts
        on
            cell_counts.indicator_code = mart_counts.indicator_code
            and cell_counts.entity_scope = mart_counts.entity_scope

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
        (
            (select all_marts.n_marts from all_marts) - (select count(*) from mart_completion)
            + sum(completions.n_marts_made_fully_real) over (order by ranked.need_rank)
        )::integer as n_marts_fully_real_after,
        ranked.marts,
        sources.nbs_database,
        sources.nbs_menu_path,
        sources.export_indicator_line,
        sources.export_unit,
        sources.other_source,
        sources.seen_in
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
