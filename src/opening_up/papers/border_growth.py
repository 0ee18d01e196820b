"""Paper 001's border-growth models on the warehouse's panel: the data shaping behind the dbt Python
models `int_border_growth_gmm_results` (every GMM model estimated once; the marts `fct_border_growth_gmm`,
`_diagnostics` and `_instrument_tests` select from it) and `fct_border_growth_fe`.

Equation 3 of paper 001 is written in first differences, with interactions that are products of
differences (Δg·ΔlnFAI), so it is estimated as given: `difference_gmm(..., transform="none")` with
Δdep as the dependent, ΔlnFAI, ΔIS, ΔBO as exogenous regressors (their own instruments) and the
three interactions as endogenous regressors instrumented GMM-style by lags of ΔlnFAI, ΔIS and ΔBO
("使用解释变量的差分项和滞后项解决…内生性问题"). The robustness model (Table 3) replaces growth by
relative per-capita GDP, in the dependent and in the interactions.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from opening_up.methods.gmm import GMMResult, difference_gmm, system_gmm

Periods = dict[str, tuple[int, int]]
DEPENDENTS = {"growth_rate": "d_growth_rate", "relative_gdp_per_capita": "d_relative_gdp_per_capita"}
EXPLANATORY = {"d_ln_fai": "d_ln_fixed_asset_investment", "d_is": "d_industrial_structure",
               "d_bo": "d_border_openness"}
INSTRUMENT_SETS = {
    # Every available lag of the differenced explanatory variables, one column per period and lag.
    "paper": {"lags": (1, None), "collapse": False},
    # One column per lag, lags 1-2 only: 6 GMM + 3 IV instruments for 6 coefficients, at most the 9 provinces.
    "parsimonious": {"lags": (1, 2), "collapse": True},
}
TERM_ORDER = ["d_ln_fai", "d_is", "d_bo", "d_g_x_d_ln_fai", "d_g_x_d_is", "d_g_x_d_bo"]


def periods_from_meta(meta: dict) -> Periods:
    """Paper 001's periods from the dbt vars its Python models receive through `meta` (strings): the whole
    period border_growth_first_year-border_growth_last_year, then the two sub-periods split at
    border_growth_second_period_first_year ({"1992-2020": (1992, 2020), "1992-2013": ..., "2014-2020":
    ...})."""
    first, last = int(meta["border_growth_first_year"]), int(meta["border_growth_last_year"])
    split = int(meta["border_growth_second_period_first_year"])
    if not first < split <= last:
        raise ValueError(
            f"border_growth_second_period_first_year {split} must fall after {first} and by {last}"
        )
    spans = [(first, last), (first, split - 1), (split, last)]
    return {f"{start}-{end}": (start, end) for start, end in spans}


def _stars(p: float) -> str | None:
    return "***" if p < 0.01 else "**" if p < 0.05 else "*" if p < 0.1 else None


def model_frame(panel: pd.DataFrame, dependent: str, first_year: int, last_year: int) -> pd.DataFrame:
    """Equation 3's variables for one dependent and period, complete rows only."""
    frame = panel[(panel.year >= first_year) & (panel.year <= last_year)].copy()
    d_dep = frame[DEPENDENTS[dependent]]
    columns = {"region_code": frame.region_code, "year": frame.year, "d_dep": d_dep}
    for term, source in EXPLANATORY.items():
        columns[term] = frame[source]
        columns[f"d_g_x_{term}"] = d_dep * frame[source]
    return pd.DataFrame(columns).dropna()


ESTIMATORS = {"difference": difference_gmm, "system": system_gmm}


def estimate_border_growth(panel: pd.DataFrame, periods: Periods,
                           estimators: dict[str, Callable[..., GMMResult]] | None = None) -> pd.DataFrame:
    """Every estimator x dependent x period x instrument set, estimated once, as one long table:
    record_type `model` (observations, instruments, Hansen, AR tests, notes), `coefficient` (Tables 1/3's
    shape) and `instrument_test` (difference-in-Hansen per instrument group). The marts select from it.
    `estimators` replaces `difference_gmm` and `system_gmm` by functions of the same signature (on Spark:
    `opening_up.spark.gmm.spark_estimators`)."""
    records = []
    for estimator, estimate in (estimators or ESTIMATORS).items():
        for dependent in DEPENDENTS:
            for period, (first, last) in periods.items():
                frame = model_frame(panel, dependent, first, last)
                for instrument_set, spec in INSTRUMENT_SETS.items():
                    key = {"estimator": estimator, "dependent_variable": dependent, "period_label": period,
                           "period_start": first, "period_end": last, "instrument_set": instrument_set}
                    records += _fit_records(estimate, frame, spec, key)
    return pd.DataFrame(records).assign(is_sample=bool(panel.is_sample.any()))


