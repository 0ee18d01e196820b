"""Distribution dynamics (马尔可夫链, 空间马尔可夫链) of the openness indices: the classic transition
matrices and the spatial ones conditioned on the land neighbours' class."""

from opening_up.measures.regional_openness import markov_table


def model(dbt, session):
    dbt.config(materialized="table")
    return markov_table(dbt.ref("int_openness_measure_inputs").df(), dbt.ref("int_region_neighbours").df())
