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
        cast(period_start as integer) as period_start,
        cast(period_end as integer) as period_end,
        instrument_set,
        status,
        cast(n_obs as integer) as n_obs,
        cast(n_groups as integer) as n_groups,
        cast(n_instruments as integer) as n_instruments,
        cast(instruments_exceed_groups as boolean) as instruments_exceed_groups,
        hansen_statistic,
        cast(hansen_df as integer) as hansen_df,
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
