{#-
    The Theil T index (泰尔指数, unweighted: each province counts 1/n) of each index, year and grouping
    and its decomposition T = within + between (Theil 1967; Shorrocks 1980), by the macro
    theil_decomposition (macros/theil_decomposition.sql; formulas: opening_up.methods.disparity). Long
    rows as fct_openness_disparity's, with share_of_total the row's contribution to T.
-#}

{{ theil_decomposition(ref('int_openness_disparity_members')) }}
