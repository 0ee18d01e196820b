"""opening_up.papers.inner_mongolia_ports (paper 002, our extension of paper 000's grey relation): per
port and hinterland city, the grades equal opening_up.methods.grey's, ranked within the pair, and
sample inputs mark the pair."""

from __future__ import annotations

import numpy as np
import pandas as pd
import synthetic_panels
from synthetic_panels import YEARS

from opening_up.methods import grey
from opening_up.papers.inner_mongolia_ports import hinterland_grey_relation, hinterland_settings_from_meta
from opening_up.papers.port_clusters import LOCAL_ECONOMY, PORT_REFERENCES, indicator_series

HINTERLANDS = pd.DataFrame({"port_code": ["P1", "P2"], "prefecture_code": ["C1", "C2"],
                            "relation": ["holding_prefecture", "hinterland"]})


def test_each_pair_has_the_grey_grades_of_its_own_series() -> None:
    port_panel = synthetic_panels.port_panel()
    prefecture_panel = synthetic_panels.prefecture_panel()
    result = hinterland_grey_relation(
        port_panel, prefecture_panel, HINTERLANDS, YEARS, rho=0.5, normalize="initial"
    )
    reference = indicator_series(port_panel[port_panel.port_code == "P2"], PORT_REFERENCES, YEARS).to_numpy()
    city = (
        prefecture_panel[prefecture_panel.prefecture_code == "C2"].set_index("year")[LOCAL_ECONOMY].to_numpy()
    )
    grades = grey.grey_relational_grades(reference, city, rho=0.5, normalize="initial")
    pair = result[result.port_code == "P2"]
    assert len(pair) == len(LOCAL_ECONOMY) * len(PORT_REFERENCES)
    np.testing.assert_allclose(pair.grey_relational_grade, grades.ravel(), rtol=1e-12)
    top = pair.loc[pair.grey_relational_grade.idxmax()]
    assert top.grade_rank_in_pair == 1


def test_a_sample_input_marks_only_its_pair() -> None:
    port_panel = synthetic_panels.port_panel()
    prefecture_panel = synthetic_panels.prefecture_panel()
    port_panel.loc[(port_panel.port_code == "P1") & (port_panel.year == YEARS[0]), "is_sample"] = True
    result = hinterland_grey_relation(
        port_panel, prefecture_panel, HINTERLANDS, YEARS, rho=0.5, normalize=None
    )
    assert result.groupby("port_code").is_sample.all().to_dict() == {"P1": True, "P2": False}


def test_settings_are_the_hinterland_period_and_the_grey_settings() -> None:
    meta = {"hinterland_first_year": "2006", "hinterland_last_year": "2022", "grey_rho": "0.4",
            "grey_normalize": "mean"}
    assert hinterland_settings_from_meta(meta) == {"hinterland_years": list(range(2006, 2023)), "rho": 0.4,
                                                   "normalize": "mean"}
