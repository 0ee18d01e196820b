"""Benchmark: seconds of the O(n²) max-min transitive closure against the squaring reference, and the
peak memory of `similarity_matrix` + `transitive_closure` at n = 10,000.

Prints, for random similarity matrices of n = 200, 1000, 3000 and 5000, the best of three runs of
`transitive_closure`, and for n <= 500 of `transitive_closure_squaring` with the ratio; then the peak
resident memory of a fresh process computing R (max-min, 8 columns) and t(R) at n = 10,000, by default
(float64) and in float32, beside the figures measured before (PREVIOUS). Targets: n = 5000 under 1 s on
the 2-core machine, growth close to n², n = 10,000 under 2 GB by default.
"""

from __future__ import annotations

import subprocess
import sys
import time

import numpy as np

from opening_up.methods.fuzzy import transitive_closure, transitive_closure_squaring


def random_similarity(n: int, seed: int = 0) -> np.ndarray:
    values = np.random.default_rng(seed).uniform(size=(n, n))
    matrix = np.maximum(values, values.T)
    np.fill_diagonal(matrix, 1.0)
    return matrix


def best_of(function, matrix: np.ndarray, repeats: int = 3) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(matrix)
        timings.append(time.perf_counter() - start)
    return min(timings)


# Measured on this machine just before the closure permuted in place (2026-12-02): the closure at n = 5000
# (issue 25 measured 1.31 s on its run), and the peak of similarity_matrix + transitive_closure at
# n = 10,000 by default (float64) and in float32.
PREVIOUS = {"closure_5000_s": 0.52, "peak_10000_float64_mb": 2429, "peak_10000_float32_mb": 1267}
PEAK_SCRIPT = """
import resource, sys
import numpy as np
from opening_up.methods.fuzzy import similarity_matrix, transitive_closure
X = np.random.default_rng(0).uniform(size=(10000, 8))
dtype = np.float32 if sys.argv[1] == "float32" else np.float64
transitive_closure(similarity_matrix(X, "max_min", dtype=dtype))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_mb(dtype: str) -> float:
    """Peak resident MB of a fresh process computing R and t(R) at n = 10,000 in `dtype`."""
    return float(subprocess.run([sys.executable, "-c", PEAK_SCRIPT, dtype], check=True, capture_output=True,
                                text=True).stdout)


def main() -> None:
    print(f"{'n':>6} {'closure s':>10} {'squaring s':>11} {'ratio':>7} {'s / n^2 (ns)':>13}")
    for n in (200, 500, 1000, 3000, 5000):
        matrix = random_similarity(n)
        fast = best_of(transitive_closure, matrix)
        slow = best_of(transitive_closure_squaring, matrix, repeats=1) if n <= 500 else None
        ratio = f"{slow / fast:7.0f}" if slow else f"{'-':>7}"
        slow_text = f"{slow:11.3f}" if slow else f"{'-':>11}"
        print(f"{n:>6} {fast:10.3f} {slow_text} {ratio} {fast / n**2 * 1e9:13.1f}")
    print(f"closure at n = 5000: {fast:.2f} s (before: {PREVIOUS['closure_5000_s']:.2f} s; target < 1 s)")
    for dtype in ("float64", "float32"):
        print(f"similarity_matrix + transitive_closure at n = 10,000, {dtype}: peak {peak_mb(dtype):,.0f} MB "
              f"(before: {PREVIOUS[f'peak_10000_{dtype}_mb']:,} MB; target < 2,000 MB by default)")


if __name__ == "__main__":
    main()
