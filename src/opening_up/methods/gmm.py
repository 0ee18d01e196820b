"""Difference GMM for dynamic panels (Arellano and Bond 1991), as seed 001 estimates its equation 3.

The moment conditions E[Z_i' Δu_i] = 0 are stacked per individual on the panel's full period grid
(missing periods are zero rows, as in R plm's `pgmm`). One step weights by
A1 = (sum_i Z_i' H Z_i)^-1 with H = tridiag(-1, 2, -1); two steps by A2 = (sum_i Z_i' e_i e_i' Z_i)^-1
from the one-step residuals. Covariances: robust one-step B1 X'Z A1 A2^-1 A1 Z'X B1 (Roodman 2009,
eq. 15) and Windmeijer's (2005, eq. 3.3) corrected two-step covariance with the derivative taken
at the one-step residuals. Sargan/Hansen J = (sum Z'e)' A2 (sum Z'e); the Arellano-Bond AR(m) test
as in plm's `mtest`. Validated against R plm 2.6-2 on EmplUK (../shared/reference/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

LAG_NAME = re.compile(r"^L(\d+)\.(.+)$")


@dataclass(frozen=True)
class GMMResult:
    """Estimates and tests of `difference_gmm`; Series are indexed by regressor name."""

    params: pd.Series
    std_errors: pd.Series
    tvalues: pd.Series
    pvalues: pd.Series
    hansen: tuple[float, int, float] | None
    sargan: tuple[float, int, float] | None
    ar_tests: dict[int, tuple[float, float]]
    n_obs: int
    n_groups: int
    n_instruments: int
    steps: int
    robust: bool
    warnings: list[str] = field(default_factory=list)
    params_step1: pd.Series | None = None

    def ar(self, order: int) -> tuple[float, float]:
        """Arellano-Bond test of order `order`: (z, two-sided p-value)."""
        if order not in self.ar_tests:
            raise ValueError(f"AR({order}) was not computed: too few periods")
        return self.ar_tests[order]

    def summary(self) -> str:
        """A readable table of the estimates and the tests."""
        lines = [f"Difference GMM, {self.steps}-step, {'robust' if self.robust else 'conventional'} errors",
                 f"observations {self.n_obs}, groups {self.n_groups}, instruments {self.n_instruments} "
                 f"(ratio to groups {self.n_instruments / self.n_groups:.2f})",
                 f"{'':<28}{'coef':>12}{'std err':>12}{'z':>9}{'p':>9}"]
        for name in self.params.index:
            lines.append(f"{name:<28}{self.params[name]:12.6f}{self.std_errors[name]:12.6f}"
                         f"{self.tvalues[name]:9.3f}{self.pvalues[name]:9.4f}")
        for label, test in (("Hansen J", self.hansen), ("Sargan", self.sargan)):
            if test:
                lines.append(f"{label}: chi2({test[1]}) = {test[0]:.4f}, p = {test[2]:.4f}")
        for order, (z, p) in sorted(self.ar_tests.items()):
            lines.append(f"AR({order}): z = {z:.4f}, p = {p:.4f}")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def _column(name: str, columns: set[str]) -> tuple[str, int]:
    """Split `L<k>.<column>` into (column, k); a plain name is lag 0."""
    match = LAG_NAME.match(name)
    base, lag = (match.group(2), int(match.group(1))) if match else (name, 0)
    if base not in columns:
        raise ValueError(f"unknown column {base!r} in {name!r}")
    return base, lag


def _lagged(levels: np.ndarray, lag: int) -> np.ndarray:
    """Shift (N, T) levels by `lag` periods along the grid (NaN where the lag falls before the start)."""
    if lag == 0:
        return levels
    out = np.full_like(levels, np.nan)
    out[:, lag:] = levels[:, :-lag]
    return out


def _inverse(matrix: np.ndarray, label: str, warnings: list[str]) -> np.ndarray:
    eigenvalues = np.linalg.eigvalsh((matrix + matrix.T) / 2)
    if eigenvalues.min() < 1e-9 * max(1.0, abs(eigenvalues).max()):
        warnings.append(f"the {label} matrix is singular: a generalized inverse is used")
        return np.linalg.pinv(matrix)
    return np.linalg.inv(matrix)


def _panel_grid(data: pd.DataFrame, entity: str, time: str, needed: list[str]) -> tuple[dict, np.ndarray, np.ndarray]:
    """(N, T) arrays of every needed column on the full entity x period grid, rows sorted."""
    if data.duplicated([entity, time]).any():
        dupes = data.loc[data.duplicated([entity, time], keep=False), [entity, time]].head(3).to_dict("records")
        raise ValueError(f"duplicate (entity, time) rows, e.g. {dupes}")
    missing = [c for c in needed if data[c].isna().any()]
    if missing:
        raise ValueError(f"missing values in used columns: {', '.join(missing)}")
    entities = np.sort(data[entity].unique())
    times = np.sort(data[time].unique())
    rows = pd.Index(entities).get_indexer(data[entity])
    cols = pd.Index(times).get_indexer(data[time])
    grids = {}
    for name in needed:
        grid = np.full((len(entities), len(times)), np.nan)
        grid[rows, cols] = data[name].to_numpy(dtype=float)
        grids[name] = grid
    return grids, entities, times


def _gmm_block(levels: np.ndarray, first: int, last: int | None, eq_positions: np.ndarray,
               collapse: bool) -> np.ndarray:
    """GMM-style instruments (N, Tq, L): levels lagged first..last for each equation period."""
    n, t = levels.shape
    blocks = []
    if collapse:
        top = (t - 1) if last is None else min(last, t - 1)
        for lag in range(first, top + 1):
            lagged = _lagged(levels, lag)[:, eq_positions]
            blocks.append(lagged[:, :, None])
    else:
        for row, p in enumerate(eq_positions):
            low = 0 if last is None else max(0, p - last)
            high = p - first
            if high < low:
                continue
            block = np.zeros((n, len(eq_positions), high - low + 1))
            block[:, row, :] = levels[:, low:high + 1]
            blocks.append(block)
    if not blocks:
        return np.zeros((n, len(eq_positions), 0))
    return np.nan_to_num(np.concatenate(blocks, axis=2), nan=0.0)


def difference_gmm(data: pd.DataFrame, *, entity: str, time: str, y: str, y_lags: tuple[int, ...] = (),
                   exog: list[str] | tuple[str, ...] = (), endog: list[str] | tuple[str, ...] = (),
                   gmm: dict[str, tuple[int, int | None]] | None = None, iv: list[str] | None = None,
                   time_effects: bool = False, collapse: bool = False, steps: int = 2, robust: bool = True,
                   transform: str = "fd") -> GMMResult:
    """Arellano-Bond difference GMM (module docstring). `L<k>.<col>` names the k-th lag of a column.

    transform="fd" differences y and the regressors; transform="none" estimates an equation already
    written in differences as given (the instruments are still lags in levels, the first step still
    weights by the differenced-error H).
    """
    if steps not in (1, 2):
        raise ValueError("steps must be 1 or 2")
    if transform not in ("fd", "none"):
        raise ValueError("transform must be 'fd' or 'none'")
    gmm = dict(gmm or {y: (2, None)})
    available = set(data.columns)
    regressor_names = [f"L{k}.{y}" for k in y_lags] + list(exog) + list(endog)
    if not regressor_names:
        raise ValueError("no regressors")
    terms = [_column(name, available) for name in regressor_names]
    iv_names = list(exog) if iv is None else list(iv)
    iv_terms = [_column(name, available) for name in iv_names]
    for column, (first, last) in gmm.items():
        _column(column, available)
        if first < 0 or (last is not None and last < first):
            raise ValueError(f"bad lag range {(first, last)} for {column!r}")
    needed = sorted({y} | {c for c, _ in terms} | {c for c, _ in iv_terms} | set(gmm))
    grids, entities, times = _panel_grid(data, entity, time, needed)
    n, t = grids[y].shape

    max_lag = max([lag for _, lag in terms + iv_terms] + [0])
    lost = max(max_lag + (1 if transform == "fd" else 0), min(first for first, _ in gmm.values()))
    eq_positions = np.arange(lost, t)
    if len(eq_positions) < 1:
        raise ValueError(f"too few periods: {t} periods, {lost} lost to lags and differencing")

    def prepared(column: str, lag: int) -> np.ndarray:
        levels = _lagged(grids[column], lag)
        if transform == "fd":
            levels = levels - _lagged(levels, 1)
        return levels[:, eq_positions]

    y_eq = prepared(y, 0)
    X = np.stack([prepared(c, lag) for c, lag in terms], axis=2)
    names = list(regressor_names)
    Z_iv = np.stack([prepared(c, lag) for c, lag in iv_terms], axis=2) if iv_terms else np.zeros((n, len(eq_positions), 0))
    Z_gmm = np.concatenate([_gmm_block(grids[c], first, last, eq_positions, collapse)
                            for c, (first, last) in gmm.items()], axis=2)
    Z = np.concatenate([Z_gmm, np.nan_to_num(Z_iv, nan=0.0)], axis=2)
    if time_effects:
        dummies = np.diff(np.eye(len(eq_positions) + 1), axis=0)[:, 1:]
        X = np.concatenate([X, np.broadcast_to(dummies, (n, *dummies.shape))], axis=2)
        Z = np.concatenate([Z, np.broadcast_to(dummies, (n, *dummies.shape))], axis=2)
        names += [f"period_{times[p]}" for p in eq_positions]

    used = ~(np.isnan(y_eq) | np.isnan(X).any(axis=2))
    y_eq = np.where(used, y_eq, 0.0)
    X = np.where(used[:, :, None], X, 0.0)
    Z = np.where(used[:, :, None], Z, 0.0)
    warnings: list[str] = []
    nonzero = np.abs(Z).sum(axis=(0, 1)) > 0
    if not nonzero.all():
        warnings.append(f"{int((~nonzero).sum())} instrument columns are zero on the estimation sample and were dropped")
        Z = Z[:, :, nonzero]
    n_obs, n_groups, n_instruments, k = int(used.sum()), int(used.any(axis=1).sum()), Z.shape[2], X.shape[2]
    if n_obs == 0:
        raise ValueError("no usable observations after lags and differencing")
    if n_instruments < k:
        raise ValueError(f"under-identified: {n_instruments} instruments for {k} coefficients")
    if n_instruments > n_groups:
        warnings.append(f"{n_instruments} instruments exceed {n_groups} groups "
                        f"(ratio {n_instruments / n_groups:.2f}): the moment covariance is singular")

    H = 2 * np.eye(len(eq_positions)) - np.eye(len(eq_positions), k=1) - np.eye(len(eq_positions), k=-1)
    # Stacked (N*T, L) matrices turn the sums over individuals into BLAS products.
    Z_flat = Z.reshape(-1, n_instruments)
    ZX = Z_flat.T @ X.reshape(-1, k)
    Zy = Z_flat.T @ y_eq.reshape(-1)
    ZHZ = Z_flat.T @ np.matmul(H, Z).reshape(-1, n_instruments)
    A1 = _inverse(ZHZ, "first-step", warnings) * n
    B1 = np.linalg.inv(ZX.T @ A1 @ ZX)
    beta1 = B1 @ ZX.T @ A1 @ Zy
    e1 = y_eq - X @ beta1
    Ze1 = np.einsum("ntl,nt->nl", Z, e1)
    S = Ze1.T @ Ze1
    A2 = _inverse(S, "second-step", warnings)
    V1_robust = B1 @ (ZX.T @ A1 @ S @ A1 @ ZX) @ B1

    if steps == 1:
        beta, residuals, A, B = beta1, e1, A1, B1
        vcov = V1_robust if robust else B1 * (e1[used] @ e1[used]) / (2 * n_obs) * n
    else:
        B2 = np.linalg.inv(ZX.T @ A2 @ ZX)
        beta = B2 @ ZX.T @ A2 @ Zy
        residuals, A, B = y_eq - X @ beta, A2, B2
        vcov = B2
        if robust:
            We = Z_flat.T @ residuals.reshape(-1)
            Zx = np.einsum("ntl,ntk->knl", Z, X)
            D = np.empty((k, k))
            for j in range(k):
                P = Zx[j].T @ Ze1
                D[:, j] = -B2 @ ZX.T @ A2 @ (-(P + P.T)) @ A2 @ We
            vcov = B2 + D @ B2 + (D @ B2).T + D @ V1_robust @ D.T

    variances = np.diag(vcov)
    if (variances < 0).any():
        warnings.append(f"{int((variances < 0).sum())} negative variances (a singular weight matrix): "
                        "their standard errors are NaN")
    std = np.sqrt(np.where(variances >= 0, variances, np.nan))
    z = beta / std
    index = pd.Index(names, name="regressor")
    ze = Z_flat.T @ residuals.reshape(-1)
    j_stat = float(ze @ A2 @ ze)
    df = n_instruments - k
    j_test = (j_stat, df, float(stats.chi2.sf(j_stat, df)) if df > 0 else float("nan"))
    if df > 0 and j_test[2] > 0.99:
        warnings.append(f"Hansen/Sargan p = {j_test[2]:.3f} > 0.99: too many instruments weaken the test (Roodman 2009)")

    ar_tests = {}
    for order in (1, 2):
        if order >= len(eq_positions):
            continue
        lagged = np.zeros_like(residuals)
        lagged[:, order:] = residuals[:, :-order]
        EX = np.einsum("nt,ntk->k", lagged, X)
        eve = float(((residuals * lagged).sum(axis=1) ** 2).sum())
        zve = np.einsum("nl,n->l", np.einsum("ntl,nt->nl", Z, residuals), (residuals * lagged).sum(axis=1))
        denom = eve - 2 * EX @ B @ ZX.T @ A @ zve + EX @ vcov @ EX
        if denom <= 0:
            warnings.append(f"AR({order}) is undefined: its variance is not positive")
            ar_tests[order] = (float("nan"), float("nan"))
            continue
        stat = float((residuals * lagged).sum() / np.sqrt(denom))
        ar_tests[order] = (stat, float(2 * stats.norm.sf(abs(stat))))

    return GMMResult(
        params=pd.Series(beta, index=index), std_errors=pd.Series(std, index=index),
        tvalues=pd.Series(z, index=index), pvalues=pd.Series(2 * stats.norm.sf(np.abs(z)), index=index),
        hansen=j_test if steps == 2 else None, sargan=j_test if steps == 1 else None, ar_tests=ar_tests,
        n_obs=n_obs, n_groups=n_groups, n_instruments=n_instruments, steps=steps, robust=robust,
        warnings=warnings, params_step1=pd.Series(beta1, index=index))
