{#- Paper 001 Tables 1 and 3 re-estimated: the coefficients of every GMM model, estimated once upstream. -#}
with

results as (

    select * from {{ ref('int_border_growth_gmm_results') }}
    where record_type = 'coefficient'

),

final as (

    select
        estimator,
        dependent_variable,
        period_label,
        cast(period_start as integer) as period_start,
        cast(period_end as integer) as period_end,
        instrument_set,
        term_code,
        coefficient,
        std_error,
        z_value,
        p_value,
        significance_stars,
        is_sample
    from results

)

select * from final
