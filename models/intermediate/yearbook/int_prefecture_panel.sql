{#- Prefecture x year panel of the prefectures that hold the papers' ports, from var local_panel_first_year (2006). -#}
{{ pivot_observations(
    observations=ref('int_observations_resolved'),
    entity_type='prefecture',
    key_column='prefecture_code',
    entities=ref('stg_reference__prefectures'),
    indicators=[
        'gdp', 'va_primary', 'va_secondary', 'va_tertiary', 'fixed_asset_investment', 'retail_sales'
    ],
    first_year=checked_var('local_panel_first_year'),
    last_year=checked_var('sample_last_year')
) }}
