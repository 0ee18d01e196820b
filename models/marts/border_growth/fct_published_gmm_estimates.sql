{#-
    The paper's table as printed (staging) with the columns recomputed from it, under this mart's
    contract; the paper's checks (marts/checks) read it.
-#}
with

estimates as (

    select * from {{ ref('stg_papers__gmm_estimates') }}

),

final as (

    select
        source_doc,
        source_table,
        dependent_variable,
        period_label,
        period_start,
        period_end,
        term_printed,
        term_code,
        coefficient,
        std_error,
        significance_stars,
        coefficient / std_error as z_ratio,
        -- Two-sided normal critical values of the 10 %, 5 % and 1 % levels.
        case
            when abs(coefficient / std_error) >= 2.5758 then '***'
            when abs(coefficient / std_error) >= 1.9600 then '**'
            when abs(coefficient / std_error) >= 1.6449 then '*'
        end as implied_stars
    from estimates

)

select * from final
