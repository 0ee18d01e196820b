{#-
    The paper's table as BI reads it: int_published_port_fuzzy_partitions (which the published
    checks read) under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_port_fuzzy_partitions') }}

),

final as (

    select
        source_doc,
        source_table,
        lambda_level,
        n_classes_printed,
        n_units,
        implied_n_classes,
        group_no,
        port_name_printed,
        port_code,
        note
    from published

)

select * from final
