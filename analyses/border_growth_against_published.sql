-- Seed 001 Tables 1 and 3 beside our re-estimates. Ours run on the warehouse's panel, which out of
-- the box is SAMPLE data (is_sample), so the numbers differ from the paper's; where real yearbook
-- data is loaded for the nine provinces, is_sample turns false and the comparison becomes a replication.
with

published as (

    select * from {{ ref('fct_published_gmm_estimates') }}

),

ours as (

    select * from {{ ref('fct_border_growth_gmm') }}

)

select
    published.source_table,
    published.dependent_variable,
    published.period_label as published_period,
    published.term_printed,
    published.coefficient as published_coefficient,
    published.std_error as published_std_error,
    published.significance_stars as published_stars,
    ours.estimator,
    ours.instrument_set,
    ours.coefficient as our_coefficient,
    ours.std_error as our_std_error,
    ours.significance_stars as our_stars,
    ours.is_sample as ours_is_sample
from published
left join ours
    on
        published.dependent_variable = ours.dependent_variable
        and published.period_start = ours.period_start
        and published.period_end = ours.period_end
        and published.term_code = ours.term_code
order by
    published.source_table asc,
    published.period_start asc,
    published.period_end asc,
    published.term_code asc,
    ours.estimator asc,
    ours.instrument_set asc
