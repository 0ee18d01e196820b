{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

partitions as (

    select * from {{ ref('stg_papers__port_fuzzy_partitions') }}

),

merged_per_level as (

    select
        lambda_level,
        count(*) - count(distinct group_no) as n_units_merged
    from partitions
    group by lambda_level

),

final as (

    select
        partitions.source_doc,
        partitions.source_table,
        partitions.lambda_level,
        partitions.n_classes_printed,
        partitions.n_units,
        partitions.n_units - merged_per_level.n_units_merged as implied_n_classes,
        partitions.group_no,
        partitions.port_name_printed,
        partitions.port_code,
        partitions.note
    from partitions
    inner join merged_per_level
        on partitions.lambda_level = merged_per_level.lambda_level

)

select * from final
