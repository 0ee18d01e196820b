"""Grey relational analysis (灰色关联分析), Deng Julong (1982), as paper 000 relates port clusters to
their local economies.

With normalised series x_0 (reference, 母序列) and x_i (comparisons, 子序列),
Δ_i(t) = |x_0(t) - x_i(t)|, the two-level extremes Δmin = min_i min_t Δ_i(t) and
Δmax = max_i max_t Δ_i(t) over all comparison series of that reference, the coefficient
ξ_i(t) = (Δmin + ρ Δmax) / (Δ_i(t) + ρ Δmax) (paper 000: ρ = 0.5) and the grade r_i = mean_t ξ_i(t).
Normalisation: "initial" 初值化 x / x(1); "mean" 均值化 x / mean(x); "range" (x - min) / (max - min);
None keeps the data.
"""

from __future__ import annotations

import numpy as np

NORMALIZATIONS = ("initial", "mean", "range", None)


def _normalize(series: np.ndarray, method: str | None) -> np.ndarray:
    """Normalise each column (one series) by `method`."""
    if method is None:
        return series
    if method == "initial":
        if (series[0] == 0).any():
            raise ValueError("'initial' normalisation needs a non-zero first value in every series")
        return series / series[0]
    if method == "mean":
        mean = series.mean(axis=0)
        if (mean == 0).any():
            raise ValueError("'mean' normalisation needs a non-zero mean in every series")
        return series / mean
    if method == "range":
        span = series.max(axis=0) - series.min(axis=0)
        if (span == 0).any():
            raise ValueError("'range' normalisation is undefined for a constant series")
        return (series - series.min(axis=0)) / span
    raise ValueError(f"unknown normalisation {method!r}; expected one of {NORMALIZATIONS}")


def _as_series(values: np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim == 1:
        array = array[:, None]
    if array.ndim != 2 or array.shape[0] < 2:
        raise ValueError(f"{name} must hold series of at least two periods (rows), got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} has missing or infinite values")
    return array


def grey_relational_coefficients(reference: np.ndarray, comparisons: np.ndarray, rho: float = 0.5,
                                 normalize: str | None = "mean") -> np.ndarray:
    """Coefficients ξ: shape (T, M) for one reference series, (R, T, M) for R reference columns.

    Each reference has its own Δmin and Δmax, taken over all M comparison series.
    """
    if not 0 < rho <= 1:
        raise ValueError(f"rho must lie in (0, 1], got {rho}")
    single = np.asarray(reference).ndim == 1
    x0 = _normalize(_as_series(reference, "reference"), normalize)
    xi = _normalize(_as_series(comparisons, "comparisons"), normalize)
    if x0.shape[0] != xi.shape[0]:
        raise ValueError(f"reference has {x0.shape[0]} periods but comparisons have {xi.shape[0]}")
    delta = np.abs(x0.T[:, :, None] - xi[None, :, :])
    low = delta.min(axis=(1, 2), keepdims=True)
    high = delta.max(axis=(1, 2), keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        xi_coef = np.where(high > 0, (low + rho * high) / (delta + rho * high), 1.0)
    return xi_coef[0] if single else xi_coef


def grey_relational_grades(reference: np.ndarray, comparisons: np.ndarray, rho: float = 0.5,
                           normalize: str | None = "mean") -> np.ndarray:
    """Grades r = mean over periods of ξ: shape (M,) for one reference, (M, R) for R references."""
    coefficients = grey_relational_coefficients(reference, comparisons, rho=rho, normalize=normalize)
    if coefficients.ndim == 2:
        return coefficients.mean(axis=0)
    return coefficients.mean(axis=1).T
