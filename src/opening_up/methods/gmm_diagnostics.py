"""Specification tests of dynamic-panel GMM (`opening_up.methods.gmm`): the Sargan/Hansen J test and
what it cannot say with few groups, the Arellano-Bond AR(m) tests, and the difference-in-Hansen (C)
tests of instrument subsets.

J = (sum Z'e)' A2 (sum Z'e) ~ chi2(L - k) (Hansen 1982; Sargan after one step, as plm names it);
AR(m) as plm's `mtest` (Arellano and Bond 1991, eq. 8); C = J_full - J_excluding ~ chi2(df difference)
(Hayashi 2000, sec. 3.6; Roodman 2009, "How to do xtabond2"). An impossible statistic is NaN with the
reason, never p = 1.
"""

from __future__ import annotations

from collections.abc import Callable
import numpy as np
import pandas as pd
from scipy import stats

from opening_up.methods.gmm_moments import EntityMoments
from opening_up.methods.gmm_result import ARTest, ChiSquareTest, GMMResult


def j_test(j_stat: float, df: int, n_instruments: int, n_groups: int,
            warnings: list[str]) -> tuple[ChiSquareTest, str | None]:
    """Sargan/Hansen J = (sum Z'e)' A2 (sum Z'e) ~ chi2(L - k), and why it may carry no information."""
    if not np.isfinite(j_stat) or j_stat < 0:
        reason = ("undefined: its weight matrix is singular, so no chi2 statistic exists" if np.isnan(j_stat)
                  else f"{j_stat:.4g}, impossible for a quadratic form (a singular weight matrix)")
        warnings.append(f"the Hansen/Sargan statistic is {reason}: reported as missing")
        note = (no_information(n_instruments, n_groups) if n_instruments >= n_groups else
                "the second-step weight matrix is singular, so there is no overidentification test.")
        return ChiSquareTest(float("nan"), df, float("nan")), note
    p_value = float(stats.chi2.sf(j_stat, df)) if df > 0 else float("nan")
    if df > 0 and p_value > 0.99:
        warnings.append(
            f"Hansen/Sargan p = {p_value:.3f} > 0.99: too many instruments weaken the test (Roodman 2009)"
        )
    note = no_information(n_instruments, n_groups) if (n_instruments >= n_groups or p_value > 0.99) else None
    return ChiSquareTest(j_stat, df, p_value), note


def sargan_onestep(Ze1: np.ndarray, e1e1: float, A1: np.ndarray, n: int, n_obs: int,
                   k: int) -> ChiSquareTest:
    """Sargan's test of the one-step estimate (Sargan 1958; Arellano and Bond 1991, sec. 3):
    S = (sum Z'e1)' (sum Z'HZ)^-1 (sum Z'e1) / sigma2 ~ chi2(L - k) under homoskedastic errors, with
    A1 = N (sum Z'HZ)^-1 (n individuals) and sigma2 = e1'e1 / (2 n_obs), the variance our one-step
    conventional errors use; Ze1 = sum Z'e1. plm's `sargan(weights = "onestep")` is (sum Z'e)' A1
    (sum Z'e) with no variance, so it changes with the scale of the data (times 100 when y and X are
    times 10): ours times N sigma2 is plm's on a one-step model
    (tests/python/methods/test_gmm_plm_options.py)."""
    sigma2 = e1e1 / (2 * n_obs)
    statistic = float(Ze1 @ A1 @ Ze1) / (n * sigma2)
    df = len(Ze1) - k
    return ChiSquareTest(statistic, df, float(stats.chi2.sf(statistic, df)) if df > 0 else float("nan"))


def no_information(n_instruments: int, n_groups: int) -> str:
    """One sentence on why the overidentification test says nothing (Roodman 2009, "too many instruments")."""
    if n_instruments >= n_groups:
        return (
            f"with {n_instruments} instruments for {n_groups} groups the moment covariance has rank at most "
            f"{n_groups}, so the Hansen test cannot reject and carries no information."
        )
    return ("a Hansen p-value above 0.99 is the sign of too many instruments (Roodman 2009), "
            "not of valid ones: the test carries no information.")


