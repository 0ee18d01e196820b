{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

structure as (

    select * from {{ ref('stg_papers__industry_structure') }}

),

final as (

    select
        source_doc,
        source_table,
        area_code,
        area_label,
        year,
        primary_share_pct,
        secondary_share_pct,
        tertiary_share_pct,
        primary_share_pct + secondary_share_pct + tertiary_share_pct as share_sum_pct
    from structure

)

select * from final
