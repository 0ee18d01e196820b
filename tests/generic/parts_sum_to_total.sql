{#-
    Within each group, the sum of the part rows equals the total row within an absolute tolerance
    (the rounding of the printed digits): e.g. a paper's 合计 row against its province rows.
-#}
{% test parts_sum_to_total(model, value_column, group_by, part_condition, total_condition, tolerance=0.011) %}

with

parts as (
    select
        {{ group_by | join(',\n        ') }},
        sum({{ value_column }}) as sum_of_parts,
        count({{ value_column }}) as n_parts
    from {{ model }}
    where {{ part_condition }}
    group by all
),

totals as (
    select
        {{ group_by | join(',\n        ') }},
        {{ value_column }} as printed_total
    from {{ model }}
    where {{ total_condition }}
)

select
    totals.*,
    parts.sum_of_parts,
    parts.n_parts
from totals
left join parts using ({{ group_by | join(', ') }})
where
    totals.printed_total is not null
    and (parts.sum_of_parts is null or abs(parts.sum_of_parts - totals.printed_total) > {{ tolerance }})

{% endtest %}
