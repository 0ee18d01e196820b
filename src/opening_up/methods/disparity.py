"""Regional disparity and its decomposition: the Gini coefficient with Dagum's decomposition (Dagum基尼
系数) and the Theil index with its within/between decomposition (泰尔指数), the reference for the SQL of
fct_openness_disparity (which computes the same sums over DuckDB's pairs).

- Gini (mean absolute difference over twice the mean): G = sum_i sum_r |y_i - y_r| / (2 n^2 mu).
- Dagum (1997), "A new approach to the decomposition of the Gini income inequality ratio",
  Empirical Economics 22: 515-531, eqs. 2-13. Groups j = 1..k with n_j members and means mu_j;
  p_j = n_j / n, s_j = p_j mu_j / mu.
  G_jj = sum_i sum_r |y_ji - y_jr| / (2 n_j^2 mu_j)                (within group j);
  G_jh = sum_i sum_r |y_ji - y_hr| / (n_j n_h (mu_j + mu_h))         (between j and h);
  for mu_j >= mu_h: d_jh = mean over pairs of max(y_ji - y_hr, 0), p_jh = mean of max(y_hr - y_ji, 0),
  D_jh = (d_jh - p_jh) / (d_jh + p_jh) (0 when both are 0);
  Gw = sum_j G_jj p_j s_j, Gnb = sum_{j>h} G_jh (p_j s_h + p_h s_j) D_jh,
  Gt = sum_{j>h} G_jh (p_j s_h + p_h s_j) (1 - D_jh); G = Gw + Gnb + Gt.
- Theil (1967) T, unweighted (each region counts 1/n): T = (1/n) sum_i (y_i / mu) ln(y_i / mu);
  Shorrocks (1980): T = sum_j s_j T_j + sum_j s_j ln(mu_j / mu), with T_j the Theil index within j.
- Dispersion for σ-convergence (σ收敛): the coefficient of variation sd / mean and the standard
  deviation of ln y, both with the sample standard deviation (ddof 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DagumResult:
    """Dagum's decomposition of the Gini coefficient of y over its groups (ordered by code)."""

    gini: float
    within: float
    net_between: float
    transvariation: float
    groups: tuple[str, ...]
    group_gini: np.ndarray  # G_jj, one per group
    pair_gini: np.ndarray  # G_jh (k x k, symmetric, diagonal G_jj)
    relative_economic_affluence: np.ndarray  # D_jh (k x k, antisymmetric)
    population_share: np.ndarray  # p_j
    income_share: np.ndarray  # s_j

    def summary(self) -> str:
        shares = (self.within, self.net_between, self.transvariation)
        return (f"Dagum Gini {self.gini:.6f} = within {shares[0]:.6f} + net between {shares[1]:.6f} "
                f"+ transvariation {shares[2]:.6f} ({', '.join(self.groups)})")


@dataclass(frozen=True)
class TheilResult:
    """The Theil T index of y and its within/between decomposition over groups."""

    total: float
    within: float
    between: float
    groups: tuple[str, ...]
    group_theil: np.ndarray  # T_j
    income_share: np.ndarray  # s_j

    def summary(self) -> str:
        return (f"Theil T {self.total:.6f} = within {self.within:.6f} + between {self.between:.6f} "
                f"({', '.join(self.groups)})")


def _positive(y: np.ndarray) -> np.ndarray:
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or len(y) == 0:
        raise ValueError("disparity: y must be a non-empty vector")
    if not np.isfinite(y).all() or (y <= 0).any():
        raise ValueError("disparity: every value must be finite and positive")
    return y


def gini(y: np.ndarray) -> float:
    """Gini coefficient, sum |y_i - y_r| / (2 n^2 mu), from the sorted values:
    sum_i (2 i - n - 1) y_(i) / (n^2 mu)."""
    y = np.sort(_positive(y))
    n = len(y)
    return float(np.sum((2 * np.arange(1, n + 1) - n - 1) * y) / (n * n * y.mean()))


def _groups(y: np.ndarray, groups: np.ndarray) -> tuple[tuple[str, ...], list[np.ndarray]]:
    groups = np.asarray(groups).astype(str)
    if groups.shape != y.shape:
        raise ValueError("disparity: groups must label every value")
    codes = tuple(sorted(set(groups.tolist())))
    return codes, [y[groups == code] for code in codes]


def dagum_gini(y: np.ndarray, groups: np.ndarray) -> DagumResult:
    """Dagum's decomposition of the Gini coefficient (formulas in the module docstring)."""
    y = _positive(y)
    codes, members = _groups(y, groups)
    n, mu = len(y), y.mean()
    sizes = np.array([len(m) for m in members], dtype=float)
    means = np.array([m.mean() for m in members])
    p, s = sizes / n, sizes * means / (n * mu)
    k = len(codes)
    pair = np.zeros((k, k))
    affluence = np.zeros((k, k))
    for j in range(k):
        for h in range(k):
            diff = members[j][:, None] - members[h][None, :]
            scale = 2 * sizes[j] ** 2 * means[j] if j == h else sizes[j] * sizes[h] * (means[j] + means[h])
            pair[j, h] = np.abs(diff).sum() / scale
            if j != h:
                ahead, behind = np.clip(diff, 0, None).mean(), np.clip(-diff, 0, None).mean()
                affluence[j, h] = 0.0 if ahead + behind == 0 else (ahead - behind) / (ahead + behind)
    within = float(np.sum(np.diag(pair) * p * s))
    upper = np.triu_indices(k, 1)
    weight = (p[:, None] * s[None, :] + p[None, :] * s[:, None])[upper] * pair[upper]
    # |D_jh| is the share of the pair's Gini that is net between-group (the richer group first).
    net = np.abs(affluence[upper])
    return DagumResult(
        gini=gini(y), within=within, net_between=float(np.sum(weight * net)),
        transvariation=float(np.sum(weight * (1 - net))), groups=codes, group_gini=np.diag(pair).copy(),
        pair_gini=pair, relative_economic_affluence=affluence, population_share=p, income_share=s)


def theil(y: np.ndarray, groups: np.ndarray | None = None) -> TheilResult:
    """Theil T, unweighted, and its within/between decomposition (module docstring)."""
    y = _positive(y)
    groups = np.zeros(len(y), dtype=int) if groups is None else groups
    codes, members = _groups(y, groups)
    n, mu = len(y), y.mean()
    total = float(np.mean(y / mu * np.log(y / mu)))
    means = np.array([m.mean() for m in members])
    shares = np.array([len(m) for m in members]) * means / (n * mu)
    group_theil = np.array([np.mean(m / m.mean() * np.log(m / m.mean())) for m in members])
    return TheilResult(total=total, within=float(np.sum(shares * group_theil)),
                       between=float(np.sum(shares * np.log(means / mu))), groups=codes,
                       group_theil=group_theil, income_share=shares)


def coefficient_of_variation(y: np.ndarray) -> float:
    """Sample standard deviation (ddof 1) over the mean."""
    y = _positive(y)
    return float(np.std(y, ddof=1) / y.mean())


def log_standard_deviation(y: np.ndarray) -> float:
    """σ of σ-convergence: the sample standard deviation (ddof 1) of ln y."""
    return float(np.std(np.log(_positive(y)), ddof=1))
