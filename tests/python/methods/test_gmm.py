"""Difference GMM against R plm 2.6-2 `pgmm` on EmplUK (../shared/reference/README.md, Arellano and Bond
1991)."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from conftest import stored_numbers
from opening_up.methods.gmm import difference_gmm

SLOPES = ["L1.n", "L2.n", "w", "L1.w", "k", "ys", "L1.ys"]
# R plm 2.6-2, pgmm(log(emp) ~ lag(log(emp), 1:2) + lag(log(wage), 0:1) + log(capital)
#   + lag(log(output), 0:1) | lag(log(emp), 2:99), effect = "twoways"), as in the reference README.
SPEC_A = {
    "params": [0.474151, -0.052967, -0.513205, 0.224640, 0.292723, 0.609775, -0.446373],
    "windmeijer": [0.185398, 0.051749, 0.145565, 0.141950, 0.062627, 0.156263, 0.217302],
    "conventional": [0.085303, 0.027284, 0.049345, 0.080063, 0.039463, 0.108524, 0.124815],
    "hansen": (30.112467, 25, 0.220105), "ar1": (-1.538450, 0.123939), "ar2": (-0.279683, 0.779721),
    "ar_conventional": (-2.427829, -0.332540),
}
SPEC_B = {
    "params": [0.534614, -0.075069, -0.591573, 0.291510, 0.358502, 0.597198, -0.611704],
    "robust": [0.166449, 0.067979, 0.167884, 0.141058, 0.053828, 0.171933, 0.211796],
    "sargan": (44.618754, 25, 0.009239), "ar1": (-2.493372, 0.012654), "ar2": (-0.359448, 0.719260),
}



def estimate(data: pd.DataFrame, **options):
    settings = {"gmm": {"n": (2, None)}, "time_effects": True} | options
    return difference_gmm(data, entity="firm", time="year", y="n", y_lags=(1, 2),
                          exog=["w", "L1.w", "k", "ys", "L1.ys"], **settings)


def test_spec_a_two_step_windmeijer(empluk: pd.DataFrame) -> None:
    result = estimate(empluk, steps=2)
    np.testing.assert_allclose(result.params[SLOPES], SPEC_A["params"], atol=1e-5)
    np.testing.assert_allclose(result.std_errors[SLOPES], SPEC_A["windmeijer"], atol=1e-5)
    np.testing.assert_allclose(result.hansen, SPEC_A["hansen"], atol=1e-5)
    np.testing.assert_allclose(result.ar(1), SPEC_A["ar1"], atol=1e-5)
    np.testing.assert_allclose(result.ar(2), SPEC_A["ar2"], atol=1e-5)
    assert (result.n_obs, result.n_groups, result.n_instruments) == (611, 140, 38)


def test_spec_a_conventional_errors(empluk: pd.DataFrame) -> None:
    result = estimate(empluk, steps=2, robust=False)
    np.testing.assert_allclose(result.std_errors[SLOPES], SPEC_A["conventional"], atol=1e-5)
    np.testing.assert_allclose([result.ar(1)[0], result.ar(2)[0]], SPEC_A["ar_conventional"], atol=1e-5)


def test_spec_b_one_step_robust(empluk: pd.DataFrame) -> None:
    result = estimate(empluk, steps=1)
    np.testing.assert_allclose(result.params[SLOPES], SPEC_B["params"], atol=1e-5)
    np.testing.assert_allclose(result.std_errors[SLOPES], SPEC_B["robust"], atol=1e-5)
    np.testing.assert_allclose(result.sargan, SPEC_B["sargan"], atol=1e-5)
    np.testing.assert_allclose(result.ar(1), SPEC_B["ar1"], atol=1e-5)
    np.testing.assert_allclose(result.ar(2), SPEC_B["ar2"], atol=1e-5)
    assert "Sargan" in result.summary()


def test_row_order_and_key_types_do_not_matter(empluk: pd.DataFrame) -> None:
    reference = estimate(empluk, steps=2)
    shuffled = empluk.sample(frac=1, random_state=11).assign(firm=lambda d: "firm-" + d.firm.astype(str))
    result = estimate(shuffled, steps=2)
    np.testing.assert_allclose(result.params, reference.params, atol=1e-12)
    np.testing.assert_allclose(result.std_errors, reference.std_errors, atol=1e-12)


def test_collapse_and_lag_limits_reduce_instruments(empluk: pd.DataFrame) -> None:
    result = estimate(empluk, steps=2, collapse=True, gmm={"n": (2, 3)})
    assert result.n_instruments == 2 + 5 + 6
    assert result.n_instruments < 38


def test_clear_errors(empluk: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="duplicate"):
        estimate(pd.concat([empluk, empluk.head(1)]))
    with pytest.raises(ValueError, match="missing values"):
        estimate(empluk.assign(w=empluk.w.where(empluk.index != 5)))
    with pytest.raises(ValueError, match="too few periods"):
        estimate(empluk[empluk.year <= 1977])
    with pytest.raises(ValueError, match="unknown column"):
        difference_gmm(empluk, entity="firm", time="year", y="n", exog=["L1.nothing"])


def test_instrument_proliferation_is_reported() -> None:
    rng = np.random.default_rng(5)
    rows = [{"g": g, "t": t, "y": rng.normal(), "x": rng.normal()} for g in range(6) for t in range(12)]
    result = difference_gmm(pd.DataFrame(rows), entity="g", time="t", y="y", y_lags=(1,), exog=["x"])
    assert result.n_instruments > result.n_groups
    assert any("exceed" in w for w in result.warnings)


@pytest.mark.parametrize(("section", "options"), [("spec_a_twostep_windmeijer", {"steps": 2}),
                                                  ("spec_b_onestep_robust", {"steps": 1})])
def test_the_covariance_is_plms_and_gives_the_errors_and_intervals(empluk: pd.DataFrame, section: str,
                                                                   options: dict) -> None:
    """`cov` is the whole matrix plm's vcovHC gives (tests/fixtures/plm_vcov.R and .out), off-diagonal
    terms included; std_errors are its diagonal's roots; `conf_int(level)` as linearmodels computes it
    (params ± the normal quantile times the errors); str() is the summary."""
    result = estimate(empluk, **options)
    plm = np.array([stored_numbers("plm_vcov.out")[section][f"row{i}"] for i in range(1, 8)])
    cov = result.cov.loc[SLOPES, SLOPES].to_numpy()
    np.testing.assert_allclose(cov, plm, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(np.sqrt(np.diag(result.cov)), result.std_errors, rtol=1e-12)
    intervals = result.conf_int(0.9)
    assert list(intervals.columns) == ["lower", "upper"]
    assert list(intervals.index) == list(result.params.index)
    half = 1.6448536269514722 * result.std_errors
    np.testing.assert_allclose(intervals.lower, result.params - half, rtol=1e-12)
    np.testing.assert_allclose(intervals.upper, result.params + half, rtol=1e-12)
    with pytest.raises(ValueError, match="level must be between 0 and 1"):
        result.conf_int(95)
    assert str(result) == result.summary()
    assert "L1.n" in str(result)
