{#-
    The provinces of each index, year and grouping with their group and the counts, means and shares
    that the disparity measures share (macros/disparity_members.sql): n and mu over
    the grouping's provinces, n_j and mu_j over the group, p_j = n_j / n and s_j = n_j mu_j / (n mu).
-#}

{{ disparity_members(ref('int_openness_measure_inputs'), ref('int_openness_region_groups')) }}
