"""This project's extension of paper 000's grey relational analysis to paper 002's Inner Mongolia ports
and their hinterland cities (paper 002 itself has no such analysis): the data shaping behind the dbt
Python model of models/intermediate/inner_mongolia_ports, calling `opening_up.methods.grey` on the
indicator series of `opening_up.papers.port_clusters`.
"""

from __future__ import annotations

import pandas as pd

from opening_up.methods import grey
from opening_up.papers.port_clusters import (
    LOCAL_ECONOMY,
    PORT_REFERENCES,
    grey_settings,
    indicator_series,
    period_years,
    uses_sample,
)


def hinterland_grey_relation(port_panel: pd.DataFrame, prefecture_panel: pd.DataFrame,
                             hinterlands: pd.DataFrame, years: list[int], rho: float,
                             normalize: str | None) -> pd.DataFrame:
    """Paper 000's grey relational analysis extended to paper 002's ports (our extension, not paper 002's):
    per port and hinterland city, the grade of each city indicator against each port indicator (trade,
    freight, persons), over `years`."""
    rows = []
    for pair in hinterlands.itertuples():
        reference = indicator_series(
            port_panel[port_panel.port_code == pair.port_code], PORT_REFERENCES, years
        )
        city = indicator_series(prefecture_panel[prefecture_panel.prefecture_code == pair.prefecture_code],
                       {name: name for name in LOCAL_ECONOMY}, years)
        if reference.isna().any().any() or city.isna().any().any():
            raise ValueError(
                f"{pair.port_code} / {pair.prefecture_code}: series incomplete in {years[0]}-{years[-1]}"
            )
        grades = grey.grey_relational_grades(
            reference.to_numpy(), city.to_numpy(), rho=rho, normalize=normalize
        )
        is_sample = (uses_sample(port_panel, "port_code", [pair.port_code], years)
                     or uses_sample(prefecture_panel, "prefecture_code", [pair.prefecture_code], years))
        for i, city_indicator in enumerate(LOCAL_ECONOMY):
            for j, port_indicator in enumerate(PORT_REFERENCES):
                rows.append({"port_code": pair.port_code, "prefecture_code": pair.prefecture_code,
                             "relation": pair.relation, "port_indicator": port_indicator,
                             "city_indicator": city_indicator, "grey_relational_grade": grades[i, j],
                             "is_sample": is_sample})
    result = pd.DataFrame(rows)
    result["grade_rank_in_pair"] = (
        result.groupby(["port_code", "prefecture_code"])
        .grey_relational_grade.rank(ascending=False, method="min")
        .astype(int)
    )
    result["period_first_year"], result["period_last_year"] = years[0], years[-1]
    result["rho"], result["normalize"] = rho, normalize or "none"
    return result


def hinterland_settings_from_meta(meta: dict) -> dict:
    """The vars of the hinterland grey relation (our extension to paper 002's ports) as its Python model
    receives them: the period and the grey settings."""
    return {"hinterland_years": period_years(meta, "hinterland"), **grey_settings(meta)}
