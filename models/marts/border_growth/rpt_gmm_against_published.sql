{#-
    Paper 001 Tables 1 and 3 beside the warehouse's re-estimates, one row per dependent variable,
    period, term and source (the printed table, or an estimator with an instrument set). Out of the
    box the re-estimates run on SAMPLE data (is_sample), so they differ from the paper's numbers;
    with real yearbooks of the nine provinces loaded the comparison becomes a replication.
-#}
with

published as (

    select * from {{ ref('fct_published_gmm_estimates') }}

),

estimated as (

    select * from {{ ref('fct_border_growth_gmm') }}

),

diagnostics as (

    select * from {{ ref('fct_border_growth_gmm_diagnostics') }}

),

term_labels as (

    select distinct
        term_code,
        term_printed
    from published

),

unioned as (

    select
        dependent_variable,
        period_start,
        period_end,
        term_code,
        'printed (seed 001)' as source,
        coefficient,
        std_error,
        significance_stars,
        false as instruments_exceed_groups,
        false as is_sample
    from published

    union all

    select
        estimated.dependent_variable,
        estimated.period_start,
        estimated.period_end,
        estimated.term_code,
        estimated.estimator || ' GMM, ' || estimated.instrument_set || ' instruments' as source,
        estimated.coefficient,
        estimated.std_error,
        estimated.significance_stars,
        coalesce(diagnostics.instruments_exceed_groups, false) as instruments_exceed_groups,
        estimated.is_sample
    from estimated
    left join diagnostics
        on
            estimated.estimator = diagnostics.estimator
            and estimated.dependent_variable = diagnostics.dependent_variable
            and estimated.period_start = diagnostics.period_start
            and estimated.period_end = diagnostics.period_end
            and estimated.instrument_set = diagnostics.instrument_set

),

final as (

    select
        unioned.dependent_variable,
        unioned.period_start,
        unioned.period_end,
        cast(unioned.period_start as string) || '-' || cast(unioned.period_end as string) as period_label,
        -- The paper's column order: the full period first, then the sub-periods in time order.
        cast(dense_rank() over (
            order by unioned.period_end - unioned.period_start desc, unioned.period_start asc
        ) as bigint) as period_order,
        unioned.term_code,
        coalesce(term_labels.term_printed, unioned.term_code) as term_label,
        unioned.source,
        cast(
            dense_rank() over (order by unioned.source <> 'printed (seed 001)', unioned.source) as bigint
        ) as source_order,
        unioned.coefficient,
        unioned.std_error,
        unioned.significance_stars,
        unioned.instruments_exceed_groups,
        unioned.is_sample
    from unioned
    left join term_labels
        on unioned.term_code = term_labels.term_code

)

select * from final
