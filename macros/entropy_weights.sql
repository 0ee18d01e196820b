{#-
    Entropy weight method (熵值法) in SQL, generic over any relation and indicator list.

    Arguments
    - relation: the input relation, one row per entity (and period);
    - entity_column: the entity key column; period_column: the period column or none;
    - indicators: a list of dicts {name, type, best, best_low, best_high, group}; `name` is a column
      of the relation, `type` one of
        benefit  (正向)  y = (x - min) / (max - min)
        cost     (逆向)  y = (max - x) / (max - min)
        middle   (适度, best value b)       y = 1 - |x - b| / max|x - b|
        interval (适度, best range [a, b])  y = 1 inside, else 1 - dist / max(a - min, max - b)
        score    already in [0, 1], y = x
      and `group` an optional label for partial composite scores (e.g. one system of several);
    - pooling: 'all' (one pool over every row) or 'period' (one pool per period);
    - missing: 'error' (a missing value stops the build, naming the row) or 'exclude_row' (an
      entity-period with any missing indicator leaves its pool and gets no score).
    Then p_ij = y_ij / sum_i y_ij, e_j = -sum_i p_ij ln p_ij / ln n with 0 ln 0 = 0, d_j = 1 - e_j,
    w_j = d_j / sum_j d_j, and the composite score s_i = sum_j w_j y_ij.

    Edge rules: a constant column (max = min, or no distance from the best) normalises to 1, so
    e_j = 1 and w_j = 0; a pool of one row (n = 1) has e_j = 1 for every j; when every d_j of a
    pool is 0 the weights are equal (1 / m). A column whose y sum to 0 has p_ij = 1 / n.

    entropy_weights(...) returns one row per pool and indicator; entropy_scores(...) one row per
    entity, period and indicator with the normalised value, its pool's entropy, utility and weight,
    and the composite score, so that one model of entropy_scores feeds both a weights mart and a
    scores mart (the weights are its distinct pool-indicator rows).
    The numpy reference is opening_up.methods.entropy.
-#}

{% macro _entropy_ctes(relation, entity_column, period_column, indicators, pooling, missing) %}
{%- if pooling not in ('all', 'period') -%}
    {{ exceptions.raise_compiler_error("entropy: pooling must be 'all' or 'period', not " ~ pooling) }}
{%- endif -%}
{%- if pooling == 'period' and period_column is none -%}
    {{ exceptions.raise_compiler_error("entropy: pooling 'period' needs a period_column") }}
{%- endif -%}
{%- if missing not in ('error', 'exclude_row') -%}
    {{ exceptions.raise_compiler_error("entropy: missing must be 'error' or 'exclude_row', not " ~ missing) }}
{%- endif -%}
{%- for indicator in indicators -%}
    {%- if indicator.type not in ('benefit', 'cost', 'middle', 'interval', 'score') -%}
        {{ exceptions.raise_compiler_error("entropy: unknown type " ~ indicator.type ~ " for " ~ indicator.name) }}
    {%- endif -%}
    {%- if indicator.type == 'middle' and indicator.get('best') is none -%}
        {{ exceptions.raise_compiler_error("entropy: middle-type " ~ indicator.name ~ " needs best") }}
    {%- endif -%}
    {%- if indicator.type == 'interval' and (indicator.get('best_low') is none or indicator.get('best_high') is none) -%}
        {{ exceptions.raise_compiler_error("entropy: interval-type " ~ indicator.name ~ " needs best_low and best_high") }}
    {%- endif -%}
{%- endfor %}
entropy_input as (

    select
        cast({{ entity_column }} as string) as entity,
        {% if period_column is not none %}cast({{ period_column }} as string){% else %}cast(null as string){% endif %}
            as period,
        {% if pooling == 'period' %}cast({{ period_column }} as string){% else %}'all'{% endif %} as pool_key,
        {%- for indicator in indicators %}
        cast({{ indicator.name }} as double) as {{ indicator.name }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ relation }}

),

entropy_complete as (

    select
        *,
        {%- for indicator in indicators %}
        {{ indicator.name }} is null{% if not loop.last %} or{% endif %}
        {%- endfor %}
            as has_missing
    from entropy_input

),

