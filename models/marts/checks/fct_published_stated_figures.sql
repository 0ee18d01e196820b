{#-
    The paper's table as BI reads it: int_published_stated_figures (which the published checks read)
    under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_stated_figures') }}

),

final as (

    select
        source_doc,
        source_table,
        figure_code,
        subject,
        area_code,
        area_name,
        year,
        period_start,
        period_end,
        value,
        unit,
        quote,
        not_recomputable_reason
    from published

)

select * from final
