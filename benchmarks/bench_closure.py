"""Benchmark: seconds of the O(n²) max-min transitive closure against the squaring reference.

Prints, for random similarity matrices of n = 200, 1000, 3000 and 5000, the best of three runs of
`transitive_closure`, and for n <= 500 of `transitive_closure_squaring` with the ratio. Target:
n = 5000 in under 1 s on the 2-core machine, growth close to n².
"""

from __future__ import annotations

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


def main() -> None:
    print(f"{'n':>6} {'closure s':>10} {'squaring s':>11} {'ratio':>7} {'s / n^2 (ns)':>13}")
    for n in (200, 500, 1000, 3000, 5000):
        matrix = random_similarity(n)
        fast = best_of(transitive_closure, matrix)
        slow = best_of(transitive_closure_squaring, matrix, repeats=1) if n <= 500 else None
        ratio = f"{slow / fast:7.0f}" if slow else f"{'-':>7}"
        slow_text = f"{slow:11.3f}" if slow else f"{'-':>11}"
        print(f"{n:>6} {fast:10.3f} {slow_text} {ratio} {fast / n**2 * 1e9:13.1f}")


if __name__ == "__main__":
    main()
