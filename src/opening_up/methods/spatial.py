"""Spatial weights and spatial autocorrelation (全局莫兰指数, 局部莫兰指数/LISA), the references of the
spatial marts (issue 36). Weights are n x n matrices, dense or scipy.sparse (the statistics work on
the non-zero weights only, so k-nearest-neighbour weights of tens of thousands of units fit).

- Weights: binary contiguity or k nearest neighbours by great-circle distance (haversine on a sphere of
  radius 6,371.0088 km), inverse distance 1/d; row-standardised W = w / rowsum(w).
- Global Moran's I (Cliff and Ord 1981): I = (n / S0) z'Wz / z'z, z = y - mean(y); E[I] = -1/(n - 1);
  variance under normality (n² S1 - n S2 + 3 S0²) / ((n² - 1) S0²) - E[I]², under randomisation
  [n((n² - 3n + 3) S1 - n S2 + 3 S0²) - k((n² - n) S1 - 2n S2 + 6 S0²)] / ((n - 1)(n - 2)(n - 3) S0²)
  - E[I]², k the kurtosis sum z⁴ n / (sum z²)²; S0 = sum w, S1 = sum (w_ij + w_ji)² / 2,
  S2 = sum_i (w_i. + w_.i)².
- Geary's C (Cliff and Ord 1981): C = (n - 1) sum w_ij (y_i - y_j)² / (2 S0 sum z²); E[C] = 1; variance
  under normality ((2 S1 + S2)(n - 1) - 4 S0²) / (2 (n + 1) S0²), under randomisation
  [(n - 1) S1 (n² - 3n + 3 - (n - 1) k) - (n - 1) S2 (n² + 3n - 6 - (n² - n + 2) k) / 4
  + S0² (n² - 3 - (n - 1)² k)] / (n (n - 2)(n - 3) S0²).
- p-values two-sided from the normal; the permutation p-value (larger + 1) / (permutations + 1), larger
  the number of permuted statistics at or beyond the observed one on its side (as PySAL's esda).
- Local Moran's I (Anselin 1995): I_i = z_i sum_j w_ij z_j / m2 with m2 = sum z² / (n - 1), the
  sample variance, as PySAL's esda and GeoDa compute it (Anselin's m2 = sum z² / n gives n / (n - 1)
  times these values and the same p-values and quadrants); conditional
  permutation: the other n - 1 values drawn for i's neighbours; quadrant 1 HH, 2 LH, 3 LL, 4 HL by the
  signs of z_i and its spatial lag. Moments under total randomisation (Anselin 1995; Sokal, Oden and
  Thomson 1998, eqs. A3 and A4, as esda's EI and VI): on Anselin's scale E[I_i] = -w_i / (n - 1),
  Var[I_i] = w_i(2) (n - b2) / (n - 1) + (w_i² - w_i(2)) (2 b2 - n) / ((n - 1)(n - 2)) - E[I_i]², with
  w_i = sum_j w_ij, w_i(2) = sum_j w_ij², b2 = n sum z⁴ / (sum z²)²; reported on the scale of I_i above
  (times (n - 1) / n, its square for the variance), so z_i = (I_i - E[I_i]) / sqrt(Var[I_i]) is the
  same on either scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse, stats

EARTH_RADIUS_KM = 6371.0088
QUADRANTS = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}


def great_circle_km(longitude: np.ndarray, latitude: np.ndarray) -> np.ndarray:
    """Haversine distances (km) between every pair of points given in degrees."""
    lon, lat = np.radians(np.asarray(longitude, dtype=float)), np.radians(np.asarray(latitude, dtype=float))
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def knn_weights(distances: np.ndarray, k: int) -> np.ndarray:
    """Binary weights to each point's k nearest others (ties broken by position, as a stable sort)."""
    distances = np.asarray(distances, dtype=float)
    n = len(distances)
    if not 0 < k < n:
        raise ValueError(f"knn_weights: k must be between 1 and {n - 1}, not {k}")
    masked = distances + np.diag(np.full(n, np.inf))
    nearest = np.argsort(masked, axis=1, kind="stable")[:, :k]
    weights = np.zeros((n, n))
    np.put_along_axis(weights, nearest, 1.0, axis=1)
    return weights


