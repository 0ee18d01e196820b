"""opening_up.papers.port_clusters (paper 000): its vars read from meta, the indicator series it sums
and the cluster grey relation, against opening_up.methods.grey called directly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import synthetic_panels
from synthetic_panels import YEARS

from opening_up.methods import grey
from opening_up.papers.port_clusters import (
    LOCAL_ECONOMY,
    PORT_REFERENCES,
    cluster_grey_relation,
    indicator_series,
    settings_from_meta,
)

META = {"fuzzy_year": "2018", "fuzzy_mean_first_year": "2008", "fuzzy_mean_last_year": "2018",
        "fuzzy_standardize_method": "std_range", "fuzzy_similarity_method": "max_min",
        "fuzzy_similarity_params": "{}", "grey_first_year": "2006", "grey_last_year": "2018",
        "grey_rho": "0.5", "grey_normalize": "none", "count_duplicate_port_units": "False"}


def test_settings_are_read_from_the_strings_dbt_passes_in_meta() -> None:
    settings = settings_from_meta(META)
    assert settings["fuzzy_bases"] == {"year 2018": [2018], "mean 2008-2018": list(range(2008, 2019))}
    assert settings["grey_years"] == list(range(2006, 2019))
    assert settings["rho"] == 0.5
    assert settings["normalize"] is None
    assert settings["count_duplicate_units"] is False
    assert settings_from_meta({**META, "grey_normalize": "mean"})["normalize"] == "mean"


def test_indicator_series_sums_the_entities_and_the_parts_of_a_tuple() -> None:
    port_panel = synthetic_panels.port_panel()
    series = indicator_series(port_panel, PORT_REFERENCES, [*YEARS, 2019])
    by_year = port_panel.groupby("year")
    expected = by_year.port_import_value.sum() + by_year.port_export_value.sum()
    np.testing.assert_allclose(series.trade_value.loc[YEARS], expected.loc[YEARS], rtol=1e-12)
    # A year no entity reports is missing, not zero.
    assert series.loc[2019].isna().all()


def _ports() -> pd.DataFrame:
    return pd.DataFrame({"port_code": ["P1", "P2", "P3"], "physical_port_code": ["P1", "P2", "P3"],
                         "cluster_code": ["K1", "K1", "K2"], "cluster_name": ["one", "one", "two"],
                         "prefecture_code": ["C1", "C1", "C2"]})


def test_cluster_grades_are_the_grey_grades_of_the_summed_series() -> None:
    port_panel = synthetic_panels.port_panel()
    prefecture_panel = synthetic_panels.prefecture_panel()
    result = cluster_grey_relation(port_panel, prefecture_panel, _ports(), YEARS, rho=0.5, normalize="mean")
    members = port_panel[port_panel.port_code.isin(["P1", "P2"])]
    reference = indicator_series(members, PORT_REFERENCES, YEARS).to_numpy()
    local = prefecture_panel[prefecture_panel.prefecture_code == "C1"].set_index("year")[LOCAL_ECONOMY]
    grades = grey.grey_relational_grades(reference, local.to_numpy(), rho=0.5, normalize="mean")
    cluster = result[result.cluster_code == "K1"]
    np.testing.assert_allclose(cluster.grey_relational_grade, grades.mean(axis=1), rtol=1e-12)
    assert list(cluster.indicator_code) == LOCAL_ECONOMY
    assert cluster.n_ports.iloc[0] == 2
    assert not result.is_sample.any()


def test_a_cluster_with_an_incomplete_series_is_refused() -> None:
    port_panel = synthetic_panels.port_panel()
    prefecture_panel = synthetic_panels.prefecture_panel()
    short = prefecture_panel[prefecture_panel.year != YEARS[-1]]
    with pytest.raises(ValueError, match="local economy incomplete"):
        cluster_grey_relation(port_panel, short, _ports(), YEARS, rho=0.5, normalize=None)
