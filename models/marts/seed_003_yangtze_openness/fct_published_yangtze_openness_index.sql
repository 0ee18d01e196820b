{#-
    The paper's table as BI reads it: int_published_yangtze_openness_index (which the published
    checks read) under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_yangtze_openness_index') }}

),

final as (

    select
        source_doc,
        source_table,
        row_label,
        row_type,
        region_code,
        yangtze_reach,
        measure_code,
        year,
        period_start,
        period_end,
        value,
        recomputed_value
    from published

)

select * from final
