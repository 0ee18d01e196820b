"""Difference GMM (Arellano and Bond 1991), as paper 001 estimates its equation 3, and system GMM
(Blundell and Bond 1998) for dynamic panels.

The moment conditions E[Z_i' u_i] = 0 are stacked per individual on the panel's full period grid
(missing periods are zero rows, as in R plm's `pgmm`); `opening_up.methods.gmm_design` builds the
equations, instruments and H. One step weights by A1 = (sum_i Z_i' H Z_i)^-1 with H = tridiag(-1, 2, -1)
(differences) or plm's [[G, FD], [FD', I]] (system); two steps by A2 = (sum_i Z_i' e_i e_i' Z_i)^-1
from the one-step residuals. All of it is computed from per-entity moment matrices
(`opening_up.methods.gmm_moments`, the map step) by `estimate_moments` (the reduce step), so a panel
mapped in parts, on a Spark cluster (`opening_up.spark.gmm`) or by `fit_parts`, gives the same estimate.
Covariances: robust one-step B1 X'Z A1 A2^-1 A1 Z'X B1 (Roodman 2009,
eq. 15) and Windmeijer's (2005, eq. 3.3) corrected two-step covariance with the derivative taken
at the one-step residuals. The Sargan/Hansen, Arellano-Bond and difference-in-Hansen tests are in
`opening_up.methods.gmm_diagnostics`; a J whose second-step weight matrix is rank-deficient (a generalized
inverse gives no chi2 statistic) is NaN with a warning, never p = 1. Validated against R plm 2.6-2 on
EmplUK (tests/fixtures): difference GMM (one and two steps) and `pgmm(..., transformation = "ld")`.

Where we differ from plm on purpose (docs/methods.md; tests/python/methods/test_gmm_conventions.py shows both
sides): system GMM's level instruments for a GMM variable with first lag a are Δx lagged a - 1
(xtabond2), plm's always Δx lagged 1; one-step conventional errors and the one-step Sargan test
include the error variance (plm's omit it and change with the scale of the data); system GMM's n_obs
counts the level equations (plm adds the differenced ones); lags are taken in calendar time (a
period no one observes is missing, `delta` for panels observed every k periods).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
from scipy import stats

from opening_up.methods import gmm_diagnostics as diagnostics
from opening_up.methods.gmm_design import Design
from opening_up.methods.gmm_moments import (
    EntityMoments,
    columns,
    combine,
    design_of,
    entity_moments,
    part_moments,
    used_rows,
)
from opening_up.methods.gmm_result import ARTest, ChiSquareTest, GMMResult
from opening_up.methods.gmm_spec import GMMSpec, grid_periods

__all__ = ["GMMSpec", "GMMResult", "ChiSquareTest", "ARTest", "difference_gmm", "system_gmm", "fit_parts",
           "estimate_moments"]


def difference_gmm(data: pd.DataFrame, **options) -> GMMResult:
    """Arellano-Bond difference GMM (module docstring) of the model `GMMSpec(**options)` on `data`."""
    return fit(data, GMMSpec(**options), "difference")


def system_gmm(data: pd.DataFrame, **options) -> GMMResult:
    """Blundell-Bond system GMM of the model `GMMSpec(**options)`: the differenced equations with
    lagged levels as instruments, stacked over the level equations instrumented by the GMM variables'
    differences lagged one period less than their first level lag (plm 2.6-2 `pgmm(transformation =
    "ld")`, Blundell and Bond 1998); time_effects adds an intercept and period dummies (plm's twoways).
    transform="fod" replaces the differenced equations by forward orthogonal deviations (xtabond2's
    orthogonal option; no plm counterpart).
    """
    return fit(data, GMMSpec(**options), "system")


def fit(data: pd.DataFrame, spec: GMMSpec, estimator: str) -> GMMResult:
    """Estimate `spec` on `data` as difference or system GMM (`estimator`): the map step on the whole
    panel, the reduce step, then the residuals and fitted values of the rows used."""
    design, warnings = design_of(data, spec, estimator)
    result = estimate_moments(entity_moments(design, estimator), steps=spec.steps, robust=spec.robust,
                              instrument_tests=spec.instrument_tests, warnings=warnings)
    residuals, fitted = _keyed(design, result.params.to_numpy(), (spec.entity, spec.time))
    return replace(result, residuals=residuals, fitted_values=fitted)


def fit_parts(parts: list[pd.DataFrame], estimator: str, **options) -> GMMResult:
    """`difference_gmm` or `system_gmm` (`estimator`) of `GMMSpec(**options)` on a panel held as parts,
    each holding whole entities: the whole panel's periods, the map step on each part
    (`gmm_moments.part_moments`), then the reduce step. Equal to the estimate on the whole panel but for
    the residuals and fitted values, which stay with the parts (None here)."""
    spec = GMMSpec(**options)
    observed = np.concatenate([pd.to_numeric(part[spec.time]).to_numpy() for part in parts])
    times, warnings = grid_periods(observed, spec.time, spec.delta)
    moments = combine([part_moments(part, spec, estimator, times) for part in parts if len(part)])
    return estimate_moments(moments, steps=spec.steps, robust=spec.robust,
                            instrument_tests=spec.instrument_tests, warnings=warnings)


def estimate_moments(moments: EntityMoments, *, steps: int = 2, robust: bool = True,
                     instrument_tests: bool = False, warnings: list[str] | None = None) -> GMMResult:
    """The reduce step: one- or two-step GMM with robust or Windmeijer errors, the Sargan/Hansen J, the
    Arellano-Bond tests and (instrument_tests) the difference-in-Hansen tests of each instrument group,
    from the per-entity moments; `warnings` are what the data checks said (they come first)."""
    if steps not in (1, 2):
        raise ValueError("steps must be 1 or 2")
    result = _estimate(moments, steps, robust)
    result = replace(result, warnings=list(warnings or []) + result.warnings)
    if not instrument_tests:
        return result

    def refit(keep: np.ndarray) -> GMMResult:
        return _estimate(columns(moments, keep), steps, False, j_only=True)

    return replace(result, instrument_tests=diagnostics.c_tests(moments.groups, result, refit))


def _sample(moments: EntityMoments, warnings: list[str]) -> tuple[EntityMoments, int, int]:
    """The estimation sample: drops instrument columns that are zero on it; (moments, n_obs, n_groups)."""
    nonzero = moments.abs_Z.sum(axis=0) > 0
    if not nonzero.all():
        warnings.append(f"{int((~nonzero).sum())} instrument columns are zero on the estimation sample "
                        "and were dropped")
        moments = columns(moments, nonzero)
    k, n_instruments = moments.ZW.shape[2] - 1, moments.ZW.shape[1]
    n_obs, n_groups = int(moments.level_rows.sum()), int(moments.has_rows.sum())
    if n_obs == 0:
        raise ValueError("no usable observations after lags and differencing")
    if n_instruments < k:
        raise ValueError(f"under-identified: {n_instruments} instruments for {k} coefficients")
    if n_instruments > n_groups:
        warnings.append(f"{n_instruments} instruments exceed {n_groups} groups "
                        f"(ratio {n_instruments / n_groups:.2f}): the moment covariance is singular")
    return moments, n_obs, n_groups


def _residual_direction(beta: np.ndarray) -> np.ndarray:
    """v(b) = (1, -b): W_i v(b) = y_i - X_i b, the residuals at b."""
    return np.concatenate([[1.0], -beta])


def _estimate(moments: EntityMoments, steps: int, robust: bool, j_only: bool = False) -> GMMResult:
    """One step weighted by A1 = (sum Z_i' H Z_i)^-1, and (steps=2) a second weighted by A2 = (sum Z_i'
    e1_i e1_i' Z_i)^-1 from the one-step residuals (Arellano and Bond 1991, eqs. 4-5); robust one-step
    errors B1 X'Z A1 S A1 Z'X B1 (Roodman 2009, eq. 15), or B1 times the one-step error variance;
    two-step B2, Windmeijer-corrected (2005, eq. 3.3, the derivative at the one-step residuals) when
    robust; then the tests (j_only: the estimates and J alone, for the difference-in-Hansen refits)."""
    warnings: list[str] = []
    moments, n_obs, n_groups = _sample(moments, warnings)
    n = moments.ZW.shape[0]
    ZX, Zy = moments.ZW[:, :, 1:].sum(axis=0), moments.ZW[:, :, 0].sum(axis=0)
    n_instruments, k = ZX.shape
    A1 = _inverse(moments.ZHZ.sum(axis=0), "first-step", warnings)[0] * n
    B1 = np.linalg.inv(ZX.T @ A1 @ ZX)
    beta1 = B1 @ ZX.T @ A1 @ Zy
    v1 = _residual_direction(beta1)
    Ze1 = moments.ZW @ v1
    S = Ze1.T @ Ze1
    A2, singular_weights = _inverse(S, "second-step", warnings)
    if steps == 1:
        beta, A, B = beta1, A1, B1
    else:
        B = np.linalg.inv(ZX.T @ A2 @ ZX)
        beta, A = B @ ZX.T @ A2 @ Zy, A2
    ze = moments.ZW.sum(axis=0) @ _residual_direction(beta)
    V1_robust = B1 @ (ZX.T @ A1 @ S @ A1 @ ZX) @ B1
    e1e1 = float(v1 @ moments.WW.sum(axis=0) @ v1)
    if steps == 1:
        vcov = V1_robust if robust else B1 * e1e1 / (2 * n_obs) * n
    elif not robust:
        vcov = B
    else:
        D = np.empty((k, k))
        for j in range(k):
            P = moments.ZW[:, :, 1 + j].T @ Ze1
            D[:, j] = -B @ ZX.T @ A2 @ (-(P + P.T)) @ A2 @ ze
        vcov = B + D @ B + (D @ B).T + D @ V1_robust @ D.T
    variances = np.diag(vcov)
    if (variances < 0).any():
        warnings.append(f"{int((variances < 0).sum())} negative variances (a singular weight matrix): "
                        "their standard errors are NaN")
    std = np.sqrt(np.where(variances >= 0, variances, np.nan))
    z = beta / std
    index = pd.Index(moments.names, name="regressor")
    j_stat = float("nan") if singular_weights else float(ze @ A2 @ ze)
    j_test, test_note = diagnostics.j_test(j_stat, n_instruments - k, n_instruments, n_groups, warnings)
    sargan_onestep = None if j_only else diagnostics.sargan_onestep(Ze1.sum(axis=0), e1e1, A1, n, n_obs, k)

    def ar_test_of(orders: list[int], said: list[str] | None = None) -> dict[int, ARTest]:
        return diagnostics.ar_tests(moments, _residual_direction(beta), ZX, A, B, vcov,
                                    [] if said is None else said, tuple(orders))

    ar_tests = {} if j_only else ar_test_of([1, 2], warnings)
    return GMMResult(
        params=pd.Series(beta, index=index), std_errors=pd.Series(std, index=index),
        tvalues=pd.Series(z, index=index), pvalues=pd.Series(2 * stats.norm.sf(np.abs(z)), index=index),
        hansen=j_test if steps == 2 else None, sargan=j_test if steps == 1 else None, ar_tests=ar_tests,
        n_obs=n_obs, n_groups=n_groups, n_instruments=n_instruments, steps=steps, robust=robust,
        warnings=warnings, params_step1=pd.Series(beta1, index=index), estimator=moments.estimator,
        test_note=test_note, sargan_onestep=sargan_onestep, ar_test_of=None if j_only else ar_test_of,
        cov=pd.DataFrame(vcov, index=index, columns=index))


# Weight matrices whose condition number passes this are named in the warnings: their inverse, and so
# the estimates and J, keep about 16 - log10(condition) significant digits.
ILL_CONDITIONED = 1e8


def _inverse(matrix: np.ndarray, label: str, warnings: list[str]) -> tuple[np.ndarray, bool]:
    """(inverse, False) of a symmetric weight matrix of full numerical rank, or (its Moore-Penrose inverse,
    True) when rank-deficient. One rule decides, numpy's `matrix_rank` default: an eigenvalue is zero
    when it is at most L * eps * (largest |eigenvalue|), L the matrix's order (Press et al., Numerical
    Recipes, sec. 2.6). The generalized inverse drops exactly those eigenvalues, so the estimate, its
    errors and J use the same inverse; a full-rank but ill-conditioned matrix is inverted as it is and
    its condition number is reported."""
    symmetric = (matrix + matrix.T) / 2
    eigenvalues, vectors = np.linalg.eigh(symmetric)
    largest = np.abs(eigenvalues).max()
    cutoff = matrix.shape[0] * np.finfo(float).eps * largest
    kept = eigenvalues > cutoff
    if not kept.all():
        warnings.append(
            f"the {label} matrix is singular (numerical rank {int(kept.sum())} of {matrix.shape[0]}): "
            "its Moore-Penrose inverse is used"
        )
        return (vectors[:, kept] / eigenvalues[kept]) @ vectors[:, kept].T, True
    condition = largest / eigenvalues.min()
    if condition > ILL_CONDITIONED:
        warnings.append(
            f"the {label} matrix is ill-conditioned (condition number {condition:.1e}): its inverse "
            f"keeps about {max(0, 16 - int(np.ceil(np.log10(condition))))} significant digits"
        )
    return np.linalg.inv(matrix), False


def _keyed(design: Design, beta: np.ndarray, keys: tuple[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Residuals and fitted values of the used rows, indexed by (entity, time), a column per equation."""
    used = used_rows(design)
    y_eq = np.where(used, design.y, 0.0)
    residuals = y_eq - np.where(used[:, :, None], design.X, 0.0) @ beta
    equations = np.array([equation for equation, _ in design.row_keys])
    periods = np.array([period for _, period in design.row_keys], dtype=object)
    rows, cols = np.nonzero(used)
    long = pd.DataFrame({keys[0]: design.entities[rows], keys[1]: periods[cols], "equation": equations[cols],
                         "residual": residuals[rows, cols], "fitted": (y_eq - residuals)[rows, cols]})
    wide = long.pivot(index=list(keys), columns="equation")
    order = list(dict.fromkeys(equations))
    return wide["residual"][order].rename_axis(columns=None), wide["fitted"][order].rename_axis(columns=None)
