{#- The dim_coordination_grade band (协调等级) that a coupling or coordination value falls in. -#}
{% macro coordination_grade_of(value_expression) %}
(
    select grades.grade_name
    from {{ ref('stg_reference__coordination_grades') }} as grades
    where
        {{ value_expression }} >= grades.lower_bound
        and (
            {{ value_expression }} < grades.upper_bound
            or (grades.upper_inclusive and {{ value_expression }} <= grades.upper_bound)
        )
)
{% endmacro %}