def ar_tests(
    moments: EntityMoments,
    v: np.ndarray,
    ZX: np.ndarray,
    A: np.ndarray,
    B: np.ndarray,
    vcov: np.ndarray,
    warnings: list[str],
    orders: tuple[int, ...] = (1, 2),
) -> dict[int, ARTest]:
    """Arellano-Bond AR(m) for each order m of `orders` below the number of differenced periods, on the
    differenced residuals, as plm's `mtest(order = m)` (Arellano and Bond 1991, eq. 8), from the
    per-entity moments (`gmm_moments`) at the estimate b, v = (1, -b): per individual sum_t e_t e_t-m
    = v' C_m v, X'e_{-m} = sum_i C_m[1:, :] v, and the estimation term weighs Z' times the residuals the
    estimator used (ZW_ar v: the differenced rows, or every row after orthogonal deviations)."""
    z_moments = moments.ZW_ar @ v
    tests = {}
    for order in orders:
        if order < 1:
            raise ValueError(f"the order of an Arellano-Bond test is at least 1, not {order}")
        if order >= moments.ar_rows:
            continue
        lagged = moments.lagged[:, order - 1]
        products = lagged @ v @ v
        EX = (lagged[:, 1:, :] @ v).sum(axis=0)
        eve = float((products ** 2).sum())
        zve = z_moments.T @ products
        denom = eve - 2 * EX @ B @ ZX.T @ A @ zve + EX @ vcov @ EX
        if not np.isfinite(denom) or denom <= 0:
            warnings.append(f"AR({order}) is undefined: its variance is not positive")
            tests[order] = ARTest(float("nan"), float("nan"))
            continue
        stat = float(products.sum() / np.sqrt(denom))
        tests[order] = ARTest(stat, float(2 * stats.norm.sf(abs(stat))))
    return tests


def c_tests(
    groups: tuple[tuple[str, ...], ...], full: GMMResult, refit: Callable[[np.ndarray], GMMResult]
) -> pd.DataFrame:
    """Difference-in-Hansen (C) tests, as xtabond2 prints them: for each instrument group (each GMM
    variable, the level equations' instruments, the IV block, the time effects), the Hansen J of the
    model refitted without the group, C = J_full - J_excluding ~ chi2(df_full - df_excluding) under the
    null that the group's moments hold (Hayashi 2000, sec. 3.6; Roodman 2009). `groups[c]` names the
    groups of instrument column c; `refit(keep)` is the J-only refit on the columns where keep is True.
    Columns that become zero or leave the model unidentified lower the degrees of freedom; an impossible
    C is reported as NaN."""
    j_full, df_full, _ = full.j_test
    rows = []
    for group in sorted({name for names in groups for name in names}):
        keep = np.array([group not in names for names in groups])
        row = {"group": group, "n_columns": int((~keep).sum()), "hansen_excluding": float("nan"),
               "df_excluding": pd.NA, "p_excluding": float("nan"), "difference": float("nan"),
               "df_difference": pd.NA, "p_difference": float("nan"), "note": None}
        if not np.isfinite(j_full):
            row["note"] = "the full model's Hansen statistic is missing (see its warnings): no test"
            rows.append(row)
            continue
        try:
            fit = refit(keep)
        except ValueError as error:
            row["note"] = f"without the group the model cannot be estimated ({error}): no test"
            rows.append(row)
            continue
        j_excluding, df_excluding, p_excluding = fit.j_test
        difference, df_difference = j_full - j_excluding, df_full - df_excluding
        row.update(hansen_excluding=j_excluding, df_excluding=df_excluding, p_excluding=p_excluding,
                   df_difference=df_difference)
        if not (np.isfinite(difference) and df_difference > 0):
            row["note"] = "a Hansen statistic is missing or the group adds no degrees of freedom: no test"
        elif difference < 0:
            row["note"] = (
                f"C = {difference:.4g} < 0: the model without the group fits its own moments worse "
                "(the refitted weights differ), so the difference is no chi2 statistic"
            )
        else:
            row.update(difference=difference, p_difference=float(stats.chi2.sf(difference, df_difference)))
        rows.append(row)
    return pd.DataFrame(rows)
