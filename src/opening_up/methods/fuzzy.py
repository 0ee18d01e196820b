"""Fuzzy equivalence clustering (模糊等价聚类), as paper 000 clusters its 38 ports.

Steps (谢季坚、刘承平《模糊数学方法及其应用》, ch. 4): standardise the data, build a fuzzy
similarity matrix R, take its max-min transitive closure t(R) (a fuzzy equivalence matrix) and cut
it at every level λ. Paper 000 computes t(R) by squaring (R², R⁴, … until stable, O(n³ log n));
t(R) equals the bottleneck (maximin path) values of R's maximum spanning tree (Gower & Ross 1969:
single linkage), which `transitive_closure` computes in O(n²) with Prim's algorithm.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

STANDARDIZE_METHODS = ("range", "std", "std_range", "max")
SIMILARITY_METHODS = ("abs_diff", "max_min", "arith_mean_min", "cosine", "correlation", "exp_distance")


def _as_data(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] < 1:
        raise ValueError(f"X must be a 2-D array of objects x indicators, got shape {X.shape}")
    if not np.isfinite(X).all():
        raise ValueError("X has missing or infinite values")
    return X


def _range(X: np.ndarray) -> np.ndarray:
    span = X.max(axis=0) - X.min(axis=0)
    return np.divide(X - X.min(axis=0), span, out=np.zeros_like(X), where=span > 0)


def _std(X: np.ndarray) -> np.ndarray:
    spread = X.std(axis=0)
    return np.divide(X - X.mean(axis=0), spread, out=np.zeros_like(X), where=spread > 0)


def standardize(X: np.ndarray, method: str = "std_range") -> np.ndarray:
    """Standardise each column (indicator) of X.

    "range" 平移·极差变换 (x - min) / (max - min); "std" 平移·标准差变换 (x - mean) / s with the
    population s; "std_range" the standard-deviation then the range transform (paper 000); "max"
    x / column max. A constant column becomes 0 (it carries no information).
    """
    X = _as_data(X)
    if method == "range":
        return _range(X)
    if method == "std":
        return _std(X)
    if method == "std_range":
        return _range(_std(X))
    if method == "max":
        top = X.max(axis=0)
        if (top <= 0).any():
            raise ValueError("'max' standardisation needs a positive maximum in every column")
        return X / top
    raise ValueError(f"unknown standardisation {method!r}; expected one of {STANDARDIZE_METHODS}")


def _require_non_negative(X: np.ndarray, method: str) -> None:
    if (X < 0).any():
        raise ValueError(f"similarity {method!r} needs non-negative data: standardise with 'range' first")


def _pairwise(X: np.ndarray, kernel, dtype: np.dtype, block: int) -> np.ndarray:
    """An n x n matrix whose row block [i, i + block) is kernel(X[i:i + block], X): the n x n x m
    temporaries of the elementwise similarities are never held whole (2 GB at n = 10,000)."""
    n = X.shape[0]
    out = np.empty((n, n), dtype=dtype)
    for start in range(0, n, block):
        out[start:start + block] = kernel(X[start:start + block], X)
    return out


def _max_min(rows: np.ndarray, X: np.ndarray) -> np.ndarray:
    low = np.minimum(rows[:, None, :], X[None, :, :]).sum(axis=2)
    high = np.maximum(rows[:, None, :], X[None, :, :]).sum(axis=2)
    return np.divide(low, high, out=np.ones_like(low), where=high > 0)


def _arith_mean_min(rows: np.ndarray, X: np.ndarray) -> np.ndarray:
    low = np.minimum(rows[:, None, :], X[None, :, :]).sum(axis=2)
    high = (rows[:, None, :] + X[None, :, :]).sum(axis=2) / 2
    return np.divide(low, high, out=np.ones_like(low), where=high > 0)


def _abs_distance(rows: np.ndarray, X: np.ndarray) -> np.ndarray:
    return np.abs(rows[:, None, :] - X[None, :, :]).sum(axis=2)


def similarity_matrix(X: np.ndarray, method: str = "max_min", dtype: type = np.float64, block: int = 256,
                      **params: float) -> np.ndarray:
    """Fuzzy similarity matrix R (n x n) of the rows of X, with r_ii = 1.

    "abs_diff" 绝对值减数法 r = 1 - c sum_k |x_ik - x_jk| (parameter c; default 1 / the largest
    row distance); "max_min" 最大最小法 r = sum min / sum max; "arith_mean_min" 算术平均最小法
    r = sum min / (sum (x_ik + x_jk) / 2); "cosine" 夹角余弦 r = x_i . x_j / (|x_i| |x_j|);
    "correlation" 相关系数 r = |corr(x_i, x_j)|; "exp_distance" 指数相似系数
    r = mean_k exp(-3/4 (x_ik - x_jk)^2 / s_k^2), s_k the column's population s.
    Computed in float64 by blocks of `block` rows and stored as `dtype` (float32 halves the
    n x n matrix: 400 MB at n = 10,000; min and max select values, so the closure of a float32 R
    is exactly the float32 of the closure).
    """
    X = _as_data(X)
    if method == "abs_diff":
        R = _pairwise(X, _abs_distance, np.float64, block)
        largest = R.max()
        c = params.get("c", 1 / largest if largest > 0 else 1.0)
        if c <= 0:
            raise ValueError("'abs_diff' needs c > 0")
        R *= -c
        R += 1
        if (R < -1e-12).any():
            raise ValueError(f"c = {c} is too large: 1 - c * distance falls below 0 (at most {1 / largest})")
    elif method in ("max_min", "arith_mean_min"):
        _require_non_negative(X, method)
        R = _pairwise(X, _max_min if method == "max_min" else _arith_mean_min, dtype, block)
    elif method == "cosine":
        _require_non_negative(X, method)
        norms = np.linalg.norm(X, axis=1)
        if (norms == 0).any():
            raise ValueError("'cosine' is undefined for an all-zero row")
        R = (X @ X.T) / np.outer(norms, norms)
    elif method == "correlation":
        centred = X - X.mean(axis=1, keepdims=True)
        norms = np.linalg.norm(centred, axis=1)
        if (norms == 0).any():
            raise ValueError("'correlation' is undefined for a constant row")
        R = np.abs(centred @ centred.T) / np.outer(norms, norms)
    elif method == "exp_distance":
        spread = X.std(axis=0)
        if (spread == 0).any():
            raise ValueError("'exp_distance' is undefined for a constant column")
        R = _pairwise(
            X,
            lambda rows, data: np.exp(-0.75 * ((rows[:, None, :] - data[None, :, :]) / spread) ** 2).mean(
                axis=2
            ),
            dtype,
            block,
        )
    else:
        raise ValueError(f"unknown similarity {method!r}; expected one of {SIMILARITY_METHODS}")
    R = R.astype(dtype, copy=False)
    np.clip(R, 0.0, 1.0, out=R)
    np.fill_diagonal(R, 1.0)
    return R


def _as_similarity(R: np.ndarray) -> np.ndarray:
    """R as a float matrix (float32 stays float32: no 800 MB copy at n = 10,000), checked."""
    R = np.asarray(R)
    R = R if R.dtype in (np.float32, np.float64) else R.astype(np.float64)
    if R.ndim != 2 or R.shape[0] != R.shape[1]:
        raise ValueError(f"R must be a square matrix, got shape {R.shape}")
    if not np.isfinite(R).all():
        raise ValueError("R has missing or infinite values")
    if R.min() < 0 or R.max() > 1:
        raise ValueError("R has values outside [0, 1]")
    if not _is_symmetric(R):
        raise ValueError("R is not symmetric")
    return R


def _is_symmetric(R: np.ndarray, block: int = 256) -> bool:
    """R == R.T, compared tile by tile (a whole transposed compare thrashes the cache at n = 5000)."""
    n = R.shape[0]
    return all(
        np.array_equal(R[i:i + block, j:j + block], R[j:j + block, i:i + block].T)
        for i in range(0, n, block)
        for j in range(0, i + 1, block)
    )


def max_min_compose(A: np.ndarray, B: np.ndarray, block: int = 64) -> np.ndarray:
    """Max-min composition (A o B)_ij = max_k min(a_ik, b_kj), in row blocks to bound memory."""
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if A.shape[1] != B.shape[0]:
        raise ValueError(f"cannot compose shapes {A.shape} and {B.shape}")
    out = np.empty((A.shape[0], B.shape[1]))
    for start in range(0, A.shape[0], block):
        rows = A[start:start + block]
        out[start:start + block] = np.minimum(rows[:, :, None], B[None, :, :]).max(axis=1)
    return out


def transitive_closure_squaring(R: np.ndarray) -> np.ndarray:
    """Reference t(R) by squaring, as paper 000 does: R², R⁴, … until R^(2k) = R^k. O(n³ log n)."""
    current = _as_similarity(R)
    while True:
        squared = max_min_compose(current, current)
        if np.array_equal(squared, current):
            return current
        current = squared


def _prim_order(R: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Prim's maximum spanning tree: vertices in order of addition, each one's parent and edge weight."""
    n = R.shape[0]
    order = np.empty(n, dtype=np.intp)
    parent = np.full(n, -1, dtype=np.intp)
    weight = np.ones(n)
    in_tree = np.zeros(n, dtype=bool)
    best = np.full(n, -np.inf)
    best_from = np.zeros(n, dtype=np.intp)
    vertex = 0
    for step in range(n):
        order[step] = vertex
        in_tree[vertex] = True
        if step:
            parent[step], weight[step] = best_from[vertex], best[vertex]
        better = (R[vertex] > best) & ~in_tree
        best[better] = R[vertex, better]
        best_from[better] = vertex
        best[in_tree] = -np.inf
        vertex = int(np.argmax(best))
    return order, parent, weight


