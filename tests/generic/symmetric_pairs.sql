{#-
    Every (from, to) pair has its mirror (to, from), with the same values in `match_columns` (e.g. a
    contiguity flag): returns each row whose mirror is missing or differs.
-#}
{% test symmetric_pairs(model, from_column, to_column, match_columns=[]) %}

with

pairs as (

    select * from {{ model }}

)

select pairs.*
from pairs
left join pairs as mirrors
    on
        pairs.{{ from_column }} = mirrors.{{ to_column }}
        and pairs.{{ to_column }} = mirrors.{{ from_column }}
        {% for column in match_columns %}
        and pairs.{{ column }} is not distinct from mirrors.{{ column }}
        {% endfor %}
where mirrors.{{ from_column }} is null

{% endtest %}
