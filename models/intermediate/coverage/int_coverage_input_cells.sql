{#-
    Every cell an analytic mart reads (macro mart_inputs: mart, indicator, entity, year) with its
    status: real when the observation it reads (or its alternative) is real, sample when only sample
    data fills it, missing when nothing does. Marts that read the papers' printed figures only are
    judged on those (int_observations_from_papers), the others on the resolved observations.
-#}
{%- set inputs = mart_inputs() -%}
with

declared as (

    select declared_inputs.*
    from (
        values
        {%- for input in inputs %}
            (
                '{{ input.mart }}',
                '{{ input.indicator_code }}',
                {{ "'" ~ input.alternative_indicator_code ~ "'" if input.alternative_indicator_code else 'null' }},
                '{{ input.entity_set }}',
                '{{ input.reads }}',
                {{ input.first_year }},
                {{ input.last_year }}
            ){{ ',' if not loop.last }}
        {%- endfor %}
    ) as declared_inputs (mart, indicator_code, alternative_indicator_code, entity_set, reads, first_year, last_year)

),

entity_sets as (

    select * from {{ ref('int_coverage_entity_sets') }}

),

observations as (

    select
        'observations' as reads,
        entity_type,
        entity_code,
        year,
        indicator_code,
        is_sample
    from {{ ref('int_observations_resolved') }}

    union all

    select
        'papers' as reads,
        entity_type,
        entity_code,
        year,
        indicator_code,
        is_sample
    from {{ ref('int_observations_from_papers') }}

),

unchecked_relations as (

    -- Each term of a relation left untested (a real figure beside a sample one, real figures of two
    -- editions), with the rule and why.
    select
        entity_type,
        entity_code,
        year,
        {{ unnest_list('terms') }} as indicator_code,
        rule || ' (' || terms_provenance || ')' as relation
    from {{ ref('int_observation_relations') }}
    where not is_tested

),

relations_by_cell as (

    select
        entity_type,
        entity_code,
        year,
        indicator_code,
        {{ ordered_string_agg('relation', "', '", ['relation']) }} as unchecked_relations
    from unchecked_relations
    group by entity_type, entity_code, year, indicator_code

),

cells as (

    select
        declared.mart,
        declared.indicator_code,
        declared.alternative_indicator_code,
        declared.entity_set,
        declared.reads,
        declared.first_year,
        declared.last_year,
        entity_sets.entity_type,
        entity_sets.entity_code,
        {{ integer_series('declared.first_year', 'declared.last_year') }} as year
    from declared
    inner join entity_sets
        on declared.entity_set = entity_sets.entity_set

),

judged as (

    select
        cells.*,
        case
            when cells.entity_type = 'region' and cells.entity_code = '000000' then 'nation'
            when cells.entity_type = 'region' then 'provinces'
            when cells.entity_type = 'prefecture' then 'prefectures'
            else 'ports'
        end as entity_scope,
        case
            when not primary_cell.is_sample or not alternative_cell.is_sample then 'real'
            when primary_cell.is_sample or alternative_cell.is_sample then 'sample'
            else 'missing'
        end as cell_status,
        relations_by_cell.unchecked_relations
    from cells
    left join observations as primary_cell
        on
            cells.reads = primary_cell.reads
            and cells.entity_type = primary_cell.entity_type
            and cells.entity_code = primary_cell.entity_code
            and cells.year = primary_cell.year
            and cells.indicator_code = primary_cell.indicator_code
    left join observations as alternative_cell
        on
            cells.reads = alternative_cell.reads
            and cells.entity_type = alternative_cell.entity_type
            and cells.entity_code = alternative_cell.entity_code
            and cells.year = alternative_cell.year
            and cells.alternative_indicator_code = alternative_cell.indicator_code
    left join relations_by_cell
        on
            cells.reads = 'observations'
            and cells.entity_type = relations_by_cell.entity_type
            and cells.entity_code = relations_by_cell.entity_code
            and cells.year = relations_by_cell.year
            and cells.indicator_code = relations_by_cell.indicator_code

)

select * from judged
