"""Coupling coordination degree (耦合协调度) of n systems, the reference for the SQL macro.

T = sum_i a_i u_i (comprehensive index, weights a summing to 1), D = sqrt(C T), and three C:
- printed: paper 000's C = sqrt(u1 u2) / (u1 + u2) (two systems; its maximum is 0.5);
- standard: C = n (prod u_i)^(1/n) / sum u_i;
- wang2021: Wang et al. (2021, 自然资源学报 36(3)),
  C = sqrt([1 - sum_{i>j} |u_i - u_j| / sum_{m=1}^{n-1} m] * [prod_i (u_i / max u)]^(1/(n-1))).
Checked against stscl/coupling (CRAN `coupling`, vignette ccd.Rmd) in tests.
"""

from __future__ import annotations

import numpy as np


def _as_scores(u: np.ndarray) -> np.ndarray:
    u = np.atleast_2d(np.asarray(u, dtype=float))
    if np.isnan(u).any() or (u < 0).any():
        raise ValueError("system scores must be non-negative and complete")
    return u


def comprehensive_index(u: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """T = sum_i a_i u_i per row (equal weights when none are given)."""
    u = _as_scores(u)
    a = np.full(u.shape[1], 1 / u.shape[1]) if weights is None else np.asarray(weights, dtype=float)
    if not np.isclose(a.sum(), 1):
        raise ValueError(f"system weights must sum to 1, not {a.sum()}")
    return u @ a


def coupling_printed(u: np.ndarray) -> np.ndarray:
    """Paper 000 Table 5's C = sqrt(u1 u2) / (u1 + u2) for two systems (at most 0.5)."""
    u = _as_scores(u)
    if u.shape[1] != 2:
        raise ValueError("the printed formula of paper 000 is defined for two systems")
    return np.sqrt(u[:, 0] * u[:, 1]) / u.sum(axis=1)


def coupling_standard(u: np.ndarray) -> np.ndarray:
    """C = n (prod u_i)^(1/n) / sum u_i."""
    u = _as_scores(u)
    n = u.shape[1]
    return n * np.prod(u, axis=1) ** (1 / n) / u.sum(axis=1)


def coupling_wang2021(u: np.ndarray) -> np.ndarray:
    """Wang et al. (2021) modified C (formula in the module docstring)."""
    u = _as_scores(u)
    n = u.shape[1]
    i, j = np.triu_indices(n, k=1)
    dispersion = np.abs(u[:, i] - u[:, j]).sum(axis=1) / (n * (n - 1) / 2)
    ratio = np.prod(u / u.max(axis=1, keepdims=True), axis=1) ** (1 / (n - 1))
    return np.sqrt((1 - dispersion) * ratio)


def coordination_degree(c: np.ndarray, t: np.ndarray) -> np.ndarray:
    """D = sqrt(C T)."""
    return np.sqrt(np.asarray(c) * np.asarray(t))
