-- How far the sample passes from the real figures it overlaps: every (entity, year, indicator) where a
-- real figure beat a sample candidate, the winning real figure beside the sample's. The sample meets
-- the real anchors it is generated against (docs/data.md, "The rest is a deterministic sample"):
-- tests/python/sample/test_sample.py runs this and checks the gaps the docs state.
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
        max(value) filter (where not is_sample and precedence_rank = 1) as real_value,
        max(value) filter (where is_sample) as sample_value
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
where real_value is not null and sample_value is not null
order by abs(sample_value / real_value - 1) desc
