{#-
    No key (e.g. entity, year, indicator, vintage) carries two different values: returns every row of
    a conflicting key with its provenance (file, line), so the failure names where the two values are.
-#}
{% test no_conflicting_values(model, key_columns, value_column='value') %}

with

spread as (
    select
        {{ key_columns | join(',\n        ') }}
    from {{ model }}
    group by all
    having min({{ value_column }}) <> max({{ value_column }})
)

select
    model_rows.*
from {{ model }} as model_rows
inner join spread using ({{ key_columns | join(', ') }})

{% endtest %}
