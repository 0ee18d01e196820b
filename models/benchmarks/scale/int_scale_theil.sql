{#- `make bench-scale` only: the Theil decomposition of the synthetic units, as int_openness_theil. -#}

{{ theil_decomposition(ref('int_scale_disparity_members')) }}
