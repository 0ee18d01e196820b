"""Obstacle degree (障碍度) of each component of the openness index for each province and year."""

from opening_up.measures.regional_openness import obstacle_degree_table


def model(dbt, session):
    dbt.config(materialized="table")
    return obstacle_degree_table(dbt.ref("int_openness_evaluation_inputs").df())
