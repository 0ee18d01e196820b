{#-
    Every relation between observed figures (macro observation_relations: sectors sum to GDP, GDP per
    capita is GDP over population) for each entity and year that has all its terms, with where each
    term comes from and whether the relation is tested:
    - terms_provenance 'all_sample' (the sample generator keeps its identities) or 'one_real_edition'
      (every term real and of one edition: the same vintage, or the same file when undated): tested,
      a row that does not hold refuses the build, naming each term's file, line and value (evidence);
    - 'real_beside_sample' (a real figure beside a sample one) or 'real_across_editions' (real figures
      of different editions, e.g. revised GDP beside sectors as first published): not tested, since
      no file is at fault; counted by rule in the refresh report and rpt_input_coverage.
-#}
{%- set relations = observation_relations() -%}
{%- set evidence_term -%}
    indicator_code || ' = ' || coalesce(printed_value, cast(value as string)) || ' ' || coalesce(printed_unit, unit)
    || ' (' || coalesce(source_file || ', line ' || cast(source_row as string), source) || ')'
{%- endset -%}
{%- set triples = [] -%}
{%- set all_terms = [] -%}
{%- for relation in relations -%}
    {%- for entity_type in relation.entity_types -%}
        {%- for term in relation.terms -%}
            {%- do triples.append([relation.rule, entity_type, term]) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for term in relation.terms if term not in all_terms -%}
        {%- do all_terms.append(term) -%}
    {%- endfor -%}
{%- endfor -%}
with

observations as (

    select * from {{ ref('int_observations_resolved') }}

),

relation_terms as (

    select
        relation_terms.rule,
        relation_terms.entity_type,
        relation_terms.indicator_code
    from (
        values
        {%- for rule, entity_type, term in triples %}
            ('{{ rule }}', '{{ entity_type }}', '{{ term }}'){{ ',' if not loop.last }}
        {%- endfor %}
    ) as relation_terms (rule, entity_type, indicator_code)

),

terms as (

    select
        relation_terms.rule,
        observations.*
    from relation_terms
    inner join observations
        on
            relation_terms.entity_type = observations.entity_type
            and relation_terms.indicator_code = observations.indicator_code

),

gathered as (

    select
        rule,
        entity_type,
        entity_code,
        year,
        {{ ordered_list('indicator_code', ['indicator_code']) }} as terms,
        {%- for term in all_terms %}
        max(value) filter (where indicator_code = '{{ term }}') as {{ term }},  -- noqa: LT02
        {%- endfor %}
        count(*) filter (where is_sample) as n_sample_terms,
        count(*) filter (where not is_sample) as n_real_terms,
        count(distinct coalesce(cast(vintage as string), source_file, source)) filter (
            where not is_sample
        ) as n_real_editions,
        {{ ordered_string_agg(evidence_term, "'; '", ['indicator_code']) }} as evidence
    from terms
    group by rule, entity_type, entity_code, year

),

complete as (

    select
        gathered.*,
        case gathered.rule
            {%- for relation in relations %}
            when '{{ relation.rule }}'  -- noqa: LT02
                then {{ list_length('gathered.terms') }} = {{ relation.terms | length }}  -- noqa: LT02
            {%- endfor %}
        end as has_every_term
    from gathered

),

sides as (

    select
        rule,
        entity_type,
        entity_code,
        year,
        terms,
        case rule
            {%- for relation in relations %}
            when '{{ relation.rule }}' then {{ relation.lhs }}  -- noqa: LT02
            {%- endfor %}
        end as lhs,
        case rule
            {%- for relation in relations %}
            when '{{ relation.rule }}' then {{ relation.rhs }}  -- noqa: LT02
            {%- endfor %}
        end as rhs,
        case rule
            {%- for relation in relations %}
            when '{{ relation.rule }}' then {{ relation.tolerance }}  -- noqa: LT02
            {%- endfor %}
        end as tolerance,
        n_sample_terms,
        n_real_terms,
        n_real_editions,
        evidence
    from complete
    where has_every_term

),

judged as (

    select
        rule,
        entity_type,
        entity_code,
        year,
        terms,
        lhs,
        rhs,
        lhs - rhs as difference,
        tolerance,
        coalesce(abs(lhs - rhs) <= tolerance, false) as holds,
        case
            when n_real_terms = 0 then 'all_sample'
            when n_sample_terms > 0 then 'real_beside_sample'
            when n_real_editions > 1 then 'real_across_editions'
            else 'one_real_edition'
        end as terms_provenance,
        evidence
    from sides

),

final as (

    select
        *,
        terms_provenance in ('all_sample', 'one_real_edition') as is_tested
    from judged

)

select * from final