def knn_weights_from_coordinates(longitude: np.ndarray, latitude: np.ndarray, k: int) -> sparse.csr_array:
    """The same k nearest neighbours as knn_weights(great_circle_km(...), k), for many points: a KD-tree
    on the points of the unit sphere (the chord grows with the great-circle distance), sparse."""
    from scipy.spatial import cKDTree

    lon, lat = np.radians(np.asarray(longitude, dtype=float)), np.radians(np.asarray(latitude, dtype=float))
    points = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    n = len(points)
    if not 0 < k < n:
        raise ValueError(f"knn_weights_from_coordinates: k must be between 1 and {n - 1}, not {k}")
    _, nearest = cKDTree(points).query(points, k=k + 1)
    rows = np.repeat(np.arange(n), k)
    # Each point is its own nearest: drop it (or, with a duplicate point, the farthest of the k + 1).
    columns = np.array([[j for j in row if j != i][:k] for i, row in enumerate(nearest)]).ravel()
    return sparse.csr_array((np.ones(n * k), (rows, columns)), shape=(n, n))


def inverse_distance_weights(distances: np.ndarray, power: float = 1.0) -> np.ndarray:
    """w_ij = 1 / d_ij^power off the diagonal."""
    distances = np.asarray(distances, dtype=float)
    off = ~np.eye(len(distances), dtype=bool)
    if (distances[off] <= 0).any():
        raise ValueError("inverse_distance_weights: two points coincide")
    weights = np.zeros_like(distances)
    weights[off] = distances[off] ** -power
    return weights


def row_standardize(weights):
    """W = w / rowsum(w), dense or sparse as given; an island (no neighbour) keeps a zero row."""
    if sparse.issparse(weights):
        sums = np.asarray(weights.sum(axis=1)).ravel()
        scale = np.divide(1.0, sums, out=np.zeros_like(sums, dtype=float), where=sums > 0)
        return sparse.csr_array(sparse.diags_array(scale) @ weights)
    weights = np.asarray(weights, dtype=float)
    sums = weights.sum(axis=1, keepdims=True)
    return np.divide(weights, sums, out=np.zeros_like(weights), where=sums > 0)


@dataclass(frozen=True)
class GlobalAutocorrelation:
    """A global statistic with its moments, z and two-sided p under normality and randomisation, and
    its permutation p-value."""

    statistic: str
    value: float
    expected: float
    variance_normality: float
    z_normality: float
    p_normality: float
    variance_randomization: float
    z_randomization: float
    p_randomization: float
    p_permutation: float | None
    n_permutations: int

    def summary(self) -> str:
        return (
            f"{self.statistic} = {self.value:.6f} (E = {self.expected:.6f}), z = {self.z_randomization:.3f} "
            f"(randomisation), p = {self.p_randomization:.4g}; permutation p = {self.p_permutation}"
        )


def _prepare(y: np.ndarray, weights) -> tuple[np.ndarray, sparse.csr_array, float, float, float, float]:
    y = np.asarray(y, dtype=float)
    weights = sparse.csr_array(weights, dtype=float)
    if y.ndim != 1 or weights.shape != (len(y), len(y)):
        raise ValueError("spatial: y must be a vector and weights an n x n matrix")
    if len(y) < 4:
        raise ValueError("spatial: the randomisation variance needs at least 4 units")
    if not np.isfinite(y).all():
        raise ValueError("spatial: missing values (every unit needs its value)")
    s0 = float(weights.sum())
    s1 = float(((weights + weights.T) ** 2).sum() / 2)
    s2 = float(((weights.sum(axis=1) + weights.sum(axis=0)) ** 2).sum())
    z = y - y.mean()
    kurtosis = len(y) * (z**4).sum() / (z**2).sum() ** 2
    return y, weights, s0, s1, s2, kurtosis


