{#-
    `make bench-scale` only: an index per synthetic unit and year for the disparity macros, the first
    system's score (int_scale_system_scores) shifted above 0 (ln and Theil need positive values). SAMPLE.
-#}
with

scores as (

    select * from {{ ref('int_scale_system_scores') }}

),

final as (

    select
        'scale_index' as index_code,
        unit_code as region_code,
        year,
        0.05 + score_u1 as index_value,
        true as is_sample
    from scores

)

select * from final
