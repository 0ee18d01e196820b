"""Small synthetic panels in the shape of the warehouse's port and prefecture panels (int_port_panel,
int_prefecture_panel), for the papers' data shaping without a built warehouse. Functions, not
fixtures: a conftest.py here would shadow tests/python/conftest.py's module name."""

from __future__ import annotations

import numpy as np
import pandas as pd

from opening_up.papers.port_clusters import LOCAL_ECONOMY, PORT_REFERENCES

YEARS = [2015, 2016, 2017, 2018]
PORT_COLUMNS = sorted({column for source in PORT_REFERENCES.values() for column in source})


def _panel(code_column: str, codes: list[str], columns: list[str], seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    index = pd.MultiIndex.from_product([codes, YEARS], names=[code_column, "year"])
    frame = pd.DataFrame(rng.uniform(1, 100, size=(len(index), len(columns))), index=index, columns=columns)
    frame["is_sample"] = False
    return frame.reset_index()


def port_panel() -> pd.DataFrame:
    return _panel("port_code", ["P1", "P2", "P3"], PORT_COLUMNS, seed=1)


def prefecture_panel() -> pd.DataFrame:
    return _panel("prefecture_code", ["C1", "C2"], LOCAL_ECONOMY, seed=2)
