"""Entropy and CRITIC weights of the openness index's four components per year."""

from opening_up.measures.regional_openness import evaluation_weights_table


def model(dbt, session):
    dbt.config(materialized="table")
    return evaluation_weights_table(dbt.ref("int_openness_evaluation_inputs").df())