def _two_sided(z: float) -> float:
    return float(2 * stats.norm.sf(abs(z)))


def _permutation_p(observed: float, simulated: np.ndarray) -> float:
    larger = int((simulated >= observed).sum())
    larger = min(larger, len(simulated) - larger)
    return (larger + 1.0) / (len(simulated) + 1.0)


def _permuted(y: np.ndarray, permutations: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return (
        np.array([rng.permutation(y) for _ in range(permutations)]) if permutations else np.empty((0, len(y)))
    )


def morans_i(
    y: np.ndarray, weights: np.ndarray, permutations: int = 999, seed: int = 12345
) -> GlobalAutocorrelation:
    """Global Moran's I of y on weights (as given: row-standardise first for W)."""
    y, weights, s0, s1, s2, k = _prepare(y, weights)
    n = len(y)

    def statistic(values: np.ndarray) -> np.ndarray:
        # values: n, or permutations x n; z'Wz row by row through the sparse product.
        z = np.atleast_2d(values - values.mean(axis=-1, keepdims=True))
        result = n / s0 * (z * (weights @ z.T).T).sum(axis=1) / (z**2).sum(axis=1)
        return result if np.ndim(values) > 1 else result[0]

    value = float(statistic(y))
    expected = -1.0 / (n - 1)
    var_norm = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1) * s0 * s0) - expected**2
    a = n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0)
    b = k * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)
    var_rand = (a - b) / ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - expected**2
    simulated = statistic(_permuted(y, permutations, seed)) if permutations else None
    z_norm, z_rand = (value - expected) / np.sqrt(var_norm), (value - expected) / np.sqrt(var_rand)
    return GlobalAutocorrelation(
        "moran_i", value, expected, float(var_norm), float(z_norm), _two_sided(z_norm), float(var_rand),
        float(z_rand), _two_sided(z_rand), None if simulated is None else _permutation_p(value, simulated),
        permutations)


def gearys_c(
    y: np.ndarray, weights: np.ndarray, permutations: int = 999, seed: int = 12345
) -> GlobalAutocorrelation:
    """Geary's C of y on weights."""
    y, weights, s0, s1, s2, k = _prepare(y, weights)
    n = len(y)

    # sum w_ij (y_i - y_j)² = sum_i z_i² (w_i. + w_.i) - 2 z'Wz, over the non-zero weights only.
    margins = np.asarray(weights.sum(axis=1) + weights.sum(axis=0)).ravel()

    def statistic(values: np.ndarray) -> np.ndarray:
        z = np.atleast_2d(values - values.mean(axis=-1, keepdims=True))
        squares = (z**2 * margins).sum(axis=1) - 2 * (z * (weights @ z.T).T).sum(axis=1)
        result = (n - 1) * squares / (2 * s0 * (z**2).sum(axis=1))
        return result if np.ndim(values) > 1 else result[0]

    value = float(statistic(y))
    var_norm = ((2 * s1 + s2) * (n - 1) - 4 * s0 * s0) / (2 * (n + 1) * s0 * s0)
    a = (n - 1) * s1 * (n * n - 3 * n + 3 - (n - 1) * k)
    b = (n - 1) * s2 * (n * n + 3 * n - 6 - (n * n - n + 2) * k) / 4
    c = s0 * s0 * (n * n - 3 - (n - 1) ** 2 * k)
    var_rand = (a - b + c) / (n * (n - 2) * (n - 3) * s0 * s0)
    simulated = statistic(_permuted(y, permutations, seed)) if permutations else None
    z_norm, z_rand = (value - 1.0) / np.sqrt(var_norm), (value - 1.0) / np.sqrt(var_rand)
    return GlobalAutocorrelation(
        "geary_c", value, 1.0, float(var_norm), float(z_norm), _two_sided(z_norm), float(var_rand),
        float(z_rand), _two_sided(z_rand), None if simulated is None else _permutation_p(value, simulated),
        permutations)


