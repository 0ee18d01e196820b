"""Grey relational grades of seed 002's Inner Mongolia ports against their hinterland cities: this
project's extension of seed 000's method (seed 002 itself has no grey relational analysis)."""

from opening_up.analyses.port_clusters import hinterland_grey_relation, hinterland_settings_from_meta


def model(dbt, session):
    dbt.config(materialized="table")
    settings = hinterland_settings_from_meta(dbt.config.get("meta"))
    return hinterland_grey_relation(
        dbt.ref("int_port_panel").df(),
        dbt.ref("int_prefecture_panel").df(),
        dbt.ref("stg_reference__port_hinterlands").df(),
        settings["hinterland_years"],
        settings["rho"],
        settings["normalize"],
    )
