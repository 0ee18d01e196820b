{#- `make bench-scale` only: coupling coordination of the two systems per unit and year. -#}

{{ coupling_coordination(
    ref('int_scale_system_scores'),
    key_columns=['unit_code', 'year'],
    systems=[
        {'score': 'score_u1', 'weight': 0.5},
        {'score': 'score_u2', 'weight': 0.5}
    ]
) }}
