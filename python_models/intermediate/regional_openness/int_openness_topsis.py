"""TOPSIS closeness (熵权TOPSIS, and with CRITIC weights) of the provinces per year."""

from opening_up.measures.regional_openness import topsis_table


def model(dbt, session):
    dbt.config(materialized="table")
    return topsis_table(dbt.ref("int_openness_evaluation_inputs").df())
