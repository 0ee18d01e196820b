{#-
    The paper's table as BI reads it: int_published_port_entropy_weights (which the published checks
    read) under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_port_entropy_weights') }}

),

final as (

    select
        source_doc,
        source_table,
        system_code,
        system_label,
        region_code,
        item_printed,
        item_code,
        unit,
        period_start,
        period_end,
        entropy,
        utility,
        weight,
        recomputed_weight
    from published

)

select * from final
