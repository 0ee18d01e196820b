"""opening_up.methods.spatial against PySAL's esda and libpysal: esda's published test values (St Louis
homicides HR8893 I = 0.24365582621771659; Columbus crime Geary's C; the 3 x 3 lattice's variances)
and esda on the same values and weights, to 1e-9. esda reports Geary's p one-sided; ours are
two-sided for both statistics (twice esda's Geary p: a convention, tested)."""

from __future__ import annotations

import libpysal
import numpy as np
import pytest
from esda.geary import Geary
from esda.moran import Moran, Moran_Local
from esda.util import fdr

from opening_up.methods import spatial


def _dense(w: libpysal.weights.W) -> np.ndarray:
    return w.full()[0]


def _stl() -> tuple[np.ndarray, libpysal.weights.W]:
    table = libpysal.io.open(libpysal.examples.get_path("stl_hom.txt"))
    return np.array(table.by_col["HR8893"], dtype=float), libpysal.io.open(
        libpysal.examples.get_path("stl.gal")
    ).read()


def test_morans_i_reproduces_esdas_published_st_louis_value() -> None:
    y, w = _stl()
    w.transform = "r"
    result = spatial.morans_i(y, _dense(w), permutations=0)
    assert result.value == pytest.approx(0.24365582621771659, rel=1e-12)
    # esda's test: one-tailed p under normality 0.00013573931385468807; ours is two-sided.
    assert result.p_normality == pytest.approx(2 * 0.00013573931385468807, rel=1e-9)
    esda = Moran(y, w, permutations=0)
    for ours, theirs in [(result.expected, esda.EI), (result.variance_normality, esda.VI_norm),
                         (result.variance_randomization, esda.VI_rand), (result.z_normality, esda.z_norm),
                         (result.z_randomization, esda.z_rand), (result.p_randomization, esda.p_rand)]:
        assert ours == pytest.approx(theirs, rel=1e-9)


def test_morans_variances_on_esdas_lattice() -> None:
    w = libpysal.weights.util.lat2W(3, 3)
    result = spatial.morans_i(np.arange(1, 10, dtype=float), _dense(w), permutations=0)
    assert result.variance_randomization == pytest.approx(0.059687500000000004, rel=1e-12)
    assert result.variance_normality == pytest.approx(0.053125000000000006, rel=1e-12)


def test_gearys_c_reproduces_esdas_published_columbus_values() -> None:
    y = np.array(libpysal.io.open(libpysal.examples.get_path("columbus.dbf")).by_col["CRIME"], dtype=float)
    w = libpysal.weights.Rook.from_shapefile(libpysal.examples.get_path("columbus.shp"))
    w.transform = "r"
    result = spatial.gearys_c(y, _dense(w), permutations=0)
    assert result.value == pytest.approx(0.5154408058652411, rel=1e-12)
    assert result.variance_normality == pytest.approx(0.011403109626468939, rel=1e-12)
    assert result.variance_randomization == pytest.approx(0.010848882767131886, rel=1e-12)
    assert result.z_normality == pytest.approx(-4.5376938201608, rel=1e-12)
    assert result.z_randomization == pytest.approx(-4.652156651668989, rel=1e-12)
    assert result.p_normality == pytest.approx(2 * 2.8436375936967054e-06, rel=1e-9)
    assert result.p_randomization == pytest.approx(2 * 1.6424069196305004e-06, rel=1e-9)
    esda = Geary(y, w, permutations=0)
    assert result.value == pytest.approx(esda.C, rel=1e-12)


def test_permutation_p_values_are_those_of_the_permutations_drawn() -> None:
    y, w = _stl()
    w.transform = "r"
    result = spatial.morans_i(y, _dense(w), permutations=999, seed=7)
    assert result.n_permutations == 999
    # Strong autocorrelation (z = 3.6): few of the 999 permutations reach it.
    assert result.p_permutation < 0.01
    again = spatial.morans_i(y, _dense(w), permutations=999, seed=7)
    assert again.p_permutation == result.p_permutation


