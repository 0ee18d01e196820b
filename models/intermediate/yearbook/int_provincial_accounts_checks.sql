{#-
    Every figure of the shipped provincial accounts 2002-2011 (int_provincial_accounts_observations)
    with the checks it breaks (data/real/provincial_accounts_2002_2011/README.md):
    - sectors_do_not_sum: the province-year's GDP differs from the sum of its three sectors by more
      than var sector_sum_tolerance (亿元): all four figures of the province-year are quarantined,
      since the file does not say which one is wrong;
    - accounts_incomplete: the province-year lacks one of the four figures, so the sum cannot be checked;
    - differs_from_first_published: a GDP of 2005-2011 differs from the merged panel's GDP as first
      published (GDP_当年价_亿元, loaded as gdp_first_published) by more than half the printed 0.01.
    A figure breaking a check is quarantined: not loaded, and listed in rpt_quarantined_cells.
-#}
with

observations as (

    select * from {{ ref('int_provincial_accounts_observations') }}

),

first_published as (

    select
        entity_code,
        year,
        value as first_published_gdp
    from {{ ref('int_merged_panel_observations') }}
    where indicator_code = 'gdp_first_published'

),

province_years as (

    select
        entity_code,
        year,
        max(value) filter (where indicator_code = 'gdp') as gdp,
        max(value) filter (where indicator_code = 'va_primary')
        + max(value) filter (where indicator_code = 'va_secondary')
        + max(value) filter (where indicator_code = 'va_tertiary') as sector_sum,
        count(distinct indicator_code) as n_figures
    from observations
    group by entity_code, year

),

judged as (

    select
        observations.*,
        province_years.sector_sum,
        first_published.first_published_gdp,
        province_years.n_figures < 4 as breaks_completeness,
        coalesce(
            abs(province_years.gdp - province_years.sector_sum) > {{ checked_var('sector_sum_tolerance') }} + 1e-9,
            false
        ) as breaks_sector_sum,
        coalesce(
            observations.indicator_code = 'gdp'
            and abs(observations.value - first_published.first_published_gdp) > 0.005 + 1e-9,
            false
        ) as breaks_first_published
    from observations
    inner join province_years
        on
            observations.entity_code = province_years.entity_code
            and observations.year = province_years.year
    left join first_published
        on
            observations.entity_code = first_published.entity_code
            and observations.year = first_published.year

),

final as (

    select
        {{ observation_columns('judged') }},
        judged.sector_sum,
        judged.first_published_gdp,
        nullif(concat_ws(
            ', ',
            case when judged.breaks_sector_sum then 'sectors_do_not_sum' end,
            case when judged.breaks_completeness then 'accounts_incomplete' end,
            case when judged.breaks_first_published then 'differs_from_first_published' end
        ), '') as rules_broken
    from judged

),

flagged as (

    select
        *,
        rules_broken is not null as is_quarantined
    from final

)

select * from flagged
