"""Seed 001's equation 1 baseline: fixed effects (linearmodels PanelOLS), errors clustered by province."""

from opening_up.analyses.border_growth import estimate_fixed_effects


def model(dbt, session):
    dbt.config(materialized="table")
    return estimate_fixed_effects(dbt.ref("fct_border_growth_panel").df())
