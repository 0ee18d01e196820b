"""Paper 000 Table 3 recomputed: grey relational grades of each cluster's local economy against its ports."""

from opening_up.papers.port_clusters import cluster_grey_relation, settings_from_meta


def model(dbt, session):
    dbt.config(materialized="table")
    settings = settings_from_meta(dbt.config.get("meta"))
    return cluster_grey_relation(
        dbt.ref("int_port_panel").df(),
        dbt.ref("int_prefecture_panel").df(),
        dbt.ref("int_ports").df(),
        settings["grey_years"],
        settings["rho"],
        settings["normalize"],
        settings["count_duplicate_units"],
    )
