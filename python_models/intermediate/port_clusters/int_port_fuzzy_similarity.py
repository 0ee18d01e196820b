"""Paper 000's fuzzy equivalence clustering of its 38 evaluation units: R and its transitive closure t(R)."""

from opening_up.papers.port_clusters import fuzzy_similarity, settings_from_meta


def model(dbt, session):
    dbt.config(materialized="table")
    settings = settings_from_meta(dbt.config.get("meta"))
    return fuzzy_similarity(
        dbt.ref("int_port_panel").df(),
        dbt.ref("int_ports").df(),
        settings["fuzzy_bases"],
        settings["standardize"],
        settings["similarity"],
        settings["similarity_params"],
    )
