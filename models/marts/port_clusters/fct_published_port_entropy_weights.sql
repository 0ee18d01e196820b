{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

weights as (

    select * from {{ ref('stg_papers__port_entropy_weights') }}

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
        -- Paper 000 normalises the utilities over all eight indicators of both provinces together.
        utility / sum(utility) over () as recomputed_weight
    from weights

)

select * from final
