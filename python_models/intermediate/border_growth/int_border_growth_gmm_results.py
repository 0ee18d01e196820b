"""Paper 001's equation 3, every estimator x dependent x period x instrument set estimated once: the long
results table the GMM marts select from (opening_up.papers.border_growth.estimate_border_growth)."""

from opening_up.papers.border_growth import estimate_border_growth, periods_from_meta


def model(dbt, session):
    dbt.config(materialized="table")
    return estimate_border_growth(
        dbt.ref("int_border_growth_panel").df(), periods_from_meta(dbt.config.get("meta"))
    )
