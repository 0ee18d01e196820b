"""Entropy weight method (熵值法 / 熵权法), the reference for the SQL macro `entropy_weights`.

Normalisation by indicator type (SPSSAU's 正向 / 逆向 / 适度; see zhjx19/mathmodels-book,
"entropy-weight"): benefit (x - min)/(max - min); cost (max - x)/(max - min); middle with best b,
1 - |x - b| / max|x - b|; interval with best [a, b], 1 inside, else 1 - dist / max(a - min, max - b);
score, used as is. Then p_ij = y_ij / sum_i y_ij, e_j = -sum_i p_ij ln p_ij / ln n (0 ln 0 = 0),
d_j = 1 - e_j, w_j = d_j / sum_j d_j, composite score s_i = sum_j w_j y_ij.

Edge rules (documented in the macro too): a constant column normalises to 1 for every row, so its
e_j = 1 and its weight 0; with n = 1 every e_j = 1; when every d_j = 0 the weights are equal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

INDICATOR_TYPES = ("benefit", "cost", "middle", "interval", "score")


@dataclass(frozen=True)
class Indicator:
    """An indicator's type and, for middle and interval types, its best value or range."""

    kind: str
    best: float | None = None
    best_low: float | None = None
    best_high: float | None = None


def normalize(x: np.ndarray, indicator: Indicator) -> np.ndarray:
    """Normalise one column to [0, 1] by its type (formulas in the module docstring)."""
    x = np.asarray(x, dtype=float)
    if indicator.kind not in INDICATOR_TYPES:
        raise ValueError(f"unknown indicator type {indicator.kind!r}; expected one of {INDICATOR_TYPES}")
    if np.isnan(x).any():
        raise ValueError("missing values: the entropy method needs a complete column")
    if indicator.kind == "score":
        return x
    low, high = x.min(), x.max()
    if indicator.kind in ("benefit", "cost"):
        if high == low:
            return np.ones_like(x)
        return (x - low) / (high - low) if indicator.kind == "benefit" else (high - x) / (high - low)
    if indicator.kind == "middle":
        if indicator.best is None:
            raise ValueError("a middle-type indicator needs its best value")
        distance = np.abs(x - indicator.best)
        return np.ones_like(x) if distance.max() == 0 else 1 - distance / distance.max()
    if indicator.best_low is None or indicator.best_high is None:
        raise ValueError("an interval-type indicator needs its best range (best_low, best_high)")
    reach = max(indicator.best_low - low, high - indicator.best_high)
    distance = np.clip(indicator.best_low - x, 0, None) + np.clip(x - indicator.best_high, 0, None)
    return np.ones_like(x) if reach <= 0 else 1 - distance / reach


def entropy_weights(y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Entropy e_j, utility d_j and weight w_j of normalised columns y (n rows x m columns)."""
    y = np.asarray(y, dtype=float)
    n = y.shape[0]
    column_sums = y.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(column_sums > 0, y / column_sums, 1.0 / n)
        plogp = np.where(p > 0, p * np.log(p), 0.0)
    entropy = np.ones(y.shape[1]) if n == 1 else -plogp.sum(axis=0) / np.log(n)
    utility = 1 - entropy
    total = utility.sum()
    weights = np.full(y.shape[1], 1 / y.shape[1]) if total <= 0 else utility / total
    return entropy, utility, weights


def entropy_method(x: np.ndarray, indicators: list[Indicator]) -> dict[str, np.ndarray]:
    """Normalise each column by its type, then weights and composite scores (s_i = sum_j w_j y_ij)."""
    x = np.asarray(x, dtype=float)
    if x.shape[1] != len(indicators):
        raise ValueError(f"{x.shape[1]} columns but {len(indicators)} indicators")
    y = np.column_stack([normalize(x[:, j], ind) for j, ind in enumerate(indicators)])
    entropy, utility, weights = entropy_weights(y)
    return {
        "normalized": y,
        "entropy": entropy,
        "utility": utility,
        "weights": weights,
        "scores": y @ weights,
    }