entropy_long as (

    {%- for indicator in indicators %}
    select
        entity,
        period,
        pool_key,
        '{{ indicator.name }}' as indicator,
        '{{ indicator.type }}' as indicator_type,
        {{ "'" ~ indicator.group ~ "'" if indicator.get('group') is not none else 'cast(null as string)' }}
            as indicator_group,
        cast({{ indicator.get('best') if indicator.get('best') is not none else 'null' }} as double)
            as best_value,
        cast({{ indicator.get('best_low') if indicator.get('best_low') is not none else 'null' }} as double)
            as best_low,
        cast({{ indicator.get('best_high') if indicator.get('best_high') is not none else 'null' }} as double)
            as best_high,
        {%- if missing == 'error' %}
        case
            when {{ indicator.name }} is null
                then {{ raise_error("'entropy: missing " ~ indicator.name ~ " for entity ' || entity || coalesce(', period ' || period, '')") }}
            else {{ indicator.name }}
        end as raw_value
        {%- else %}
        {{ indicator.name }} as raw_value
        {%- endif %}
    from entropy_complete
    {% if missing == 'exclude_row' %}where not has_missing{% endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

entropy_ranges as (

    select
        *,
        min(raw_value) over pool_indicator as min_value,
        max(raw_value) over pool_indicator as max_value,
        max(abs(raw_value - best_value)) over pool_indicator as max_distance_from_best,
        count(*) over pool_indicator as n_rows
    from entropy_long
    window pool_indicator as (partition by pool_key, indicator)

),

entropy_normalized as (

    select
        *,
        case indicator_type
            when 'benefit' then
                case when max_value = min_value then 1.0 else (raw_value - min_value) / (max_value - min_value) end
            when 'cost' then
                case when max_value = min_value then 1.0 else (max_value - raw_value) / (max_value - min_value) end
            when 'middle' then
                case
                    when max_distance_from_best = 0 then 1.0
                    else 1 - abs(raw_value - best_value) / max_distance_from_best
                end
            when 'interval' then
                case
                    when greatest(best_low - min_value, max_value - best_high) <= 0 then 1.0
                    else 1 - (greatest(best_low - raw_value, 0) + greatest(raw_value - best_high, 0))
                        / greatest(best_low - min_value, max_value - best_high)
                end
            when 'score' then raw_value
        end as normalized_value
    from entropy_ranges

),

entropy_shares as (

    select
        *,
        case
            when sum(normalized_value) over pool_indicator > 0
                then normalized_value / sum(normalized_value) over pool_indicator
            else cast(1 as double) / n_rows
        end as share
    from entropy_normalized
    window pool_indicator as (partition by pool_key, indicator)

),

entropy_by_indicator as (

    select
        pool_key,
        indicator,
        indicator_type,
        indicator_group,
        count(*) as n_rows,
        case
            when count(*) = 1 then 1.0
            else -sum(case when share > 0 then share * ln(share) else 0 end) / ln(count(*))
        end as entropy
    from entropy_shares
    group by pool_key, indicator, indicator_type, indicator_group

),

entropy_weights as (

    select
        pool_key,
        indicator,
        indicator_type,
        indicator_group,
        n_rows,
        entropy,
        1 - entropy as utility,
        case
            when sum(1 - entropy) over (partition by pool_key) > 0
                then (1 - entropy) / sum(1 - entropy) over (partition by pool_key)
            else cast(1 as double) / count(*) over (partition by pool_key)
        end as weight
    from entropy_by_indicator

)
{% endmacro %}


{% macro entropy_weights(relation, entity_column, period_column, indicators, pooling='all', missing='error') %}
with
{{ _entropy_ctes(relation, entity_column, period_column, indicators, pooling, missing) }}

select
    pool_key,
    indicator,
    indicator_type,
    indicator_group,
    n_rows,
    entropy,
    utility,
    weight
from entropy_weights
{% endmacro %}


{% macro entropy_scores(relation, entity_column, period_column, indicators, pooling='all', missing='error') %}
with
{{ _entropy_ctes(relation, entity_column, period_column, indicators, pooling, missing) }},

entropy_scored as (

    select
        entropy_normalized.entity,
        entropy_normalized.period,
        entropy_normalized.pool_key,
        entropy_normalized.indicator,
        entropy_normalized.indicator_type,
        entropy_normalized.indicator_group,
        entropy_normalized.raw_value,
        entropy_normalized.normalized_value,
        entropy_weights.n_rows,
        entropy_weights.entropy,
        entropy_weights.utility,
        entropy_weights.weight,
        entropy_weights.weight * entropy_normalized.normalized_value as weighted_value
    from entropy_normalized
    inner join entropy_weights
        on
            entropy_normalized.pool_key = entropy_weights.pool_key
            and entropy_normalized.indicator = entropy_weights.indicator

)

select
    *,
    sum(weighted_value) over (partition by pool_key, entity, period) as composite_score
from entropy_scored
{% endmacro %}
