"""Comprehensive evaluation of regions on several benefit indicators, as SPSSAU offers it: entropy or
CRITIC weights, TOPSIS closeness (熵权TOPSIS) and the obstacle degree (障碍度).

- Standardisation: min-max per indicator, x'_ij = (x_ij - min_i) / (max_i - min_i) (a constant
  indicator standardises to 1, as in `opening_up.methods.entropy.normalize`).
- Entropy weights: `opening_up.methods.entropy.entropy_weights` on x'.
- CRITIC (Diakoulaki, Mavrotas and Papayannakis 1995, Computers & Operations Research 22(7):
  763-770): C_j = σ_j sum_k (1 - r_jk), w_j = C_j / sum C, with σ_j the standard deviation of x'_j
  (ddof 0; the weights do not depend on it) and r the Pearson correlations of the columns of x'
  (a constant column has σ_j = 0 and is taken as uncorrelated with the others).
- TOPSIS (Hwang and Yoon 1981, Multiple Attribute Decision Making, ch. 3): v_ij = w_j x'_ij;
  the ideal and anti-ideal are each column's max and min of v; D+_i and D-_i the Euclidean
  distances to them; closeness C_i = D-_i / (D+_i + D-_i), ranked from 1 (largest).
- Obstacle degree (障碍度模型): factor contribution w_j, deviation I_ij = 1 - x'_ij,
  O_ij = w_j I_ij / sum_j w_j I_ij (undefined, NaN, for a region best on every indicator).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from opening_up.methods.entropy import Indicator, entropy_weights, normalize

BENEFIT = Indicator("benefit")


@dataclass(frozen=True)
class TopsisResult:
    closeness: np.ndarray
    rank: np.ndarray
    distance_to_ideal: np.ndarray
    distance_to_anti_ideal: np.ndarray

    def summary(self) -> str:
        best = int(np.argmin(self.rank))
        return (f"TOPSIS over {len(self.closeness)} alternatives: best #{best} "
                f"(closeness {self.closeness[best]:.6f})")


def _matrix(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] < 2 or matrix.shape[1] < 1:
        raise ValueError("evaluation: the matrix needs at least two rows and one column")
    if not np.isfinite(matrix).all():
        raise ValueError("evaluation: missing or infinite values (every alternative needs every indicator)")
    return matrix


def minmax(matrix: np.ndarray) -> np.ndarray:
    """Min-max standardisation of each column of benefit indicators (constant column -> 1): the entropy
    method's benefit normalisation, column by column."""
    matrix = _matrix(matrix)
    # empty_like keeps the input's memory layout, and with it the order of the sums downstream.
    standardized = np.empty_like(matrix)
    for j in range(matrix.shape[1]):
        standardized[:, j] = normalize(matrix[:, j], BENEFIT)
    return standardized


def entropy_weights_of(standardized: np.ndarray) -> np.ndarray:
    """Entropy weights w_j of standardised columns."""
    return entropy_weights(_matrix(standardized))[2]


def critic_weights(standardized: np.ndarray) -> np.ndarray:
    """CRITIC weights w_j of standardised columns (module docstring)."""
    x = _matrix(standardized)
    sigma = x.std(axis=0)
    varying = sigma > 0
    correlation = np.zeros((x.shape[1], x.shape[1]))
    if varying.any():
        correlation[np.ix_(varying, varying)] = np.corrcoef(x[:, varying], rowvar=False)
    information = sigma * (1 - correlation).sum(axis=0)
    if information.sum() == 0:
        return np.full(x.shape[1], 1 / x.shape[1])
    return information / information.sum()


def _rank_descending(values: np.ndarray) -> np.ndarray:
    """1 for the largest; ties share the smallest rank (as SQL's rank()); NaN stays NaN."""
    return pd.Series(values).rank(ascending=False, method="min").to_numpy()


def topsis(standardized: np.ndarray, weights: np.ndarray) -> TopsisResult:
    """TOPSIS closeness of each row (module docstring)."""
    v = _matrix(standardized) * np.asarray(weights, dtype=float)
    to_ideal = np.sqrt(((v - v.max(axis=0)) ** 2).sum(axis=1))
    to_anti = np.sqrt(((v - v.min(axis=0)) ** 2).sum(axis=1))
    total = to_ideal + to_anti
    closeness = np.divide(to_anti, total, out=np.full(len(v), np.nan), where=total > 0)
    return TopsisResult(closeness, _rank_descending(closeness), to_ideal, to_anti)


def obstacle_degree(standardized: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(deviation 1 - x', obstacle degree O) of each row and indicator (module docstring)."""
    deviation = 1 - _matrix(standardized)
    weighted = deviation * np.asarray(weights, dtype=float)
    total = weighted.sum(axis=1, keepdims=True)
    degree = np.divide(weighted, total, out=np.full(weighted.shape, np.nan), where=total > 0)
    return deviation, degree
