"""Local indicators of spatial association (局部莫兰指数/LISA) of the openness indices per province."""

from opening_up.measures.spatial_openness import lisa_table


def model(dbt, session):
    dbt.config(materialized="table")
    meta = dbt.config.get("meta")
    return lisa_table(
        dbt.ref("int_openness_measure_inputs").df(),
        dbt.ref("int_region_neighbours").df(),
        permutations=int(meta["spatial_permutations"]),
        seed=int(meta["spatial_permutation_seed"]),
        alpha=float(meta["lisa_alpha"]),
    )
