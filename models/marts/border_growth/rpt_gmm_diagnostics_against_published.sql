{#-
    Paper 001's printed test statistics (observations, Hansen, m1 and m2 p-values) beside the
    diagnostics of each re-estimate, one row per dependent variable, period and source.
-#}
with

printed as (

    select * from {{ ref('fct_published_gmm_statistics') }}

),

diagnostics as (

    select * from {{ ref('fct_border_growth_gmm_diagnostics') }}

),

printed_wide as (

    select
        dependent_variable,
        period_start,
        period_end,
        'printed (seed 001)' as source,
        cast(max(value) filter (where statistic_code = 'n_obs') as integer) as n_obs,
        cast(null as integer) as n_groups,
        cast(null as integer) as n_instruments,
        max(value) filter (where statistic_code = 'hansen_p') as hansen_p,
        max(value) filter (where statistic_code = 'm1_p') as ar1_p,
        max(value) filter (where statistic_code = 'm2_p') as ar2_p,
        cast(null as string) as hansen_note,
        cast(null as string) as warnings,
        false as is_sample
    from printed
    group by dependent_variable, period_start, period_end

),

unioned as (

    select * from printed_wide

    union all

    select
        dependent_variable,
        period_start,
        period_end,
        estimator || ' GMM, ' || instrument_set || ' instruments' as source,
        n_obs,
        n_groups,
        n_instruments,
        hansen_p,
        ar1_p,
        ar2_p,
        hansen_note,
        warnings,
        is_sample
    from diagnostics

),

final as (

    select
        dependent_variable,
        period_start,
        period_end,
        cast(period_start as string) || '-' || cast(period_end as string) as period_label,
        cast(
            dense_rank() over (order by period_end - period_start desc, period_start asc) as bigint
        ) as period_order,
        source,
        cast(dense_rank() over (order by source <> 'printed (seed 001)', source) as bigint) as source_order,
        n_obs,
        n_groups,
        n_instruments,
        hansen_p,
        ar1_p,
        ar2_p,
        hansen_note,
        warnings,
        is_sample
    from unioned

)

select * from final
