{#- `make bench-scale` only: Dagum's Gini over the synthetic units' n² pairs per year, as int_openness_dagum_gini. -#}

{{ dagum_gini(ref('int_scale_disparity_members')) }}
