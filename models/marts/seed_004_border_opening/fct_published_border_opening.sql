{#-
    The paper's table as BI reads it: int_published_border_opening (which the published checks read)
    under this mart's contract.
-#}
with

published as (

    select * from {{ ref('int_published_border_opening') }}

),

final as (

    select
        source_doc,
        source_table,
        indicator_code,
        unit,
        row_label,
        row_type,
        region_code,
        region_short_name,
        region_name_en,
        year,
        value,
        printed_value,
        recomputed_value,
        recomputed_minus_printed,
        rounding_tolerance,
        is_within_rounding,
        n_provinces_reported
    from published

)

select * from final
