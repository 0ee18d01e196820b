"""Seed 001's GMM diagnostics per model: observations, groups, instruments, Hansen, AR(1), AR(2), warnings."""

from opening_up.border_growth import estimate_border_growth


def model(dbt, session):
    dbt.config(materialized="table")
    _, diagnostics = estimate_border_growth(dbt.ref("fct_border_growth_panel").df())
    return diagnostics
