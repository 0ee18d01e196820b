{#- Province x year panel (and the nation, 000000), canonical units, 1992 onward. -#}
{{ pivot_observations(
    observations=ref('int_observations_resolved'),
    entity_type='region',
    key_column='region_code',
    entities=ref('stg_reference__regions'),
    indicators=[
        'gdp', 'gdp_real_growth', 'gdp_index', 'va_primary', 'va_secondary', 'va_tertiary',
        'fixed_asset_investment', 'retail_sales', 'gdp_per_capita', 'population_year_end',
        'trade_total', 'trade_total_rmb', 'fdi_utilised', 'fie_total_investment', 'odi_nonfinancial',
        'inbound_tourists', 'inbound_tourism_income', 'exchange_rate_rmb_usd'
    ],
    first_year=checked_var('sample_first_year'),
    last_year=checked_var('sample_last_year')
) }}
