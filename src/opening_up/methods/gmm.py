"""Difference GMM (Arellano and Bond 1991), as seed 001 estimates its equation 3, and system GMM
(Blundell and Bond 1998) for dynamic panels.

The moment conditions E[Z_i' u_i] = 0 are stacked per individual on the panel's full period grid
(missing periods are zero rows, as in R plm's `pgmm`); `opening_up.methods.gmm_design` builds the
equations, instruments and H. One step weights by A1 = (sum_i Z_i' H Z_i)^-1 with H = tridiag(-1, 2, -1)
(differences) or plm's [[G, FD], [FD', I]] (system); two steps by A2 = (sum_i Z_i' e_i e_i' Z_i)^-1
from the one-step residuals. Covariances: robust one-step B1 X'Z A1 A2^-1 A1 Z'X B1 (Roodman 2009,
eq. 15) and Windmeijer's (2005, eq. 3.3) corrected two-step covariance with the derivative taken
at the one-step residuals. The Sargan/Hansen, Arellano-Bond and difference-in-Hansen tests are in
`opening_up.methods.gmm_diagnostics`; a J whose second-step weight matrix is singular (a generalized
inverse gives no chi2 statistic) is NaN with a warning, never p = 1. Validated against R plm 2.6-2 on
EmplUK (tests/fixtures): difference GMM (one and two steps) and `pgmm(..., transformation = "ld")`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import stats

from opening_up.methods.gmm_design import Design, column, difference_design, panel_grid, system_design
from opening_up.methods import gmm_diagnostics as diagnostics


@dataclass(frozen=True)
class GMMResult:
    """Estimates and tests of `difference_gmm` and `system_gmm`; Series are indexed by regressor name;
    residuals and fitted_values are indexed by (entity, time) with one column per equation
    (`difference` or `orthogonal deviation`, and `level` for system GMM), for the observations used."""

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
    estimator: str = "difference"
    residuals: pd.DataFrame | None = None
    fitted_values: pd.DataFrame | None = None
    test_note: str | None = None
    instrument_tests: pd.DataFrame | None = None

    def ar(self, order: int) -> tuple[float, float]:
        """Arellano-Bond test of order `order`: (z, two-sided p-value)."""
        if order not in self.ar_tests:
            raise ValueError(f"AR({order}) was not computed: too few periods")
        return self.ar_tests[order]

    def summary(self) -> str:
        """A readable table of the estimates and the tests."""
        lines = [f"{self.estimator.capitalize()} GMM, {self.steps}-step, "
                 f"{'robust' if self.robust else 'conventional'} errors",
                 f"observations {self.n_obs}; instruments {self.n_instruments} for {self.n_groups} groups "
                 f"(ratio {self.n_instruments / self.n_groups:.2f})",
                 f"{'':<28}{'coef':>12}{'std err':>12}{'z':>9}{'p':>9}"]
        for name in self.params.index:
            lines.append(f"{name:<28}{self.params[name]:12.6f}{self.std_errors[name]:12.6f}"
                         f"{self.tvalues[name]:9.3f}{self.pvalues[name]:9.4f}")
        for label, test in (("Hansen J", self.hansen), ("Sargan", self.sargan)):
            if test:
                lines.append(f"{label}: chi2({test[1]}) = {test[0]:.4f}, p = {test[2]:.4f}")
        if self.test_note:
            lines.append(f"note: {self.test_note}")
        if self.instrument_tests is not None:
            lines.append("Difference-in-Hansen tests of instrument subsets (excluding group; difference):")
            for row in self.instrument_tests.itertuples():
                lines.append(f"  {row.group:<16} excluding chi2({row.df_excluding}) = {row.hansen_excluding:.4f}, "
                             f"p = {row.p_excluding:.4f}; difference chi2({row.df_difference}) = "
                             f"{row.difference:.4f}, p = {row.p_difference:.4f}"
                             + (f" ({row.note})" if row.note else ""))
        for order, (z, p) in sorted(self.ar_tests.items()):
            lines.append(f"AR({order}): z = {z:.4f}, p = {p:.4f}")
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def difference_gmm(data: pd.DataFrame, *, entity: str, time: str, y: str, y_lags: tuple[int, ...] = (),
                   exog: list[str] | tuple[str, ...] = (), endog: list[str] | tuple[str, ...] = (),
                   gmm: dict[str, tuple[int, int | None]] | None = None, iv: list[str] | None = None,
                   time_effects: bool = False, collapse: bool = False, steps: int = 2, robust: bool = True,
                   transform: str = "fd", instrument_tests: bool = False) -> GMMResult:
    """Arellano-Bond difference GMM (module docstring). `L<k>.<col>` names the k-th lag of a column.
    instrument_tests adds the difference-in-Hansen (C) test of each instrument group (`gmm_diagnostics.c_tests`).

    transform="fd" differences y and the regressors; "fod" takes forward orthogonal deviations
    (Arellano and Bover 1995; H = I, the Arellano-Bond tests on the differenced residuals); "none"
    estimates an equation already written in differences as given (the instruments are still lags in
    levels, the first step still weights by the differenced-error H).
    """
    if transform not in ("fd", "fod", "none"):
        raise ValueError("transform must be 'fd', 'fod' or 'none'")
    grids, entities, times, spec = _prepare(data, entity, time, y, y_lags, exog, endog, gmm, iv, steps)
    design = difference_design(grids, entities, times, y=y, collapse=collapse, time_effects=time_effects,
                               transform=transform, **spec)
    result = _estimate(design, steps, robust, "difference", (entity, time))
    if not instrument_tests:
        return result
    return replace(result, instrument_tests=diagnostics.c_tests(design, result, (entity, time), _estimate))


def system_gmm(data: pd.DataFrame, *, entity: str, time: str, y: str, y_lags: tuple[int, ...] = (),
               exog: list[str] | tuple[str, ...] = (), endog: list[str] | tuple[str, ...] = (),
               gmm: dict[str, tuple[int, int | None]] | None = None, iv: list[str] | None = None,
               time_effects: bool = False, collapse: bool = False, steps: int = 2,
               robust: bool = True, transform: str = "fd", instrument_tests: bool = False) -> GMMResult:
    """Blundell-Bond system GMM, the arguments of `difference_gmm`: the differenced equations with
    lagged levels as instruments, stacked over the level equations instrumented by the GMM variables'
    differences lagged one period less than their first level lag (plm 2.6-2 `pgmm(transformation =
    "ld")`, Blundell and Bond 1998); time_effects adds an intercept and period dummies (plm's twoways).
    transform="fod" replaces the differenced equations by forward orthogonal deviations (xtabond2's
    orthogonal option; no plm counterpart).
    """
    if transform not in ("fd", "fod"):
        raise ValueError("transform must be 'fd' or 'fod'")
    grids, entities, times, spec = _prepare(data, entity, time, y, y_lags, exog, endog, gmm, iv, steps)
    design = system_design(grids, entities, times, y=y, collapse=collapse, time_effects=time_effects,
                           transform=transform, **spec)
    result = _estimate(design, steps, robust, "system", (entity, time))
    if not instrument_tests:
        return result
    return replace(result, instrument_tests=diagnostics.c_tests(design, result, (entity, time), _estimate))


def _prepare(data: pd.DataFrame, entity: str, time: str, y: str, y_lags: tuple[int, ...], exog, endog,
             gmm: dict | None, iv: list[str] | None, steps: int) -> tuple[dict, np.ndarray, np.ndarray, dict]:
    """Check the arguments and put the used columns on the entity x period grid."""
    if steps not in (1, 2):
        raise ValueError("steps must be 1 or 2")
    gmm = dict(gmm or {y: (2, None)})
    available = set(data.columns)
    for key in (entity, time):
        if key not in available:
            raise ValueError(f"unknown column {key!r}")
    names = [f"L{k}.{y}" for k in y_lags] + list(exog) + list(endog)
    if not names:
        raise ValueError("no regressors")
    terms = [column(name, available) for name in names]
    iv_terms = [column(name, available) for name in (list(exog) if iv is None else list(iv))]
    for name, (first, last) in gmm.items():
        column(name, available)
        if first < 0 or (last is not None and last < first):
            raise ValueError(f"bad lag range {(first, last)} for {name!r}")
    needed = sorted({y} | {c for c, _ in terms} | {c for c, _ in iv_terms} | set(gmm))
    grids, entities, times = panel_grid(data, entity, time, needed)
    return grids, entities, times, {"terms": terms, "iv_terms": iv_terms, "names": names, "gmm": gmm}


def _estimate(design: Design, steps: int, robust: bool, estimator: str, keys: tuple[str, str],
              j_only: bool = False) -> GMMResult:
    """One- or two-step GMM on the stacked design, with robust or Windmeijer errors and the tests
    (j_only: the estimates and J alone, for the difference-in-Hansen refits)."""
    y_eq, X, Z, H = design.y, design.X, design.Z, design.H
    n = y_eq.shape[0]
    used = ~(np.isnan(y_eq) | np.isnan(X).any(axis=2))
    y_eq = np.where(used, y_eq, 0.0)
    X = np.where(used[:, :, None], X, 0.0)
    Z = np.where(used[:, :, None], np.nan_to_num(Z, nan=0.0), 0.0)
    warnings: list[str] = []
    nonzero = np.abs(Z).sum(axis=(0, 1)) > 0
    if not nonzero.all():
        warnings.append(f"{int((~nonzero).sum())} instrument columns are zero on the estimation sample "
                        "and were dropped")
        Z = Z[:, :, nonzero]
    k, n_instruments = X.shape[2], Z.shape[2]
    level_rows = used[:, design.ar_rows:] if estimator == "system" else used
    n_obs, n_groups = int(level_rows.sum()), int(used.any(axis=1).sum())
    if n_obs == 0:
        raise ValueError("no usable observations after lags and differencing")
    if n_instruments < k:
        raise ValueError(f"under-identified: {n_instruments} instruments for {k} coefficients")
    if n_instruments > n_groups:
        warnings.append(f"{n_instruments} instruments exceed {n_groups} groups "
                        f"(ratio {n_instruments / n_groups:.2f}): the moment covariance is singular")

    # Stacked (N*R, L) matrices turn the sums over individuals into BLAS products.
    Z_flat = Z.reshape(-1, n_instruments)
    ZX = Z_flat.T @ X.reshape(-1, k)
    Zy = Z_flat.T @ y_eq.reshape(-1)
    ZHZ = Z_flat.T @ np.matmul(H, Z).reshape(-1, n_instruments)
    A1 = _inverse(ZHZ, "first-step", warnings)[0] * n
    B1 = np.linalg.inv(ZX.T @ A1 @ ZX)
    beta1 = B1 @ ZX.T @ A1 @ Zy
    e1 = y_eq - X @ beta1
    Ze1 = np.einsum("ntl,nt->nl", Z, e1)
    S = Ze1.T @ Ze1
    A2, singular_weights = _inverse(S, "second-step", warnings)
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
    index = pd.Index(design.names, name="regressor")
    ze = Z_flat.T @ residuals.reshape(-1)
    j_stat = float("nan") if singular_weights else float(ze @ A2 @ ze)
    j_test, test_note = diagnostics.j_test(j_stat, n_instruments - k, n_instruments, n_groups, warnings)
    if j_only:
        ar_tests = {}
    elif design.ar_y is None:
        ar_tests = diagnostics.ar_tests(residuals, X, Z, ZX, A, B, vcov, design.ar_rows, warnings)
    else:
        # Orthogonal deviations: the tests on the same rows in differences; the estimation term keeps Z'ẽ.
        ar_used = ~(np.isnan(design.ar_y) | np.isnan(design.ar_X).any(axis=2)) & used
        ar_X = np.where(ar_used[:, :, None], design.ar_X, 0.0)
        ar_resid = np.where(ar_used, np.nan_to_num(design.ar_y) - np.nan_to_num(design.ar_X) @ beta, 0.0)
        ar_tests = diagnostics.ar_tests(ar_resid, ar_X, Z, ZX, A, B, vcov, design.ar_rows, warnings,
                                        estimation_residuals=residuals)
    resid_frame, fitted_frame = (None, None) if j_only else _keyed(design, residuals, y_eq, used, keys)
    return GMMResult(
        params=pd.Series(beta, index=index), std_errors=pd.Series(std, index=index),
        tvalues=pd.Series(z, index=index), pvalues=pd.Series(2 * stats.norm.sf(np.abs(z)), index=index),
        hansen=j_test if steps == 2 else None, sargan=j_test if steps == 1 else None, ar_tests=ar_tests,
        n_obs=n_obs, n_groups=n_groups, n_instruments=n_instruments, steps=steps, robust=robust,
        warnings=warnings, params_step1=pd.Series(beta1, index=index), estimator=estimator,
        residuals=resid_frame, fitted_values=fitted_frame, test_note=test_note)


def _inverse(matrix: np.ndarray, label: str, warnings: list[str]) -> tuple[np.ndarray, bool]:
    """(inverse, False), or (plm's generalized inverse, True) when the smallest eigenvalue is below 1e-9
    (relative)."""
    eigenvalues = np.linalg.eigvalsh((matrix + matrix.T) / 2)
    if eigenvalues.min() < 1e-9 * max(1.0, abs(eigenvalues).max()):
        warnings.append(f"the {label} matrix is singular: a generalized inverse is used")
        return np.linalg.pinv(matrix), True
    return np.linalg.inv(matrix), False


def _keyed(design: Design, residuals: np.ndarray, y_eq: np.ndarray, used: np.ndarray,
           keys: tuple[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Residuals and fitted values of the used rows, indexed by (entity, time), a column per equation."""
    equations = np.array([equation for equation, _ in design.row_keys])
    periods = np.array([period for _, period in design.row_keys], dtype=object)
    rows, cols = np.nonzero(used)
    long = pd.DataFrame({keys[0]: design.entities[rows], keys[1]: periods[cols], "equation": equations[cols],
                         "residual": residuals[rows, cols], "fitted": (y_eq - residuals)[rows, cols]})
    wide = long.pivot(index=list(keys), columns="equation")
    order = list(dict.fromkeys(equations))
    return wide["residual"][order].rename_axis(columns=None), wide["fitted"][order].rename_axis(columns=None)
