{#- `make bench-scale` only: the synthetic units by disparity_members, as int_openness_disparity_members. -#}

{{ disparity_members(ref('int_scale_disparity_inputs'), ref('int_scale_region_groups')) }}
