"""β-convergence (β收敛) of a regional index, absolute and conditional, with its speed and half-life
(Barro and Sala-i-Martin 1992, "Convergence", Journal of Political Economy 100(2): 223-251).

- Absolute (cross-section): (ln y_iT - ln y_i0) / T = α + β ln y_i0 + ε_i by OLS with classical
  standard errors; the speed λ = -ln(1 + βT) / T.
- Conditional (panel): Δln y_it = α_i + β ln y_i,t-1 + ε_it with region fixed effects
  (linearmodels PanelOLS, errors clustered by region: the sandwich over regions times G / (G - 1),
  G the number of regions, linearmodels' `group_debias=True`); λ = -ln(1 + β).
The half-life is ln 2 / λ (years). λ and the half-life are undefined (NaN) when 1 + βT <= 0 (an
overshooting β) and the half-life when λ <= 0 (divergence).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats


@dataclass(frozen=True)
class BetaConvergenceResult:
    """β, its standard error and p-value, the speed λ and half-life, and the number of observations."""

    kind: str
    beta: float
    std_error: float
    p_value: float
    speed: float
    half_life_years: float
    n_obs: int

    def summary(self) -> str:
        return (f"{self.kind} β-convergence: β = {self.beta:.6f} (s.e. {self.std_error:.6f}, "
                f"p = {self.p_value:.4f}), λ = {self.speed:.6f}, half-life {self.half_life_years:.2f} years, "
                f"n = {self.n_obs}")


def _speed(one_plus: float, years: float) -> tuple[float, float]:
    speed = -np.log(one_plus) / years if one_plus > 0 else np.nan
    half_life = np.log(2) / speed if speed > 0 else np.nan
    return float(speed), float(half_life)


def absolute_beta(y_start: np.ndarray, y_end: np.ndarray, years: float) -> BetaConvergenceResult:
    """Cross-section β: OLS of the mean annual log growth over `years` on the initial log level."""
    y_start, y_end = np.asarray(y_start, dtype=float), np.asarray(y_end, dtype=float)
    if y_start.shape != y_end.shape or y_start.ndim != 1:
        raise ValueError("absolute_beta: y_start and y_end must be vectors of one length")
    if (y_start <= 0).any() or (y_end <= 0).any() or years <= 0:
        raise ValueError("absolute_beta: levels and the number of years must be positive")
    n = len(y_start)
    if n < 3:
        raise ValueError(f"absolute_beta: {n} regions leave no degree of freedom for the standard error")
    x = np.column_stack([np.ones(n), np.log(y_start)])
    growth = (np.log(y_end) - np.log(y_start)) / years
    coef, *_ = np.linalg.lstsq(x, growth, rcond=None)
    resid = growth - x @ coef
    sigma2 = resid @ resid / (n - 2)
    std_error = float(np.sqrt(sigma2 * np.linalg.inv(x.T @ x)[1, 1]))
    beta = float(coef[1])
    p_value = float(2 * stats.t.sf(abs(beta / std_error), n - 2)) if std_error > 0 else np.nan
    speed, half_life = _speed(1 + beta * years, years)
    return BetaConvergenceResult("beta_absolute", beta, std_error, p_value, speed, half_life, n)


def conditional_beta(panel: pd.DataFrame, entity: str, time: str, y: str) -> BetaConvergenceResult:
    """Panel β with entity fixed effects: Δln y_it on ln y_i,t-1 (consecutive years only), PanelOLS
    with errors clustered by entity (G / (G - 1) correction)."""
    from linearmodels.panel import PanelOLS

    frame = panel[[entity, time, y]].sort_values([entity, time])
    if (frame[y] <= 0).any():
        raise ValueError("conditional_beta: levels must be positive")
    log_y = np.log(frame[y].astype(float))
    lagged = log_y.groupby(frame[entity]).shift(1)
    consecutive = frame[time].groupby(frame[entity]).diff() == 1
    data = pd.DataFrame({entity: frame[entity], time: frame[time], "growth": log_y - lagged,
                         "lagged_log": lagged})[consecutive.to_numpy()]
    if data[entity].nunique() < 2:
        raise ValueError("conditional_beta: needs at least two entities")
    data = data.set_index([entity, time])
    fit = PanelOLS(data.growth, data[["lagged_log"]], entity_effects=True).fit(
        cov_type="clustered", cluster_entity=True, group_debias=True)
    beta = float(fit.params["lagged_log"])
    speed, half_life = _speed(1 + beta, 1.0)
    return BetaConvergenceResult("beta_conditional", beta, float(fit.std_errors["lagged_log"]),
                                 float(fit.pvalues["lagged_log"]), speed, half_life, int(fit.nobs))
