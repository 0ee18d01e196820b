"""Paper 001's equation 1 baseline: fixed effects (linearmodels PanelOLS), errors clustered by province."""

from opening_up.papers.border_growth import estimate_fixed_effects, periods_from_meta


def model(dbt, session):
    dbt.config(materialized="table")
    return estimate_fixed_effects(
        dbt.ref("int_border_growth_panel").df(), periods_from_meta(dbt.config.get("meta"))
    )
