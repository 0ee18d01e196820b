"""How the sample's series are drawn and calibrated: random walks, the 2009 and 2020 shocks, and the
scaling that makes a series meet real or published targets (opening_up.sample)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def walk(rng: np.random.Generator, n: int, drift: float, sd: float) -> np.ndarray:
    """Cumulative log growth with i.i.d. normal shocks (a random walk with drift)."""
    return np.cumsum(np.r_[0.0, drift + sd * rng.standard_normal(n - 1)])


def shock(years: np.ndarray, dip_2009: float, dip_2020: float, rebound_2021: float) -> np.ndarray:
    """Multiplicative level shocks of 2009, 2020 and the partial rebound after 2020."""
    factor = np.ones(len(years))
    factor[years == 2009] *= 1 - dip_2009
    factor[years == 2020] *= 1 - dip_2020
    factor[years >= 2021] *= 1 - dip_2020 * (1 - rebound_2021)
    return factor


def meet(series: pd.Series, targets: pd.Series | None) -> pd.Series:
    """Scale a yearly series by targets / series, interpolated between the target years and held beyond
    them: equal to every target, continuous elsewhere."""
    targets = pd.Series(dtype=float) if targets is None else targets.dropna()
    targets = targets[targets.index.isin(series.index)]
    if targets.empty:
        return series
    ratio = (targets / series.reindex(targets.index)).reindex(series.index)
    return series * ratio.interpolate(limit_area="inside").bfill().ffill()


def anchor(series: pd.Series, targets: pd.Series, rng: np.random.Generator) -> pd.Series:
    """Scale a yearly series to pass within ~1 % of published targets, holding the edge ratios outside."""
    targets = targets.dropna()
    noise = pd.Series(1.0, index=series.index)
    noise.loc[targets.index] = 1 + 0.004 * rng.standard_normal(len(targets))
    return meet(series, targets) * noise