def _symmetrize_lower(L: np.ndarray, block: int = 256) -> np.ndarray:
    """Mirror the strict lower triangle onto the upper one in place, tile by tile (the diagonal becomes 0)."""
    n = L.shape[0]
    for i in range(0, n, block):
        for j in range(0, i + 1, block):
            tile = L[i:i + block, j:j + block]
            if i == j:
                lower = np.tril(tile, -1)
                L[i:i + block, j:j + block] = lower + lower.T
            else:
                L[j:j + block, i:i + block] = tile.T
    return L


def transitive_closure(R: np.ndarray) -> np.ndarray:
    """t(R) in O(n²): maximin path values over R's maximum spanning tree (Prim order).

    Adding vertex v by edge (p, v) of weight w, t(v, u) = min(w, t(p, u)) for every u already in
    the tree (the tree path from v to u runs through p). Rows are built in Prim order, where they
    are contiguous, then mirrored and permuted back in place. Returns R's dtype: float32 in, float32
    out. Memory: R and one n x n matrix (n = 10,000: 1.6 GB at the peak with R in float64, 0.8 GB in
    float32).
    """
    R = _as_similarity(R)
    n = R.shape[0]
    order, parent, weight = _prim_order(R)
    position = np.empty(n, dtype=np.intp)
    position[order] = np.arange(n)
    # Every cell is written below: the strict lower triangle by the loop, the rest by the mirror.
    # R's dtype is kept (min selects values: float32 is exact and halves the two n x n matrices).
    weight = weight.astype(R.dtype)
    closure = np.empty((n, n), dtype=R.dtype)
    for k in range(1, n):
        p = position[parent[k]]
        row = closure[k]
        row[:p] = np.minimum(weight[k], closure[p, :p])
        row[p] = weight[k]
        if p + 1 < k:
            row[p + 1:k] = np.minimum(weight[k], closure[p + 1:k, p])
    _symmetrize_lower(closure)
    np.fill_diagonal(closure, 1.0)
    return _permute_in_place(closure, position)


