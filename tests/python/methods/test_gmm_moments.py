"""The map/reduce form of the GMM (`opening_up.methods.gmm_moments`) equals the local estimator
(`opening_up.methods.gmm`) to 1e-9 relative, on EmplUK (R plm's reference panel) cut into parts of
whole firms, and so equals plm's published values as the local estimator does."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from opening_up.methods.gmm import difference_gmm, estimate_moments, fit_parts, system_gmm
from opening_up.methods.gmm_moments import combine, design_of, entity_moments
from opening_up.methods.gmm_spec import GMMSpec
from gmm_comparison import assert_same

EMPLUK = {"entity": "firm", "time": "year", "y": "n", "y_lags": (1, 2),
          "exog": ["w", "L1.w", "k", "ys", "L1.ys"], "gmm": {"n": (2, None)}}
SPECS = {
    "difference, two steps, Windmeijer": ("difference", {"time_effects": True, "instrument_tests": True}),
    "difference, one step, robust": ("difference", {"time_effects": True, "steps": 1}),
    "difference, two steps, conventional": ("difference", {"time_effects": True, "robust": False}),
    "difference, one step, conventional": ("difference", {"steps": 1, "robust": False}),
    "system, two steps, time effects": ("system", {"time_effects": True, "instrument_tests": True}),
    "system, one step, collapsed": ("system", {"steps": 1, "collapse": True, "gmm": {"n": (2, 3)}}),
    "difference, orthogonal deviations": ("difference", {"transform": "fod", "time_effects": True}),
    "system, orthogonal deviations": ("system", {"transform": "fod", "instrument_tests": True}),
}
LOCAL = {"difference": difference_gmm, "system": system_gmm}
# Paper 001's shape (opening_up.papers.border_growth): an equation already in differences, estimated as
# given, with an interaction of differences instrumented by lags of the differenced regressors.
AS_GIVEN = {"entity": "firm", "time": "year", "y": "dn", "exog": ["dw", "dk", "dys"], "endog": ["dn_x_dw"],
            "gmm": {"dw": (1, None), "dk": (1, None)}, "transform": "none", "instrument_tests": True}


def differenced(empluk: pd.DataFrame) -> pd.DataFrame:
    data = empluk.sort_values(["firm", "year"])
    changes = {f"d{c}": data.groupby("firm")[c].diff() for c in ("n", "w", "k", "ys")}
    return data.assign(**changes).assign(dn_x_dw=lambda d: d.dn * d.dw).dropna()


def parts_of(data: pd.DataFrame, count: int) -> list[pd.DataFrame]:
    """`count` parts of whole firms, in a shuffled order (a cluster's partitions keep no order)."""
    firms = data.firm.unique()
    np.random.default_rng(7).shuffle(firms)
    return [data[data.firm.isin(chunk)] for chunk in np.array_split(firms, count)]


@pytest.mark.parametrize("name", list(SPECS))
@pytest.mark.parametrize("count", [1, 5])
def test_moments_equal_the_local_estimator(empluk: pd.DataFrame, name: str, count: int) -> None:
    estimator, options = SPECS[name]
    settings = EMPLUK | options
    local = LOCAL[estimator](empluk, **settings)
    assert_same(fit_parts(parts_of(empluk, count), estimator, **settings), local)


@pytest.mark.parametrize("collapse", [False, True])
def test_moments_equal_the_local_estimator_as_given(empluk: pd.DataFrame, collapse: bool) -> None:
    data = differenced(empluk)
    local = difference_gmm(data, **AS_GIVEN, collapse=collapse)
    assert_same(fit_parts(parts_of(data, 4), "difference", **AS_GIVEN, collapse=collapse), local)


def test_moments_reproduce_plm(empluk: pd.DataFrame) -> None:
    """Spec A of tests/python/methods/test_gmm.py (plm 2.6-2 pgmm, two steps, Windmeijer), from moments."""
    result = fit_parts(parts_of(empluk, 3), "difference", **EMPLUK, time_effects=True)
    np.testing.assert_allclose(result.params[["L1.n", "L2.n", "w"]], [0.474151, -0.052967, -0.513205],
                               atol=1e-5)
    np.testing.assert_allclose(result.hansen, (30.112467, 25, 0.220105), atol=1e-5)
    np.testing.assert_allclose(result.ar(2), (-0.279683, 0.779721), atol=1e-5)


def test_an_entity_in_two_parts_is_refused(empluk: pd.DataFrame) -> None:
    design, _ = design_of(empluk, GMMSpec(**EMPLUK), "difference")
    moments = entity_moments(design, "difference")
    with pytest.raises(ValueError, match="two parts"):
        combine([moments, moments])


def test_a_part_may_not_drop_rows(empluk: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="missing='raise'"):
        fit_parts([empluk], "difference", **EMPLUK, missing="drop")


def test_an_entitys_moments_do_not_depend_on_its_company(empluk: pd.DataFrame) -> None:
    """The map step on one firm gives, bit for bit, that firm's moments in the whole panel's."""
    spec = GMMSpec(**EMPLUK, time_effects=True)
    whole_design, _ = design_of(empluk, spec, "difference")
    whole = entity_moments(whole_design, "difference")
    firm = empluk[empluk.firm == whole.entities[17]]
    alone_design, _ = design_of(firm, spec, "difference", np.unique(empluk.year))
    alone = entity_moments(alone_design, "difference")
    for name in ("ZW", "ZW_ar", "ZHZ", "WW", "lagged", "abs_Z"):
        np.testing.assert_array_equal(getattr(alone, name)[0], getattr(whole, name)[17], err_msg=name)


def test_estimate_moments_of_the_whole_panel_at_once(empluk: pd.DataFrame) -> None:
    """The reduce step alone, on the map step over every firm at once, is the local estimator."""
    design, warnings = design_of(empluk, GMMSpec(**EMPLUK), "difference")
    whole = estimate_moments(entity_moments(design, "difference"), warnings=warnings)
    assert_same(whole, difference_gmm(empluk, **EMPLUK))
