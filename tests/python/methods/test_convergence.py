"""opening_up.methods.convergence against statsmodels: absolute β as its OLS (classical errors), and
conditional β as its OLS with region dummies (the within estimator) and the cluster-robust sandwich by
region times G / (G - 1) (the package's `group_debias=True`; G the number of regions)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from opening_up.methods import convergence


def _panel(seed: int = 0, regions: int = 12, years: int = 15) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    level = rng.uniform(1, 3, regions)
    rows = []
    for year in range(2000, 2000 + years):
        rows += [{"region": f"r{i:02d}", "year": year, "y": float(np.exp(v))} for i, v in enumerate(level)]
        level = 0.3 + 0.85 * level + rng.normal(0, 0.1, regions)
    return pd.DataFrame(rows)


def test_absolute_beta_is_the_ols_slope_with_its_speed_and_half_life() -> None:
    panel = _panel()
    first, last = panel[panel.year == 2000], panel[panel.year == 2014]
    result = convergence.absolute_beta(first.y.to_numpy(), last.y.to_numpy(), 14)
    growth = (np.log(last.y.to_numpy()) - np.log(first.y.to_numpy())) / 14
    ols = sm.OLS(growth, sm.add_constant(np.log(first.y.to_numpy()))).fit()
    assert result.beta == pytest.approx(ols.params[1], rel=1e-9)
    assert result.std_error == pytest.approx(ols.bse[1], rel=1e-9)
    assert result.p_value == pytest.approx(ols.pvalues[1], rel=1e-9)
    assert result.speed == pytest.approx(-np.log(1 + result.beta * 14) / 14, rel=1e-12)
    assert result.half_life_years == pytest.approx(np.log(2) / result.speed, rel=1e-12)
    assert result.n_obs == 12
    assert result.beta < 0


def test_conditional_beta_is_the_within_estimator_with_errors_clustered_by_region() -> None:
    panel = _panel(seed=1)
    result = convergence.conditional_beta(panel, "region", "year", "y")
    frame = panel.sort_values(["region", "year"]).assign(log_y=lambda f: np.log(f.y))
    frame["lagged"] = frame.groupby("region").log_y.shift(1)
    frame = frame.dropna()
    dummies = pd.get_dummies(frame.region, dtype=float)
    x = pd.concat([frame[["lagged"]], dummies], axis=1)
    ols = sm.OLS(frame.log_y - frame.lagged, x).fit(
        cov_type="cluster",
        cov_kwds={"groups": frame.region.astype("category").cat.codes, "use_correction": False},
    )
    assert result.beta == pytest.approx(ols.params["lagged"], rel=1e-9)
    groups = frame.region.nunique()
    assert result.std_error == pytest.approx(ols.bse["lagged"] * np.sqrt(groups / (groups - 1)), rel=1e-9)
    assert result.n_obs == len(frame)
    assert result.speed == pytest.approx(-np.log(1 + result.beta), rel=1e-12)


def test_divergence_has_no_half_life_and_too_few_regions_are_refused() -> None:
    start = np.array([1.0, 2.0, 3.0, 4.0])
    result = convergence.absolute_beta(start, start**2, 10)
    assert result.beta > 0
    assert np.isnan(result.half_life_years)
    with pytest.raises(ValueError, match="degree of freedom"):
        convergence.absolute_beta(start[:2], start[:2], 10)
