"""Kernel densities (核密度) of the openness indices by year, Gaussian and Stata's Epanechnikov."""

from opening_up.measures.regional_openness import density_table


def model(dbt, session):
    dbt.config(materialized="table")
    return density_table(dbt.ref("int_openness_measure_inputs").df())
