{#- How real each analytic mart is: per mart and input, the cells it reads that are real, sample or missing. -#}
with

cells as (

    select * from {{ ref('int_coverage_input_cells') }}

),

indicators as (

    select * from {{ ref('stg_reference__indicators') }}

),

counted as (

    select
        mart,
        indicator_code,
        alternative_indicator_code,
        entity_set,
        first_year,
        last_year,
        count(distinct entity_code) as n_entities,
        count(*) as n_cells,
        count(*) filter (where cell_status = 'real') as n_real,
        count(*) filter (where cell_status = 'sample') as n_sample,
        count(*) filter (where cell_status = 'missing') as n_missing,
        count(*) filter (where unchecked_relations is not null) as n_relations_unchecked
    from cells
    group by
        mart,
        indicator_code,
        alternative_indicator_code,
        entity_set,
        first_year,
        last_year

),

relation_counts as (

    select
        mart,
        indicator_code,
        entity_set,
        relation,
        count(*) as n_cells
    from (
        select
            mart,
            indicator_code,
            entity_set,
            {{ split_to_rows('unchecked_relations', ', ') }} as relation
        from cells
        where unchecked_relations is not null
    ) as cell_relations
    group by mart, indicator_code, entity_set, relation

),

relations as (

    select
        mart,
        indicator_code,
        entity_set,
        {{ ordered_string_agg("relation || ': ' || cast(n_cells as string)", "'; '", ['relation']) }}
            as relations_unchecked
    from relation_counts
    group by mart, indicator_code, entity_set

),

final as (

    select
        counted.mart,
        counted.indicator_code,
        indicators.indicator_name,
        indicators.indicator_name_en,
        counted.alternative_indicator_code,
        counted.entity_set,
        counted.first_year,
        counted.last_year,
        counted.n_entities,
        counted.n_cells,
        counted.n_real,
        counted.n_sample,
        counted.n_missing,
        counted.n_relations_unchecked,
        relations.relations_unchecked,
        counted.n_real / counted.n_cells as real_share,
        sum(counted.n_real) over (partition by counted.mart)
        / sum(counted.n_cells) over (partition by counted.mart) as mart_real_share
    from counted
    inner join indicators
        on counted.indicator_code = indicators.indicator_code
    left join relations
        on
            counted.mart = relations.mart
            and counted.indicator_code = relations.indicator_code
            and counted.entity_set = relations.entity_set

)

select * from final
