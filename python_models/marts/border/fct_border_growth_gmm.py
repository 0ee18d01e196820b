"""Seed 001 Tables 1 and 3 re-estimated: first-differenced two-step GMM of equation 3."""

from opening_up.border_growth import estimate_border_growth


def model(dbt, session):
    dbt.config(materialized="table")
    estimates, _ = estimate_border_growth(dbt.ref("fct_border_growth_panel").df())
    return estimates
