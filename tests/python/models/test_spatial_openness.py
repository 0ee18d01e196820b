"""The spatial marts recomputed independently with PySAL: the weights from the seeds through libpysal
(contiguity from the seed's pairs, k nearest neighbours and inverse distance from the capitals on
the sphere), the statistics through esda (Moran, Geary, Moran_Local) and giddy (Spatial_Markov), on
the index of fct_province_openness. Analytical values agree to 1e-9; the permutation p-values draw
their own permutations (only their range and their agreement in significance are checked)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from esda import Geary, Moran, Moran_Local
from libpysal import weights

INDICES = ["composite_openness_index", "trade_openness_index", "investment_openness_index"]
EARTH_RADIUS_KM = 6371.0088


@pytest.fixture
def provinces(warehouse) -> pd.DataFrame:
    """The indices of the 31 provinces in the years every province has them above 0."""
    frame = warehouse.execute(f"""
        select region_code, year, {', '.join(INDICES)}
        from marts.fct_province_openness
        where region_level = 'province'
        order by year, region_code""").df()
    positive = (frame[INDICES] > 0).all(axis=1)
    complete = positive.groupby(frame.year).transform("sum") == 31
    return frame[complete]


@pytest.fixture
def pysal_weights(warehouse) -> dict[str, weights.W]:
    """libpysal weights from the seeds, ids the region codes in sorted order, row-standardised."""
    pairs = warehouse.execute("select region_code, neighbour_code from raw.ref_region_contiguity").df()
    capitals = warehouse.execute(
        "select region_code, longitude, latitude from raw.ref_region_capitals order by region_code"
    ).df()
    ids = capitals.region_code.tolist()
    points = capitals[["longitude", "latitude"]].to_numpy()
    rook = weights.W({code: sorted(pairs.neighbour_code[pairs.region_code == code]) for code in ids},
                     id_order=ids)
    knn = weights.KNN(points, k=6, ids=ids, distance_metric="arc", radius=EARTH_RADIUS_KM)
    inverse = weights.DistanceBand(points, threshold=20000.0, binary=False, alpha=-1.0, ids=ids,
                                   distance_metric="arc", radius=EARTH_RADIUS_KM, silence_warnings=True)
    result = {"rook": rook, "knn6": knn, "inverse_distance": inverse}
    for w in result.values():
        w.transform = "r"
    return result


def _dense(w: weights.W) -> np.ndarray:
    matrix, ids = w.full()
    order = np.argsort(ids)
    return matrix[np.ix_(order, order)]


def test_neighbours_mart_equals_libpysal_weights(warehouse, pysal_weights) -> None:
    mart = warehouse.execute("select * from marts.dim_region_neighbours").df()
    codes = sorted(mart.region_code.unique())
    assert len(codes) == 31
    for weights_type, w in pysal_weights.items():
        rows = mart[mart.weights_type == weights_type]
        matrix = np.zeros((31, 31))
        matrix[rows.region_code.map(codes.index), rows.neighbour_code.map(codes.index)] = rows.weight
        np.testing.assert_allclose(matrix, _dense(w), rtol=1e-9, atol=1e-15, err_msg=weights_type)
    convention = mart[mart.is_convention]
    assert sorted(zip(convention.region_code, convention.neighbour_code, strict=True)) == [
        ("440000", "460000"), ("460000", "440000")]


def _cross_section(provinces: pd.DataFrame, index: str, year: int) -> np.ndarray:
    frame = provinces[provinces.year == year].sort_values("region_code")
    assert len(frame) == 31
    return frame[index].to_numpy()


def test_global_autocorrelation_equals_esda(warehouse, provinces, pysal_weights) -> None:
    mart = warehouse.execute("select * from marts.fct_openness_spatial_autocorrelation").df()
    years = sorted(provinces.year.unique())
    assert sorted(mart.year.unique()) == years
    assert len(mart) == len(years) * 3 * 3 * 2
    assert (mart.n_permutations == 999).all()
    for (index, year, weights_type, statistic), row in mart.set_index(
        ["index_code", "year", "weights_type", "statistic"]
    ).iterrows():
        y = _cross_section(provinces, index, year)
        w = pysal_weights[weights_type]
        if statistic == "moran_i":
            ref = Moran(y, w, permutations=0)
            expected = [ref.I, ref.EI, ref.VI_norm, ref.z_norm, ref.p_norm, ref.VI_rand, ref.z_rand,
                        ref.p_rand]
        else:
            # esda's Geary p-values are one-sided (on the side of z); ours are two-sided, as Moran's.
            ref = Geary(y, w, permutations=0)
            expected = [ref.C, ref.EC, ref.VC_norm, ref.z_norm, 2 * ref.p_norm, ref.VC_rand, ref.z_rand,
                        2 * ref.p_rand]
        ours = row[["value", "expected", "variance_normality", "z_normality", "p_normality",
                    "variance_randomization", "z_randomization", "p_randomization"]].to_numpy(float)
        np.testing.assert_allclose(ours, expected, rtol=1e-9, atol=1e-12,
                                   err_msg=f"{index} {year} {weights_type} {statistic}")
        assert 0 < row.p_permutation <= 0.5


def test_lisa_equals_esda(warehouse, provinces, pysal_weights) -> None:
    mart = warehouse.execute("select * from marts.fct_openness_lisa order by region_code").df()
    n = 31
    years = sorted(provinces.year.unique())
    agreement = []
    for (index, year, weights_type), rows in mart.groupby(["index_code", "year", "weights_type"]):
        y = _cross_section(provinces, index, year)
        ref = Moran_Local(y, pysal_weights[weights_type], permutations=0)
        np.testing.assert_allclose(rows.local_i, ref.Is, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(rows.expected, ref.EI * (n - 1) / n, rtol=1e-9)
        np.testing.assert_allclose(rows.variance, ref.VI * ((n - 1) / n) ** 2, rtol=1e-9)
        np.testing.assert_allclose(rows.z, (ref.Is * n / (n - 1) - ref.EI) / np.sqrt(ref.VI), rtol=1e-9,
                                   atol=1e-12)
        np.testing.assert_allclose(rows.standardized_value, ref.z, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(rows.spatial_lag, weights.lag_spatial(pysal_weights[weights_type], ref.z),
                                   rtol=1e-9, atol=1e-12)
        assert rows.quadrant.tolist() == [{1: "HH", 2: "LH", 3: "LL", 4: "HL"}[q] for q in ref.q]
        if year in years[-3:] and weights_type == "rook":
            simulated = Moran_Local(y, pysal_weights[weights_type], permutations=999, seed=1)
            agreement.append(np.mean((rows.p_permutation < 0.05) == (simulated.p_sim < 0.05)))
    assert len(mart) == len(years) * 3 * 3 * n
    # Two independent 999-permutation draws agree on significance for nearly every province.
    assert min(agreement) >= 0.9, agreement


def test_spatial_markov_equals_giddy(warehouse, provinces, pysal_weights) -> None:
    from giddy.markov import Spatial_Markov

    mart = warehouse.execute("""
        select index_code, lag_class, from_class, to_class, n_transitions, probability,
            ergodic_probability
        from marts.fct_openness_markov
        where kind = 'spatial'
        order by index_code, lag_class, from_class, to_class""").df()
    for index in INDICES:
        wide = provinces.pivot(index="region_code", columns="year", values=index)
        relative = (wide / wide.mean(axis=0)).to_numpy()
        reference = Spatial_Markov(relative, pysal_weights["rook"], k=4, m=4, fixed=True)
        rows = mart[mart.index_code == index]
        np.testing.assert_array_equal(rows.n_transitions.to_numpy().reshape(4, 4, 4), reference.T)
        np.testing.assert_allclose(rows.probability.to_numpy().reshape(4, 4, 4), reference.P, rtol=1e-9,
                                   atol=1e-15)
        assert rows.n_transitions.sum() == 31 * (relative.shape[1] - 1)