def _fit_records(estimate, frame: pd.DataFrame, spec: dict, key: dict) -> list[dict]:
    """The records of one model: equation 3 with the interactions instrumented GMM-style by lags of the
    differenced explanatory variables; the system estimator treats equation 3's variables as given as
    its levels (an extension: paper 001 estimates differences only)."""
    options = {"transform": "none"} if key["estimator"] == "difference" else {}
    try:
        result = estimate(
            frame,
            entity="region_code",
            time="year",
            y="d_dep",
            exog=list(EXPLANATORY),
            endog=[f"d_g_x_{t}" for t in EXPLANATORY],
            gmm={t: spec["lags"] for t in EXPLANATORY},
            collapse=spec["collapse"],
            steps=2,
            robust=True,
            instrument_tests=True,
            **options,
        )
    except (ValueError, np.linalg.LinAlgError) as error:
        return [key | {"record_type": "model", "status": "not estimated", "warnings": str(error)}]
    ar1_z, ar1_p = result.ar_tests.get(1, (np.nan, np.nan))
    ar2_z, ar2_p = result.ar_tests.get(2, (np.nan, np.nan))
    records = [
        key
        | {
            "record_type": "model",
            "status": "estimated",
            "n_obs": result.n_obs,
            "n_groups": result.n_groups,
            "n_instruments": result.n_instruments,
            "instruments_exceed_groups": result.n_instruments > result.n_groups,
            "hansen_statistic": result.hansen.statistic,
            "hansen_df": result.hansen.df,
            "hansen_p": result.hansen.pvalue,
            "hansen_note": result.test_note,
            "ar1_z": ar1_z,
            "ar1_p": ar1_p,
            "ar2_z": ar2_z,
            "ar2_p": ar2_p,
            "warnings": "; ".join(result.warnings) or None,
        }
    ]
    for term in TERM_ORDER:
        p = float(result.pvalues[term])
        records.append(key | {
            "record_type": "coefficient", "term_code": term, "coefficient": float(result.params[term]),
            "std_error": float(result.std_errors[term]), "z_value": float(result.tvalues[term]),
            "p_value": p, "significance_stars": _stars(p)})
    for test in result.instrument_tests.itertuples():
        records.append(
            key
            | {
                "record_type": "instrument_test",
                "instrument_group": test.group,
                "n_columns": test.n_columns,
                "hansen_excluding": test.hansen_excluding,
                "df_excluding": test.df_excluding,
                "p_excluding": test.p_excluding,
                "difference": test.difference,
                "df_difference": test.df_difference,
                "p_difference": test.p_difference,
                "note": test.note,
            }
        )
    return records


def estimate_fixed_effects(panel: pd.DataFrame, periods: Periods) -> pd.DataFrame:
    """Paper 001's equation 1 baseline: dep = a_i + b1 lnFAI + b2 IS + b3 BO, linearmodels PanelOLS with
    entity effects and errors clustered by province."""
    from linearmodels.panel import PanelOLS

    rows = []
    regressors = ["ln_fixed_asset_investment", "industrial_structure", "border_openness"]
    for dependent in DEPENDENTS:
        for period, (first, last) in periods.items():
            frame = panel[(panel.year >= first) & (panel.year <= last)][
                ["region_code", "year", dependent, *regressors]
            ]
            frame = frame.dropna().set_index(["region_code", "year"])
            fit = PanelOLS(frame[dependent], frame[regressors], entity_effects=True).fit(
                cov_type="clustered", cluster_entity=True)
            for term in regressors:
                rows.append(
                    {
                        "dependent_variable": dependent,
                        "period_label": period,
                        "period_start": first,
                        "period_end": last,
                        "term": term,
                        "coefficient": float(fit.params[term]),
                        "std_error": float(fit.std_errors[term]),
                        "t_value": float(fit.tstats[term]),
                        "p_value": float(fit.pvalues[term]),
                        "n_obs": int(fit.nobs),
                        "n_groups": int(fit.entity_info["total"]),
                        "r_squared_within": float(fit.rsquared_within),
                    }
                )
    return pd.DataFrame(rows).assign(is_sample=bool(panel.is_sample.any()))
