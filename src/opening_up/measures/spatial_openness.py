"""Spatial autocorrelation of the provinces' openness indices (全局莫兰指数, 局部莫兰指数/LISA): the tables
behind fct_openness_spatial_autocorrelation and fct_openness_lisa, and the spatial weights the spatial
Markov chains of fct_openness_markov read. Inputs are int_openness_measure_inputs (index, province,
year, value) and int_region_neighbours (weights type, province, neighbour, row-standardised weight);
formulas and sources are in `opening_up.methods.spatial`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from opening_up.methods import spatial


def weights_matrix(
    neighbours: pd.DataFrame, weights_type: str, region_codes: Sequence[str]
) -> sparse.csr_array:
    """The weights of one type as an n x n matrix over region_codes in that order (row i, column j: the
    weight of neighbour j in region i's lag). Refuses a neighbour outside region_codes, since its
    weight would be lost."""
    rows = neighbours[neighbours.weights_type == weights_type]
    if rows.empty:
        raise ValueError(f"weights_matrix: no weights of type {weights_type!r}")
    position = {code: i for i, code in enumerate(region_codes)}
    unknown = sorted(set(rows.region_code).union(rows.neighbour_code) - set(position))
    if unknown:
        raise ValueError(f"weights_matrix: {weights_type} weights name regions without values: {unknown}")
    return sparse.csr_array(
        (rows.weight.to_numpy(dtype=float),
         (rows.region_code.map(position).to_numpy(), rows.neighbour_code.map(position).to_numpy())),
        shape=(len(region_codes), len(region_codes)),
    )


def _cross_sections(
    inputs: pd.DataFrame, neighbours: pd.DataFrame
) -> Iterator[tuple[dict, np.ndarray, sparse.csr_array, list[str]]]:
    """Each index, year and weights type: its key, the values in region-code order and the weights
    (each matrix built once per weights type and set of regions, not once per index and year)."""
    matrices: dict[tuple[str, tuple[str, ...]], sparse.csr_array] = {}
    for (index_code, year), frame in inputs.groupby(["index_code", "year"]):
        frame = frame.sort_values("region_code")
        codes = frame.region_code.tolist()
        values = frame.index_value.to_numpy(dtype=float)
        for weights_type in sorted(neighbours.weights_type.unique()):
            key = {"index_code": index_code, "year": int(year), "weights_type": weights_type,
                   "is_sample": bool(frame.is_sample.any())}
            cache_key = (weights_type, tuple(codes))
            if cache_key not in matrices:
                matrices[cache_key] = weights_matrix(neighbours, weights_type, codes)
            yield key, values, matrices[cache_key], codes


def autocorrelation_table(
    inputs: pd.DataFrame, neighbours: pd.DataFrame, permutations: int, seed: int
) -> pd.DataFrame:
    """Global Moran's I and Geary's C per index, year and weights type, with their moments under
    normality and randomisation and the permutation p-value (permutations draws from seed)."""
    rows = []
    for key, values, weights, _ in _cross_sections(inputs, neighbours):
        for statistic in (spatial.morans_i, spatial.gearys_c):
            result = statistic(values, weights, permutations=permutations, seed=seed)
            rows.append({
                **key, "statistic": result.statistic, "value": result.value, "expected": result.expected,
                "variance_normality": result.variance_normality, "z_normality": result.z_normality,
                "p_normality": result.p_normality, "variance_randomization": result.variance_randomization,
                "z_randomization": result.z_randomization, "p_randomization": result.p_randomization,
                "p_permutation": result.p_permutation, "n_permutations": result.n_permutations,
            })
    return pd.DataFrame(rows)


def lisa_table(
    inputs: pd.DataFrame, neighbours: pd.DataFrame, permutations: int, seed: int, alpha: float
) -> pd.DataFrame:
    """Local Moran's I_i per index, year, weights type and province: the Moran scatter plot's point
    (the standardised value and its spatial lag), its moments and z under total randomisation, its
    conditional permutation p-value, quadrant, and significance at alpha, plain and under the
    false-discovery rate of the year's provinces (esda.fdr)."""
    rows = []
    for key, values, weights, codes in _cross_sections(inputs, neighbours):
        local = spatial.local_morans_i(values, weights, permutations=permutations, seed=seed)
        fdr_cutoff = spatial.fdr_threshold(local.p_permutation, alpha)
        # The Moran scatter plot's axes (esda's z and its lag): the slope of the lag on the value is I.
        standardized = (values - values.mean()) / values.std()
        rows.append(pd.DataFrame({
            **key, "region_code": codes, "standardized_value": standardized,
            "spatial_lag": weights @ standardized, "local_i": local.local_i, "expected": local.expected,
            "variance": local.variance, "z": local.z, "p_permutation": local.p_permutation,
            "quadrant": [spatial.QUADRANTS[q] for q in local.quadrant],
            "is_significant": local.p_permutation < alpha,
            "is_significant_fdr": local.p_permutation < fdr_cutoff,
            "n_permutations": permutations,
        }))
    return pd.concat(rows, ignore_index=True)
