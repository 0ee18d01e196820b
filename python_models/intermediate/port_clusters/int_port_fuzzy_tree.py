"""Paper 000's fuzzy equivalence clustering: the tree table, from the closure int_port_fuzzy_similarity
computed."""

from opening_up.papers.port_clusters import fuzzy_partitions


def model(dbt, session):
    dbt.config(materialized="table")
    return fuzzy_partitions(dbt.ref("int_port_fuzzy_similarity").df(), dbt.ref("int_ports").df())["tree"]
