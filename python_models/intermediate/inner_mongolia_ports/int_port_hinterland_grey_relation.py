"""Grey relational grades of paper 002's Inner Mongolia ports against their hinterland cities: this
project's extension of paper 000's method (paper 002 itself has no grey relational analysis)."""

from opening_up.papers.inner_mongolia_ports import hinterland_grey_relation, hinterland_settings_from_meta


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
