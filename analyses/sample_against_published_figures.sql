-- How far the sample yearbook passes from the real figures it overlaps (seed 004 Tables 1-4):
-- every (entity, year, indicator) where a real figure beat a sample candidate.
with

candidates as (

    select * from {{ ref('int_observations_unioned') }}
    where n_candidates > 1

),

paired as (

    select
        entity_code,
        year,
        indicator_code,
        max(case when not is_sample then value end) as real_value,
        max(case when is_sample then value end) as sample_value
    from candidates
    group by entity_code, year, indicator_code

)

select
    entity_code,
    year,
    indicator_code,
    real_value,
    sample_value,
    sample_value / real_value - 1 as relative_gap
from paired
order by abs(sample_value / real_value - 1) desc
