{#-
    The paper's table as BI reads it: int_published_industry_structure (which the published checks
    read) under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_industry_structure') }}

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
        share_sum_pct
    from published

)

select * from final
