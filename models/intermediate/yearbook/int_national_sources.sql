{#-
    Where the nation's RMB/USD rate and GDP per capita of each year come from (the source of the
    resolved observation: a yearbook file, the national series of data/real/national/ or the sample),
    for the marts that convert or divide by them.
-#}
with

observations as (

    select * from {{ ref('int_observations_resolved') }}
    where
        entity_type = 'region'
        and entity_code = '000000'
        and indicator_code in ('exchange_rate_rmb_usd', 'gdp_per_capita')

),

final as (

    select
        year,
        max(source) filter (where indicator_code = 'exchange_rate_rmb_usd') as exchange_rate_source,
        max(source) filter (where indicator_code = 'gdp_per_capita') as national_gdp_per_capita_source
    from observations
    group by year

)

select * from final
