"""Distribution dynamics (马尔可夫链) of the openness indices: the classic transition matrices."""

from opening_up.measures.regional_openness import markov_table


def model(dbt, session):
    dbt.config(materialized="table")
    return markov_table(dbt.ref("int_openness_measure_inputs").df())
