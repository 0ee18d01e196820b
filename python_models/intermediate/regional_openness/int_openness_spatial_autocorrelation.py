"""Global spatial autocorrelation (全局莫兰指数, Geary's C) of the openness indices per year and weights."""

from opening_up.measures.spatial_openness import autocorrelation_table


def model(dbt, session):
    dbt.config(materialized="table")
    meta = dbt.config.get("meta")
    return autocorrelation_table(
        dbt.ref("int_openness_measure_inputs").df(),
        dbt.ref("int_region_neighbours").df(),
        permutations=int(meta["spatial_permutations"]),
        seed=int(meta["spatial_permutation_seed"]),
    )
