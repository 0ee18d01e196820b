{#- Within each group, the column sums to `total` within `tolerance` (e.g. weights summing to 1). -#}
{% test sums_to(model, column_name, group_by, total=1, tolerance=1e-9) %}

with

sums as (

    select
        {{ group_by | join(',\n        ') }},
        sum({{ column_name }}) as column_sum
    from {{ model }}
    group by all

)

select *
from sums
where abs(column_sum - {{ total }}) > {{ tolerance }}

{% endtest %}
