"""Seed 002: grey relational grades of Inner Mongolia's ports against their hinterland cities."""

from opening_up.port_clusters import hinterland_grey_relation, settings_from_meta


def model(dbt, session):
    dbt.config(materialized="table")
    settings = settings_from_meta(dbt.config.get("meta"))
    return hinterland_grey_relation(
        dbt.ref("int_port_panel").df(),
        dbt.ref("int_prefecture_panel").df(),
        dbt.ref("stg_reference__port_hinterlands").df(),
        settings["hinterland_years"],
        settings["rho"],
        settings["normalize"],
    )
