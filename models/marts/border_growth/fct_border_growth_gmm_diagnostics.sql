{#- Per GMM model of paper 001: sample, instruments beside groups, Hansen J, AR(1), AR(2), notes and warnings. -#}
with

results as (

    select * from {{ ref('int_border_growth_gmm_results') }}
    where record_type = 'model'

),

final as (

    select
        estimator,
        dependent_variable,
        period_label,
        period_start::integer as period_start,
        period_end::integer as period_end,
        instrument_set,
        status,
        n_obs::integer as n_obs,
        n_groups::integer as n_groups,
        n_instruments::integer as n_instruments,
        instruments_exceed_groups::boolean as instruments_exceed_groups,
        hansen_statistic,
        hansen_df::integer as hansen_df,
        hansen_p,
        hansen_note,
        ar1_z,
        ar1_p,
        ar2_z,
        ar2_p,
        warnings,
        is_sample
    from results

)

select * from final