def _permute_in_place(matrix: np.ndarray, position: np.ndarray) -> np.ndarray:
    """matrix[position][:, position], in place: rows by following the permutation's cycles (one row
    of scratch), then each row's columns (one row of scratch), so the closure never holds a second
    n x n matrix (n = 10,000 in float64: 800 MB less at the peak)."""
    done = np.zeros(len(position), dtype=bool)
    scratch = np.empty(matrix.shape[1], dtype=matrix.dtype)
    for start in range(len(position)):
        if done[start]:
            continue
        scratch[:] = matrix[start]
        target = start
        while True:
            done[target] = True
            source = position[target]
            if source == start:
                matrix[target] = scratch
                break
            matrix[target] = matrix[source]
            target = source
    for row in matrix:
        np.take(row, position, out=scratch)
        row[:] = scratch
    return matrix


class LambdaCuts(NamedTuple):
    """Partitions of a fuzzy equivalence matrix at every distinct level, and the merge table."""

    levels: list[tuple[float, list[list[int]]]]
    merges: pd.DataFrame


def lambda_cuts(tR: np.ndarray) -> LambdaCuts:
    """Every distinct λ of t(R), finest to coarsest, with the partition at λ (classes of t >= λ).

    The merge table (动态聚类图) has one row per merge: λ, the two clusters merged (ids as in
    scipy's linkage: 0..n-1 the objects, n, n+1, … the new clusters), the new cluster's id and
    members. λ values are t(R)'s own entries, not rounded.
    """
    tR = _as_similarity(tR)
    n = tR.shape[0]
    order, parent, weight = _prim_order(tR)
    edges = sorted(((weight[k], order[k], parent[k]) for k in range(1, n)), key=lambda e: -e[0])
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    merges = []
    next_id = n
    top = 1.0 if n == 1 else max(1.0, float(tR.max()))
    levels: list[tuple[float, list[list[int]]]] = []
    if not edges or edges[0][0] < top:
        levels.append((top, [[i] for i in range(n)]))
    for index, (level, a, b) in enumerate(edges):
        left, right = cluster_of[a], cluster_of[b]
        joined = sorted(members.pop(left) + members.pop(right))
        members[next_id] = joined
        for obj in joined:
            cluster_of[obj] = next_id
        merges.append(
            {
                "lambda_level": float(level),
                "cluster_a": min(left, right),
                "cluster_b": max(left, right),
                "new_cluster": next_id,
                "members": joined,
            }
        )
        next_id += 1
        if index + 1 == len(edges) or edges[index + 1][0] < level:
            levels.append((float(level), sorted(sorted(m) for m in members.values())))
    columns = ["lambda_level", "cluster_a", "cluster_b", "new_cluster", "members"]
    return LambdaCuts(levels, pd.DataFrame(merges, columns=columns))
