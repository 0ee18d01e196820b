{#-
    The loaded national series (int_national_series_observations) with the cross-checks
    each year passes or breaks, against the other series of the same file (data/real/national/README.md
    documents each relation):
    - rate_disagrees_with_pwt: PA.NUS.FCRF differs from Penn World Table 10.01 xr (the same IMF IFS
      average, unrounded) by more than 0.001 yuan per USD (the README finds 1.5e-5 at most, 1980-2019);
    - rate_far_from_fred: PA.NUS.FCRF differs from the Fed's New York rate (FRED.AEXCHUS) by more than
      2 % (at most 0.87 %, in 2015);
    - gdp_per_capita_disagrees: NY.GDP.PCAP.CN differs from NY.GDP.MKTP.CN / SP.POP.TOTL by more than
      1e-4 relative (WDI divides the one by the other).
    A year breaking a rule is quarantined: not loaded, and listed with its rule.
-#}
with

observations as (

    select * from {{ ref('int_national_series_observations') }}

),

series as (

    select
        year,
        max(try_cast(value as double)) filter (where indicator_name = 'PA.NUS.FCRF') as wdi_rate,
        max(try_cast(value as double)) filter (where indicator_name = 'PWT10.01.xr') as pwt_rate,
        max(try_cast(value as double)) filter (where indicator_name = 'FRED.AEXCHUS') as fred_rate,
        max(try_cast(value as double)) filter (where indicator_name = 'NY.GDP.PCAP.CN') as gdp_per_capita,
        max(try_cast(value as double)) filter (where indicator_name = 'NY.GDP.MKTP.CN') as gdp,
        max(try_cast(value as double)) filter (where indicator_name = 'SP.POP.TOTL') as population
    from {{ ref('stg_yearbook__national_series_rows') }}
    group by year

),

judged as (

    select
        {{ observation_columns('observations') }},
        series.pwt_rate,
        series.fred_rate,
        series.gdp / nullif(series.population, 0) as gdp_over_population,
        observations.indicator_code = 'exchange_rate_rmb_usd'
        and coalesce(abs(series.wdi_rate - series.pwt_rate) > 0.001, false) as breaks_pwt_agreement,
        observations.indicator_code = 'exchange_rate_rmb_usd'
        and coalesce(abs(series.wdi_rate - series.fred_rate) > 0.02 * series.wdi_rate, true) as breaks_fred_agreement,
        observations.indicator_code = 'gdp_per_capita'
        and coalesce(
            abs(series.gdp_per_capita - series.gdp / nullif(series.population, 0)) > 1e-4 * series.gdp_per_capita,
            true
        ) as breaks_gdp_per_capita_identity
    from observations
    inner join series
        on observations.year = series.year

),

flagged as (

    select
        *,
        nullif(concat_ws(
            ', ',
            case when breaks_pwt_agreement then 'rate_disagrees_with_pwt' end,
            case when breaks_fred_agreement then 'rate_far_from_fred' end,
            case when breaks_gdp_per_capita_identity then 'gdp_per_capita_disagrees' end
        ), '') as rules_broken
    from judged

),

final as (

    select
        *,
        rules_broken is not null as is_quarantined
    from flagged

)

select * from final
