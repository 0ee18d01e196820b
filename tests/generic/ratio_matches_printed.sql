{#-
    Within each group, the printed ratio row equals numerator / denominator * scale within an absolute
    tolerance: e.g. a paper's 比重（%） row against its 合计 and 全国 rows.
-#}
{% test ratio_matches_printed(model, value_column, group_by, numerator_condition, denominator_condition, ratio_condition, scale=100, tolerance=0.011) %}

with

numerators as (
    select
        {{ group_by | join(',\n        ') }},
        {{ value_column }} as numerator
    from {{ model }}
    where {{ numerator_condition }}
),

denominators as (
    select
        {{ group_by | join(',\n        ') }},
        {{ value_column }} as denominator
    from {{ model }}
    where {{ denominator_condition }}
),

ratios as (
    select
        {{ group_by | join(',\n        ') }},
        {{ value_column }} as printed_ratio
    from {{ model }}
    where {{ ratio_condition }}
)

select
    ratios.*,
    numerators.numerator,
    denominators.denominator,
    numerators.numerator / denominators.denominator * {{ scale }} as recomputed_ratio
from ratios
left join numerators using ({{ group_by | join(', ') }})
left join denominators using ({{ group_by | join(', ') }})
where
    ratios.printed_ratio is not null
    and (
        denominators.denominator is null
        or numerators.numerator is null
        or abs(numerators.numerator / denominators.denominator * {{ scale }} - ratios.printed_ratio) > {{ tolerance }}
    )

{% endtest %}
