{#-
    The Gini coefficient of each index, year and grouping and Dagum's (1997) decomposition over every
    ordered pair of provinces (the n² pairs), by the macro dagum_gini (macros/dagum_gini.sql):
    G_jj per group, G_jh per pair of groups, Gw + Gnb + Gt = G (formulas: opening_up.methods.disparity).
    Long rows as fct_openness_disparity's, with share_of_total the row's contribution to G.
-#}

{{ dagum_gini(ref('int_openness_disparity_members')) }}