@dataclass(frozen=True)
class LocalMoran:
    """Local Moran's I_i, its quadrant, and the conditional permutation p-value of each unit."""

    local_i: np.ndarray
    quadrant: np.ndarray  # 1 HH, 2 LH, 3 LL, 4 HL
    p_permutation: np.ndarray
    expected: np.ndarray  # E[I_i] under total randomisation, on local_i's scale
    variance: np.ndarray  # Var[I_i] under total randomisation, on local_i's scale
    z: np.ndarray

    def summary(self) -> str:
        labels = [QUADRANTS[q] for q in self.quadrant]
        return f"local Moran: {len(labels)} units, " + ", ".join(
            f"{q} {labels.count(q)}" for q in QUADRANTS.values())


def local_morans_i(
    y: np.ndarray, weights: np.ndarray, permutations: int = 999, seed: int = 12345
) -> LocalMoran:
    """Local Moran's I_i (Anselin 1995) with conditional permutation p-values."""
    y, weights, *_ = _prepare(y, weights)
    n = len(y)
    z = y - y.mean()
    m2 = (z**2).sum() / (n - 1)
    lag = weights @ z
    local = z * lag / m2
    quadrant = np.where(z > 0, np.where(lag > 0, 1, 4), np.where(lag > 0, 2, 3))
    rng = np.random.default_rng(seed)
    neighbours = [weights.indices[weights.indptr[i]:weights.indptr[i + 1]] for i in range(n)]
    cell_weights = [weights.data[weights.indptr[i]:weights.indptr[i + 1]] for i in range(n)]
    most = max(len(cell) for cell in neighbours)
    # One draw of neighbour positions among the n - 1 others per permutation, shared by every unit and
    # shifted past the unit itself (esda's conditional randomisation).
    draws = np.array([rng.permutation(n - 1)[:most] for _ in range(permutations)]).reshape(permutations, most)
    p_values = np.full(n, np.nan)
    for i, cell in enumerate(neighbours if permutations else []):
        picked = draws[:, : len(cell)]
        picked = picked + (picked >= i)
        simulated = z[i] * (z[picked] * cell_weights[i]).sum(axis=1) / m2
        p_values[i] = _permutation_p(local[i], simulated)
    expected, variance = _local_moments(z, weights)
    return LocalMoran(local, quadrant, p_values, expected, variance, (local - expected) / np.sqrt(variance))


def _local_moments(z: np.ndarray, weights: sparse.csr_array) -> tuple[np.ndarray, np.ndarray]:
    n = len(z)
    b2 = n * (z**4).sum() / (z**2).sum() ** 2
    w_sum = np.asarray(weights.sum(axis=1)).ravel()
    w_squares = np.asarray(weights.multiply(weights).sum(axis=1)).ravel()
    expected = -w_sum / (n - 1)
    variance = (
        w_squares * (n - b2) / (n - 1)
        + (w_sum**2 - w_squares) * (2 * b2 - n) / ((n - 1) * (n - 2))
        - expected**2
    )
    scale = (n - 1) / n
    return scale * expected, scale**2 * variance


def fdr_threshold(p_values: np.ndarray, alpha: float = 0.05) -> float:
    """The false-discovery-rate cut-off (Benjamini and Hochberg 1995, as esda.fdr): k alpha / n for the
    largest k with p_(k) < k alpha / n; alpha / n (Bonferroni) when no p-value passes. A unit is
    significant when its p-value is below the cut-off."""
    ordered = np.sort(np.asarray(p_values, dtype=float))
    cutoffs = np.arange(1, len(ordered) + 1) * alpha / len(ordered)
    passing = np.flatnonzero(ordered < cutoffs)
    return float(cutoffs[passing[-1]]) if len(passing) else alpha / len(ordered)