def test_local_morans_i_equals_esda_and_its_quadrants() -> None:
    y, w = _stl()
    w.transform = "r"
    ours = spatial.local_morans_i(y, _dense(w), permutations=99, seed=1)
    esda = Moran_Local(y, w, permutations=0)  # the analytical part only (no numba compilation)
    np.testing.assert_allclose(ours.local_i, esda.Is, rtol=1e-9)
    np.testing.assert_array_equal(ours.quadrant, esda.q)
    assert ((ours.p_permutation > 0) & (ours.p_permutation <= 0.5)).all()


@pytest.mark.parametrize("transform", ["r", "b"])
def test_local_moments_equal_esda_on_local_i_scale(transform: str) -> None:
    # esda's EI and VI are the moments of Anselin's I_i (m2 = sum z² / n); its Is, like ours, divides by
    # sum z² / (n - 1). We report the moments on Is's scale, so z is Anselin's.
    y, w = _stl()
    w.transform = transform
    n = len(y)
    ours = spatial.local_morans_i(y, _dense(w), permutations=0)
    esda = Moran_Local(y, w, transformation=transform, permutations=0)
    np.testing.assert_allclose(ours.expected, esda.EI * (n - 1) / n, rtol=1e-12)
    np.testing.assert_allclose(ours.variance, esda.VI * ((n - 1) / n) ** 2, rtol=1e-12)
    np.testing.assert_allclose(ours.z, (esda.Is * n / (n - 1) - esda.EI) / np.sqrt(esda.VI), rtol=1e-9)


def test_fdr_cutoff_equals_esda() -> None:
    p_values = np.random.default_rng(3).uniform(0, 0.2, 78)
    p_values[:5] = [0.0001, 0.0002, 0.0004, 0.001, 0.002]
    assert spatial.fdr_threshold(p_values) == pytest.approx(fdr(p_values), rel=1e-12)
    assert spatial.fdr_threshold(np.full(10, 0.9)) == pytest.approx(fdr(np.full(10, 0.9)), rel=1e-12)


def test_knn_and_inverse_distance_weights_from_coordinates() -> None:
    lon, lat = np.array([116.4, 121.5, 113.3, 104.1, 87.6]), np.array([39.9, 31.2, 23.1, 30.7, 43.8])
    distances = spatial.great_circle_km(lon, lat)
    assert distances[0, 1] == pytest.approx(1067, rel=0.01)  # Beijing-Shanghai, about 1,067 km
    knn = spatial.knn_weights(distances, 2)
    assert (knn.sum(axis=1) == 2).all()
    assert (np.diag(knn) == 0).all()
    expected = libpysal.weights.KNN(np.column_stack([lon, lat]), k=2, distance_metric="haversine",
                                    radius=spatial.EARTH_RADIUS_KM)
    np.testing.assert_array_equal(knn, _dense(expected))
    standardized = spatial.row_standardize(spatial.inverse_distance_weights(distances))
    np.testing.assert_allclose(standardized.sum(axis=1), 1)
    # The KD-tree's neighbours are the great-circle ones, on many points too.
    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(75, 130, 300), rng.uniform(20, 50, 300)
    dense = spatial.knn_weights(spatial.great_circle_km(lon, lat), 6)
    np.testing.assert_array_equal(spatial.knn_weights_from_coordinates(lon, lat, 6).toarray(), dense)


def test_sparse_and_dense_weights_give_the_same_statistics() -> None:
    y, w = _stl()
    w.transform = "r"
    dense = _dense(w)
    from scipy import sparse

    for function in (spatial.morans_i, spatial.gearys_c):
        one, two = function(y, dense, permutations=99, seed=3), function(y, sparse.csr_array(dense), 99, 3)
        assert one == two
    local_dense = spatial.local_morans_i(y, dense, permutations=99, seed=3)
    local_sparse = spatial.local_morans_i(y, sparse.csr_array(dense), permutations=99, seed=3)
    np.testing.assert_array_equal(local_dense.p_permutation, local_sparse.p_permutation)
