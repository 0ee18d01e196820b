{#- Every row (optionally, every row matching `where`) satisfies the SQL expression. -#}
{% test expression_is_true(model, expression, where_clause=none) %}

select *
from {{ model }}
where
    not coalesce(({{ expression }}), false)
    {% if where_clause %}and ({{ where_clause }}){% endif %}

{% endtest %}
