{#-
    The precedence of candidate observations, written once: int_observations_unioned ranks the
    warehouse's candidates with it, int_observations_resolved keeps the first, and the scale
    benchmark's models do the same with its synthetic rows added.
-#}
{#- Each candidate of `relation` (observation columns and source_priority) with its rank within
    (entity, year, indicator): real before sample, then newer vintage before older (no vintage last),
    then source_priority, source and row; and the number of candidates. -#}
{% macro rank_by_precedence(relation) %}
    select
        *,
        row_number() over (
            partition by entity_type, entity_code, year, indicator_code
            order by is_sample asc, vintage desc nulls last, source_priority asc, source asc, source_row asc
        ) as precedence_rank,
        count(*) over (
            partition by entity_type, entity_code, year, indicator_code
        ) as n_candidates
    from {{ relation }}
{% endmacro %}

{#- The first candidate of each (entity, year, indicator) of the ranked `relation`. -#}
{% macro first_by_precedence(relation) %}
with

ranked as (

    select * from {{ relation }}

),

resolved as (

    select
        {{ observation_columns() }},
        n_candidates
    from ranked
    where precedence_rank = 1

)

select * from resolved
{% endmacro %}
