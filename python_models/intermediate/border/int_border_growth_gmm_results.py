"""Seed 001's equation 3, every estimator x dependent x period x instrument set estimated once: the long
results table the GMM marts select from (opening_up.analyses.border_growth.estimate_border_growth)."""

from opening_up.analyses.border_growth import estimate_border_growth


def model(dbt, session):
    dbt.config(materialized="table")
    return estimate_border_growth(dbt.ref("fct_border_growth_panel").df())
