"""Forward orthogonal deviations against pydynpd 0.2.2 (which follows xtabond2; plm has no FOD), from the
stored output of tests/fixtures/pydynpd_fod.py (pydynpd_fod.out; the tests do not need pydynpd)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from opening_up.methods.gmm import difference_gmm

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
