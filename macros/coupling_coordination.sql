{#-
    Coupling coordination (耦合协调度) of n systems in SQL, generic over any relation.

    Arguments
    - relation: one row per unit of observation (e.g. year), carrying the systems' scores u_i;
    - key_columns: the columns identifying a row, passed through;
    - systems: a list of dicts {score: <column>, weight: <a_i>} with the weights summing to 1.
    Returns the key columns, the scores, T = sum_i a_i u_i and, side by side,
      c_printed   paper 000: C = sqrt(u1 u2) / (u1 + u2) (two systems only; at most 0.5),
      c_standard  C = n (prod u_i)^(1/n) / sum u_i,
      c_wang2021  Wang et al. (2021, 自然资源学报 36(3)):
                  C = sqrt([1 - sum_{i>j} |u_i - u_j| / sum_{m=1}^{n-1} m] * [prod_i (u_i / max u)]^(1/(n-1))),
    and D = sqrt(C T) for each. C is null where the scores sum to 0. The numpy reference is
    opening_up.methods.coupling.
-#}
{% macro coupling_coordination(relation, key_columns, systems) %}
{%- set n = systems | length -%}
{%- if n < 2 -%}
    {{ exceptions.raise_compiler_error("coupling: needs at least two systems") }}
{%- endif -%}
{%- set weight_sum = systems | sum(attribute='weight') -%}
{%- if (weight_sum - 1) | abs > 1e-9 -%}
    {{ exceptions.raise_compiler_error("coupling: system weights sum to " ~ weight_sum ~ ", not 1") }}
{%- endif -%}
{%- set scores = systems | map(attribute='score') | list -%}
with

coupling_input as (

    select
        {%- for column in key_columns %}
        {{ column }},
        {%- endfor %}
        {%- for score in scores %}
        cast({{ score }} as double) as {{ score }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ relation }}

),

coupling_terms as (

    select
        *,
        {%- for system in systems %}
        {{ system.weight }} * {{ system.score }}{% if not loop.last %} +{% endif %}
        {%- endfor %}
            as comprehensive_index_t,
        {{ scores | join(' + ') }} as score_sum,
        {{ scores | join(' * ') }} as score_product,
        greatest({{ scores | join(', ') }}) as score_max,
        (
            {%- for i in range(n) %}{% for j in range(i + 1, n) %}
            abs({{ scores[i] }} - {{ scores[j] }}){% if not (i == n - 2 and j == n - 1) %} +{% endif %}
            {%- endfor %}{% endfor %}
        ) / {{ n * (n - 1) / 2 }} as mean_pairwise_gap
    from coupling_input

),

coupling_degrees as (

    select
        *,
        {%- if n == 2 %}
        sqrt({{ scores[0] }} * {{ scores[1] }}) / nullif(score_sum, 0) as c_printed,
        {%- else %}
        cast(null as double) as c_printed,
        {%- endif %}
        {{ n }} * power(score_product, cast(1 as double) / {{ n }}) / nullif(score_sum, 0) as c_standard,
        case
            when score_max > 0
                then sqrt(
                    (1 - mean_pairwise_gap)
                    * power(score_product / power(score_max, {{ n }}), cast(1 as double) / {{ n - 1 }})
                )
        end as c_wang2021
    from coupling_terms

)

select
    {%- for column in key_columns %}
    {{ column }},
    {%- endfor %}
    {%- for score in scores %}
    {{ score }},
    {%- endfor %}
    comprehensive_index_t,
    c_printed,
    c_standard,
    c_wang2021,
    sqrt(c_printed * comprehensive_index_t) as d_printed,
    sqrt(c_standard * comprehensive_index_t) as d_standard,
    sqrt(c_wang2021 * comprehensive_index_t) as d_wang2021
from coupling_degrees
{% endmacro %}
