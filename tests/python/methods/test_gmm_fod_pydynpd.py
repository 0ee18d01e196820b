"""Forward orthogonal deviations against pydynpd 0.2.2 (which follows xtabond2; plm has no FOD), from the
stored output of tests/fixtures/pydynpd_fod.py (pydynpd_fod.out; the tests do not need pydynpd)."""

from __future__ import annotations


import numpy as np
import pytest
import pandas as pd

from conftest import numbers, stored_output
from opening_up.methods.gmm import difference_gmm, system_gmm

PYDYNPD = stored_output("pydynpd_fod.out")


def test_difference_gmm_in_forward_orthogonal_deviations_equals_pydynpd(empluk: pd.DataFrame) -> None:
    result = difference_gmm(empluk, entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"],
                            gmm={"n": (2, None)}, transform="fod", steps=2)
    expected = PYDYNPD["difference_fod"]
    assert expected["names"] == ["L1.n", "w", "k"]
    np.testing.assert_allclose(result.params, numbers(expected["coef"]), atol=1e-9)
    np.testing.assert_allclose(result.std_errors, numbers(expected["se"]), atol=1e-9)
    np.testing.assert_allclose(result.hansen, numbers(expected["hansen"]), atol=1e-8)
    np.testing.assert_allclose([*result.ar(1), *result.ar(2)], numbers(expected["ar"]), atol=1e-9)
    assert result.n_instruments == int(expected["n_instruments"][0])


@pytest.mark.parametrize(
    ("section", "steps"), [("system_fod_balanced", 2), ("system_fod_balanced_onestep", 1)]
)
def test_system_gmm_in_forward_orthogonal_deviations_equals_pydynpd_on_a_balanced_panel(
    section: str, steps: int, empluk: pd.DataFrame
) -> None:
    """The 14 firms EmplUK observes every year: coefficients and errors (with a column of ones for
    pydynpd's constant, which enters the level equations only), and after two steps the AR tests. Two
    conventions differ: with 36 instruments for 14 groups the weight matrix is singular, so our Hansen J
    is missing where pydynpd reports one from a generalized inverse; and on the unbalanced panel
    pydynpd's first-step weight uses orthogonal deviations over every period of the grid, ours over each
    firm's observed periods, so there the estimates differ (docs/methods.md)."""
    data = empluk.assign(one=1.0)
    balanced = data[data.groupby("firm").year.transform("size") == data.year.nunique()]
    result = system_gmm(balanced, entity="firm", time="year", y="n", y_lags=(1,), exog=["one"],
                        gmm={"n": (2, None)}, transform="fod", steps=steps)
    expected = PYDYNPD[section]
    assert expected["names"] == ["L1.n", "_con"]
    np.testing.assert_allclose(result.params, numbers(expected["coef"]), atol=1e-9)
    np.testing.assert_allclose(result.std_errors, numbers(expected["se"]), atol=1e-9)
    assert result.n_instruments == int(expected["n_instruments"][0])
    assert np.isnan(result.j_test.statistic)
    assert float(expected["hansen"][0]) > 0
    if steps == 2:
        np.testing.assert_allclose([*result.ar(1), *result.ar(2)], numbers(expected["ar"]), atol=1e-9)
