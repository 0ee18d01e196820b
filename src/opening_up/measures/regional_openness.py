"""Convergence, kernel densities and comprehensive evaluation of the provinces' openness indices
(paper 003's composite index and its parts): the tables behind fct_openness_convergence,
fct_openness_density, fct_openness_topsis, fct_openness_evaluation_weights and
fct_openness_obstacle_degree. Inputs are the intermediate models int_openness_measure_inputs (index,
province, year, value), int_openness_region_groups and int_openness_evaluation_inputs; formulas and
sources are in `opening_up.methods.convergence`, `.density` and `.evaluation`.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from opening_up.measures.spatial_openness import weights_matrix
from opening_up.methods import convergence, density, evaluation, markov

ALL_PROVINCES = "all_provinces"
INDICATORS = ["trade_scale", "trade_intensity", "investment_scale", "investment_intensity"]
WEIGHT_METHODS = {"entropy": evaluation.entropy_weights_of, "critic": evaluation.critic_weights}
# The fewest provinces a group needs for a β: the cross-section OLS needs a degree of freedom.
MIN_REGIONS = 3
# Markov classes: quartiles of the index relative to the year's mean over the provinces, pooled.
MARKOV_CLASSES = 4
# The spatial Markov chains condition on the lag over land neighbours (Rey 2001 uses contiguity).
MARKOV_WEIGHTS = "rook"


def periods_from_meta(meta: dict, inputs: pd.DataFrame) -> list[tuple[int, int]]:
    """The whole span of the inputs' years, then paper 003's stages (var openness_stages, passed as
    JSON in meta) that lie within it."""
    first, last = int(inputs.year.min()), int(inputs.year.max())
    stages = [(int(s["first_year"]), int(s["last_year"])) for s in json.loads(meta["openness_stages"])]
    return [(first, last)] + [(a, b) for a, b in stages if first <= a < b <= last and (a, b) != (first, last)]


def _groups(inputs: pd.DataFrame, region_groups: pd.DataFrame) -> list[tuple[str, str | None, pd.DataFrame]]:
    groups = [(ALL_PROVINCES, None, inputs)]
    for (grouping, group_code), members in region_groups.groupby(["grouping", "group_code"]):
        groups.append((grouping, group_code, inputs[inputs.region_code.isin(members.region_code)]))
    return groups


def _beta_row(result: convergence.BetaConvergenceResult, key: dict) -> dict:
    return {**key, "kind": result.kind, "beta": result.beta, "std_error": result.std_error,
            "p_value": result.p_value, "speed": result.speed, "half_life_years": result.half_life_years,
            "n_obs": result.n_obs}


def convergence_table(inputs: pd.DataFrame, region_groups: pd.DataFrame,
                      periods: list[tuple[int, int]]) -> pd.DataFrame:
    """Absolute and conditional β per index, grouping (all provinces, then each group of at least
    MIN_REGIONS provinces) and period."""
    rows = []
    for index_code, by_index in inputs.groupby("index_code"):
        for grouping, group_code, frame in _groups(by_index, region_groups):
            if frame.region_code.nunique() < MIN_REGIONS:
                continue
            for start, end in periods:
                span = frame[frame.year.between(start, end)]
                key = {"index_code": index_code, "grouping": grouping, "group_code": group_code,
                       "period_start": start, "period_end": end, "is_sample": bool(span.is_sample.any())}
                levels = span.pivot(index="region_code", columns="year", values="index_value")
                rows.append(_beta_row(convergence.absolute_beta(
                    levels[start].to_numpy(), levels[end].to_numpy(), end - start), key))
                rows.append(_beta_row(convergence.conditional_beta(
                    span, "region_code", "year", "index_value"), key))
    return pd.DataFrame(rows)


def density_table(inputs: pd.DataFrame, n_points: int = 100) -> pd.DataFrame:
    """The Gaussian and Stata-Epanechnikov densities of each index per year, on n_points points."""
    frames = []
    for (index_code, year), frame in inputs.groupby(["index_code", "year"]):
        for kernel in density.KERNELS:
            result = density.kernel_density(frame.index_value.to_numpy(), kernel, n_points)
            frames.append(pd.DataFrame({
                "index_code": index_code, "year": year, "kernel": kernel, "bandwidth": result.bandwidth,
                "point": np.arange(1, n_points + 1), "x": result.x, "density": result.density,
                "is_sample": bool(frame.is_sample.any())}))
    return pd.concat(frames, ignore_index=True)


def _years(inputs: pd.DataFrame):
    for year, frame in inputs.groupby("year"):
        frame = frame.sort_values("region_code")
        yield int(year), frame, evaluation.minmax(frame[INDICATORS].to_numpy())


def evaluation_weights_table(inputs: pd.DataFrame) -> pd.DataFrame:
    """Entropy and CRITIC weights of the four components per year."""
    rows = []
    for year, frame, standardized in _years(inputs):
        for method, weigh in WEIGHT_METHODS.items():
            for indicator, weight in zip(INDICATORS, weigh(standardized), strict=True):
                rows.append({"year": year, "weight_method": method, "indicator_code": indicator,
                             "weight": weight, "is_sample": bool(frame.is_sample.any())})
    return pd.DataFrame(rows)


def topsis_table(inputs: pd.DataFrame) -> pd.DataFrame:
    """TOPSIS closeness and rank of each province per year, with entropy and with CRITIC weights."""
    frames = []
    for year, frame, standardized in _years(inputs):
        for method, weigh in WEIGHT_METHODS.items():
            result = evaluation.topsis(standardized, weigh(standardized))
            frames.append(pd.DataFrame({
                "year": year, "region_code": frame.region_code.to_numpy(), "weight_method": method,
                "closeness": result.closeness, "rank": result.rank,
                "distance_to_ideal": result.distance_to_ideal,
                "distance_to_anti_ideal": result.distance_to_anti_ideal,
                "is_sample": bool(frame.is_sample.any())}))
    return pd.concat(frames, ignore_index=True)


def obstacle_degree_table(inputs: pd.DataFrame) -> pd.DataFrame:
    """The obstacle degree of each component for each province per year, with the entropy weights as
    factor contributions, ranked within the province-year (1 = the largest obstacle)."""
    frames = []
    for year, frame, standardized in _years(inputs):
        weights = evaluation.entropy_weights_of(standardized)
        deviation, degree = evaluation.obstacle_degree(standardized, weights)
        frames.append(pd.DataFrame({
            "year": year, "region_code": np.repeat(frame.region_code.to_numpy(), len(INDICATORS)),
            "indicator_code": np.tile(INDICATORS, len(frame)),
            "factor_contribution": np.tile(weights, len(frame)),
            "deviation": deviation.ravel(), "obstacle_degree": degree.ravel(),
            "is_sample": bool(frame.is_sample.any())}))
    table = pd.concat(frames, ignore_index=True)
    table["obstacle_rank"] = table.groupby(["year", "region_code"]).obstacle_degree.rank(
        ascending=False, method="min").astype("Int64")
    return table


def relative_index(inputs: pd.DataFrame, index_code: str) -> pd.DataFrame:
    """Provinces x years of one index over the year's mean across the provinces (the relative index
    whose classes stay comparable while the index grows)."""
    wide = inputs[inputs.index_code == index_code].pivot(
        index="region_code", columns="year", values="index_value"
    )
    return wide / wide.mean(axis=0)


def markov_table(inputs: pd.DataFrame, neighbours: pd.DataFrame, k: int = MARKOV_CLASSES,
                 weights_type: str = MARKOV_WEIGHTS) -> pd.DataFrame:
    """The Markov chains of each index's relative value in k quantile classes pooled over the years
    (classes 1 = lowest .. k): the classic chain, then the spatial chains conditioned on the class
    (k quantiles of the pooled lags) of the neighbours' average W y at the start of each transition,
    as giddy's Spatial_Markov(fixed=True). Rows: transitions, probabilities and the ergodic share of
    the origin class in its chain."""
    rows = []
    for index_code, frame in inputs.groupby("index_code"):
        relative = relative_index(frame, index_code)
        values = relative.to_numpy()
        classes = markov.classify(values, markov.quantile_cutoffs(values, k))
        lags = weights_matrix(neighbours, weights_type, relative.index.tolist()) @ values
        lag_classes = markov.classify(lags, markov.quantile_cutoffs(lags, k))
        chains = [("classic", None, markov.markov_chain(classes, k))] + [
            ("spatial", level + 1, chain)
            for level, chain in enumerate(markov.spatial_markov(classes, lag_classes, k, k))
        ]
        for kind, lag_class, chain in chains:
            for origin in range(k):
                for destination in range(k):
                    rows.append({"index_code": index_code, "kind": kind, "lag_class": lag_class,
                                 "from_class": origin + 1, "to_class": destination + 1,
                                 "n_transitions": int(chain.transitions[origin, destination]),
                                 "probability": chain.probabilities[origin, destination],
                                 "ergodic_probability": chain.ergodic[origin],
                                 "is_sample": bool(frame.is_sample.any())})
    return pd.DataFrame(rows)
