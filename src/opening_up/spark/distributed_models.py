"""The dbt Python models whose methods run on Spark's executors rather than the driver
(`opening_up.spark.methods` runs these functions in place of the model files' bodies, with the same
refs and meta): paper 001's GMM with its map step per province (`opening_up.spark.gmm`), and the grey
relational grades with one task per port cluster or per port and city (`opening_up.spark.pools`). Each
returns what its model file returns (`make test-spark` compares the marts built from them with
DuckDB's)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pandas as pd

from opening_up.papers.border_growth import estimate_border_growth, periods_from_meta
from opening_up.papers.inner_mongolia_ports import hinterland_grey_relation, hinterland_settings_from_meta
from opening_up.papers.port_clusters import cluster_grey_relation, settings_from_meta
from opening_up.spark.gmm import spark_estimators
from opening_up.spark.pools import map_pools


def border_growth_gmm_results(dbt: SimpleNamespace, session) -> pd.DataFrame:
    """python_models/.../int_border_growth_gmm_results.py with the GMM's map step on the executors."""
    return estimate_border_growth(dbt.ref("int_border_growth_panel").df(),
                                  periods_from_meta(dbt.config.get("meta")),
                                  estimators=spark_estimators(session))


def port_cluster_grey_relation(dbt: SimpleNamespace, session) -> pd.DataFrame:
    """python_models/.../int_port_cluster_grey_relation.py with one executor task per port cluster."""
    settings = settings_from_meta(dbt.config.get("meta"))
    port_panel, prefecture_panel = dbt.ref("int_port_panel").df(), dbt.ref("int_prefecture_panel").df()
    ports = dbt.ref("int_ports").df()
    clusters = sorted(ports.dropna(subset=["cluster_code"])[["cluster_code", "cluster_name"]]
                      .drop_duplicates().itertuples(index=False, name=None))

    def one_cluster(cluster: tuple[str, str]) -> pd.DataFrame:
        members = ports[(ports.cluster_code == cluster[0]) & (ports.cluster_name == cluster[1])]
        return cluster_grey_relation(
            port_panel, prefecture_panel, members, settings["grey_years"], settings["rho"],
            settings["normalize"], settings["count_duplicate_units"],
        )

    return map_pools(session, clusters, one_cluster)


def port_hinterland_grey_relation(dbt: SimpleNamespace, session) -> pd.DataFrame:
    """python_models/.../int_port_hinterland_grey_relation.py with one executor task per port and city."""
    settings = hinterland_settings_from_meta(dbt.config.get("meta"))
    port_panel, prefecture_panel = dbt.ref("int_port_panel").df(), dbt.ref("int_prefecture_panel").df()
    hinterlands = dbt.ref("stg_reference__port_hinterlands").df()
    keys = hinterlands[["port_code", "prefecture_code"]].itertuples(index=False, name=None)
    pairs = list(dict.fromkeys(keys))

    def one_pair(pair: tuple[str, str]) -> pd.DataFrame:
        rows = hinterlands[(hinterlands.port_code == pair[0]) & (hinterlands.prefecture_code == pair[1])]
        return hinterland_grey_relation(port_panel, prefecture_panel, rows, settings["hinterland_years"],
                                        settings["rho"], settings["normalize"])

    return map_pools(session, pairs, one_pair)


# Models whose method runs on the executors rather than the driver: the function replaces the model
# file's body, with the same refs and meta.
DISTRIBUTED: dict[str, Callable] = {
    "int_border_growth_gmm_results": border_growth_gmm_results,
    "int_port_cluster_grey_relation": port_cluster_grey_relation,
    "int_port_hinterland_grey_relation": port_hinterland_grey_relation,
}
