{#- Difference-in-Hansen (C) tests of each instrument group of paper 001's GMM models, as xtabond2 prints them. -#}
with

results as (

    select * from {{ ref('int_border_growth_gmm_results') }}
    where record_type = 'instrument_test'

),

final as (

    select
        estimator,
        dependent_variable,
        period_label,
        cast(period_start as integer) as period_start,
        cast(period_end as integer) as period_end,
        instrument_set,
        instrument_group,
        cast(n_columns as integer) as n_columns,
        hansen_excluding,
        cast(df_excluding as integer) as df_excluding,
        p_excluding,
        difference as hansen_difference,
        cast(df_difference as integer) as df_difference,
        p_difference,
        note,
        is_sample
    from results

)

select * from final
