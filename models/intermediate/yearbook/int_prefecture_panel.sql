{#- Prefecture x year panel of the prefectures that hold the papers' ports, 2006 onward. -#}
{{ pivot_observations(
    observations=ref('int_observations_resolved'),
    entity_type='prefecture',
    key_column='prefecture_code',
    entities=ref('stg_reference__prefectures'),
    indicators=[
        'gdp', 'va_primary', 'va_secondary', 'va_tertiary', 'fixed_asset_investment', 'retail_sales'
    ],
    first_year=2006,
    last_year=checked_var('sample_last_year')
) }}
