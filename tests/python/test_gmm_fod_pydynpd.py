"""Forward orthogonal deviations against pydynpd 0.2.2 (which follows xtabond2; plm has no FOD), from the
stored output of tests/fixtures/pydynpd_fod.py (pydynpd_fod.out; the tests do not need pydynpd)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import pandas as pd

from opening_up.methods.gmm import difference_gmm, system_gmm

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def pydynpd_output() -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = {}
    for line in (FIXTURES / "pydynpd_fod.out").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].split()[0], {})
        elif line.strip():
            label, *values = line.split()
            current[label] = values
    return sections


def test_difference_gmm_in_forward_orthogonal_deviations_equals_pydynpd() -> None:
    data = pd.read_csv(FIXTURES / "EmplUK.csv")
    data = data.assign(n=np.log(data.emp), w=np.log(data.wage), k=np.log(data.capital))
    result = difference_gmm(data, entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"],
                            gmm={"n": (2, None)}, transform="fod", steps=2)
    expected = pydynpd_output()["difference_fod"]
    assert expected["names"] == ["L1.n", "w", "k"]
    np.testing.assert_allclose(result.params, [float(x) for x in expected["coef"]], atol=1e-9)
    np.testing.assert_allclose(result.std_errors, [float(x) for x in expected["se"]], atol=1e-9)
    statistic, df, pvalue = expected["hansen"]
    np.testing.assert_allclose(result.hansen, [float(statistic), int(df), float(pvalue)], atol=1e-8)
    ar = [float(x) for x in expected["ar"]]
    np.testing.assert_allclose([*result.ar(1), *result.ar(2)], ar, atol=1e-9)
    assert result.n_instruments == int(expected["n_instruments"][0])


@pytest.mark.parametrize(("section", "steps"), [("system_fod_balanced", 2), ("system_fod_balanced_onestep", 1)])
def test_system_gmm_in_forward_orthogonal_deviations_equals_pydynpd_on_a_balanced_panel(section: str,
                                                                                        steps: int) -> None:
    """The 14 firms EmplUK observes every year: coefficients and errors (with a column of ones for
    pydynpd's constant, which enters the level equations only), and after two steps the AR tests. Two
    conventions differ: with 36 instruments for 14 groups the weight matrix is singular, so our Hansen J
    is missing where pydynpd reports one from a generalized inverse; and on the unbalanced panel
    pydynpd's first-step weight uses orthogonal deviations over every period of the grid, ours over each
    firm's observed periods, so there the estimates differ (docs/methods.md)."""
    data = pd.read_csv(FIXTURES / "EmplUK.csv")
    data = data.assign(n=np.log(data.emp), one=1.0)
    balanced = data[data.groupby("firm").year.transform("size") == data.year.nunique()]
    result = system_gmm(balanced, entity="firm", time="year", y="n", y_lags=(1,), exog=["one"],
                        gmm={"n": (2, None)}, transform="fod", steps=steps)
    expected = pydynpd_output()[section]
    assert expected["names"] == ["L1.n", "_con"]
    np.testing.assert_allclose(result.params, [float(x) for x in expected["coef"]], atol=1e-9)
    np.testing.assert_allclose(result.std_errors, [float(x) for x in expected["se"]], atol=1e-9)
    assert result.n_instruments == int(expected["n_instruments"][0])
    assert np.isnan(result.j_test.statistic) and float(expected["hansen"][0]) > 0
    if steps == 2:
        np.testing.assert_allclose([*result.ar(1), *result.ar(2)], [float(x) for x in expected["ar"]], atol=1e-9)
