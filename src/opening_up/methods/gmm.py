"""Difference GMM (Arellano and Bond 1991), as paper 001 estimates its equation 3, and system GMM
(Blundell and Bond 1998) for dynamic panels.

The moment conditions E[Z_i' u_i] = 0 are stacked per individual on the panel's full period grid
(missing periods are zero rows, as in R plm's `pgmm`); `opening_up.methods.gmm_design` builds the
equations, instruments and H. One step weights by A1 = (sum_i Z_i' H Z_i)^-1 with H = tridiag(-1, 2, -1)
(differences) or plm's [[G, FD], [FD', I]] (system); two steps by A2 = (sum_i Z_i' e_i e_i' Z_i)^-1
from the one-step residuals. Covariances: robust one-step B1 X'Z A1 A2^-1 A1 Z'X B1 (Roodman 2009,
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

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import stats

from opening_up.methods import gmm_diagnostics as diagnostics
from opening_up.methods.gmm_design import Design, difference_design, system_design
from opening_up.methods.gmm_result import ARTest, ChiSquareTest, GMMResult
from opening_up.methods.gmm_spec import TRANSFORMS, GMMSpec, prepare

__all__ = ["GMMSpec", "GMMResult", "ChiSquareTest", "ARTest", "difference_gmm", "system_gmm"]

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
    """Estimate `spec` on `data` as difference or system GMM (`estimator`)."""
    if spec.transform not in TRANSFORMS[estimator]:
        raise ValueError(f"transform must be one of {', '.join(repr(t) for t in TRANSFORMS[estimator])} "
                         f"for {estimator} GMM")
    grids, entities, times, terms, warnings = prepare(data, spec)
    make_design = difference_design if estimator == "difference" else system_design
    design = make_design(
        grids, entities, times, y=spec.y, time_effects=spec.time_effects, transform=spec.transform, **terms
    )
    keys = (spec.entity, spec.time)
    result = _estimate(design, spec.steps, spec.robust, estimator, keys)
    result = replace(result, warnings=warnings + result.warnings)
    if not spec.instrument_tests:
        return result
    return replace(result, instrument_tests=diagnostics.c_tests(design, result, keys, _estimate))


@dataclass(frozen=True)
class _Sample:
    """The stacked design on its estimation sample: unused rows and all-zero instrument columns are zero."""

    y: np.ndarray
    X: np.ndarray
    Z: np.ndarray
    used: np.ndarray
    n_obs: int
    n_groups: int


@dataclass(frozen=True)
class _Steps:
    """The one- and two-step estimates: weights A, bread B = (X'Z A Z'X)^-1, residuals of each step."""

    ZX: np.ndarray
    A1: np.ndarray
    B1: np.ndarray
    beta1: np.ndarray
    e1: np.ndarray
    Ze1: np.ndarray
    S: np.ndarray
    A2: np.ndarray
    singular_weights: bool
    beta: np.ndarray
    residuals: np.ndarray
    A: np.ndarray
    B: np.ndarray


def _sample(design: Design, estimator: str, warnings: list[str]) -> _Sample:
    """The rows with y and every regressor observed; drops instrument columns that are zero on them."""
    y_eq, X, Z = design.y, design.X, design.Z
    used = ~(np.isnan(y_eq) | np.isnan(X).any(axis=2))
    y_eq = np.where(used, y_eq, 0.0)
    X = np.where(used[:, :, None], X, 0.0)
    Z = np.where(used[:, :, None], np.nan_to_num(Z, nan=0.0), 0.0)
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
    return _Sample(y=y_eq, X=X, Z=Z, used=used, n_obs=n_obs, n_groups=n_groups)


def _steps(sample: _Sample, H: np.ndarray, steps: int, warnings: list[str]) -> _Steps:
    """One step weighted by A1 = (sum Z_i' H Z_i)^-1, and (steps=2) a second weighted by
    A2 = (sum Z_i' e1_i e1_i' Z_i)^-1 from the one-step residuals (Arellano and Bond 1991, eqs. 4-5)."""
    y_eq, X, Z = sample.y, sample.X, sample.Z
    n, k, n_instruments = y_eq.shape[0], X.shape[2], Z.shape[2]
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
    if steps == 1:
        beta, residuals, A, B = beta1, e1, A1, B1
    else:
        B2 = np.linalg.inv(ZX.T @ A2 @ ZX)
        beta = B2 @ ZX.T @ A2 @ Zy
        residuals, A, B = y_eq - X @ beta, A2, B2
    return _Steps(
        ZX=ZX,
        A1=A1,
        B1=B1,
        beta1=beta1,
        e1=e1,
        Ze1=Ze1,
        S=S,
        A2=A2,
        singular_weights=singular_weights,
        beta=beta,
        residuals=residuals,
        A=A,
        B=B,
    )


def _covariance(sample: _Sample, fit: _Steps, steps: int, robust: bool) -> tuple[np.ndarray, np.ndarray]:
    """(vcov, the robust one-step vcov V1): robust one-step B1 X'Z A1 S A1 Z'X B1 (Roodman 2009, eq. 15)
    or, not robust, B1 times the one-step error variance; two-step B2, Windmeijer-corrected (2005,
    eq. 3.3, the derivative at the one-step residuals) when robust."""
    ZX, A1, B1 = fit.ZX, fit.A1, fit.B1
    V1_robust = B1 @ (ZX.T @ A1 @ fit.S @ A1 @ ZX) @ B1
    if steps == 1:
        e1, used = fit.e1, sample.used
        n = sample.y.shape[0]
        return (V1_robust if robust else B1 * (e1[used] @ e1[used]) / (2 * sample.n_obs) * n), V1_robust
    B2, A2 = fit.B, fit.A2
    if not robust:
        return B2, V1_robust
    Z, X = sample.Z, sample.X
    k = X.shape[2]
    We = Z.reshape(-1, Z.shape[2]).T @ fit.residuals.reshape(-1)
    Zx = np.einsum("ntl,ntk->knl", Z, X)
    D = np.empty((k, k))
    for j in range(k):
        P = Zx[j].T @ fit.Ze1
        D[:, j] = -B2 @ ZX.T @ A2 @ (-(P + P.T)) @ A2 @ We
    return B2 + D @ B2 + (D @ B2).T + D @ V1_robust @ D.T, V1_robust


def _ar_tests(design: Design, sample: _Sample, fit: _Steps, vcov: np.ndarray, warnings: list[str],
              orders: tuple[int, ...] = (1, 2)) -> dict[int, ARTest]:
    """The Arellano-Bond tests of `orders` on the differenced residuals; after orthogonal deviations on the
    same rows in differences (design.ar_y, ar_X), the estimation term keeping Z'ẽ."""
    if design.ar_y is None:
        return diagnostics.ar_tests(
            fit.residuals,
            sample.X,
            sample.Z,
            fit.ZX,
            fit.A,
            fit.B,
            vcov,
            design.ar_rows,
            warnings,
            orders=orders,
        )
    ar_used = ~(np.isnan(design.ar_y) | np.isnan(design.ar_X).any(axis=2)) & sample.used
    ar_X = np.where(ar_used[:, :, None], design.ar_X, 0.0)
    ar_resid = np.where(ar_used, np.nan_to_num(design.ar_y) - np.nan_to_num(design.ar_X) @ fit.beta, 0.0)
    return diagnostics.ar_tests(
        ar_resid,
        ar_X,
        sample.Z,
        fit.ZX,
        fit.A,
        fit.B,
        vcov,
        design.ar_rows,
        warnings,
        estimation_residuals=fit.residuals,
        orders=orders,
    )


def _estimate(design: Design, steps: int, robust: bool, estimator: str, keys: tuple[str, str],
              j_only: bool = False) -> GMMResult:
    """One- or two-step GMM on the stacked design, with robust or Windmeijer errors and the tests
    (j_only: the estimates and J alone, for the difference-in-Hansen refits)."""
    warnings: list[str] = []
    sample = _sample(design, estimator, warnings)
    fit = _steps(sample, design.H, steps, warnings)
    vcov, _ = _covariance(sample, fit, steps, robust)
    variances = np.diag(vcov)
    if (variances < 0).any():
        warnings.append(f"{int((variances < 0).sum())} negative variances (a singular weight matrix): "
                        "their standard errors are NaN")
    std = np.sqrt(np.where(variances >= 0, variances, np.nan))
    z = fit.beta / std
    index = pd.Index(design.names, name="regressor")
    n_instruments, k = sample.Z.shape[2], sample.X.shape[2]
    ze = sample.Z.reshape(-1, n_instruments).T @ fit.residuals.reshape(-1)
    j_stat = float("nan") if fit.singular_weights else float(ze @ fit.A2 @ ze)
    j_test, test_note = diagnostics.j_test(
        j_stat, n_instruments - k, n_instruments, sample.n_groups, warnings
    )
    sargan_onestep = None if j_only else diagnostics.sargan_onestep(sample.Z, fit.e1, fit.A1, sample.used,
                                                                    sample.n_obs, k)
    ar_tests = {} if j_only else _ar_tests(design, sample, fit, vcov, warnings)

    def ar_test_of(orders: list[int]) -> dict[int, ARTest]:
        return _ar_tests(design, sample, fit, vcov, [], tuple(orders))

    resid_frame, fitted_frame = ((None, None) if j_only
                                 else _keyed(design, fit.residuals, sample.y, sample.used, keys))
    return GMMResult(
        params=pd.Series(fit.beta, index=index), std_errors=pd.Series(std, index=index),
        tvalues=pd.Series(z, index=index), pvalues=pd.Series(2 * stats.norm.sf(np.abs(z)), index=index),
        hansen=j_test if steps == 2 else None, sargan=j_test if steps == 1 else None, ar_tests=ar_tests,
        n_obs=sample.n_obs, n_groups=sample.n_groups, n_instruments=n_instruments, steps=steps, robust=robust,
        warnings=warnings, params_step1=pd.Series(fit.beta1, index=index), estimator=estimator,
        residuals=resid_frame, fitted_values=fitted_frame, test_note=test_note, sargan_onestep=sargan_onestep,
        ar_test_of=None if j_only else ar_test_of, cov=pd.DataFrame(vcov, index=index, columns=index))


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
