{#- The combination of the given columns is unique (a composite key). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with

keyed as (
    select
        {{ combination_of_columns | join(',\n        ') }},
        count(*) as n_rows
    from {{ model }}
    group by all
)

select *
from keyed
where n_rows > 1

{% endtest %}
