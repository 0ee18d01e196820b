"""Benchmark: seconds of `difference_gmm`, two-step with Windmeijer errors.

Spec (a) on EmplUK (when ../shared is beside the project), then simulated panels of N = 500, 2000
and 5000 groups with T = 10: y_it = 0.5 y_i,t-1 + x_it + a_i + e_it, instruments lag(y, 2:99).
Target: N = 5000 under 1 s (R plm 2.6-2 takes 2.65 s on N = 5000, T = 10 on this machine).
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from opening_up.methods.gmm import difference_gmm

EMPLUK = Path(__file__).resolve().parents[2] / "shared" / "reference" / "EmplUK.csv"


def simulated_panel(groups: int, periods: int = 10, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    effect = rng.normal(size=groups)
    x = rng.normal(size=(groups, periods))
    y = np.zeros((groups, periods))
    y[:, 0] = effect + rng.normal(size=groups)
    for t in range(1, periods):
        y[:, t] = 0.5 * y[:, t - 1] + x[:, t] + effect + rng.normal(size=groups)
    return pd.DataFrame({"g": np.repeat(np.arange(groups), periods), "t": np.tile(np.arange(periods), groups),
                         "y": y.ravel(), "x": x.ravel()})


def best_of(call, repeats: int = 3) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    if EMPLUK.exists():
        data = pd.read_csv(EMPLUK)
        data = data.assign(n=np.log(data.emp), w=np.log(data.wage), k=np.log(data.capital), ys=np.log(data.output))
        seconds = best_of(lambda: difference_gmm(
            data, entity="firm", time="year", y="n", y_lags=(1, 2), exog=["w", "L1.w", "k", "ys", "L1.ys"],
            gmm={"n": (2, None)}, time_effects=True, steps=2))
        print(f"EmplUK spec (a), N = 140:        {seconds:7.3f} s")
    for groups in (500, 2000, 5000):
        panel = simulated_panel(groups)
        seconds = best_of(lambda: difference_gmm(panel, entity="g", time="t", y="y", y_lags=(1,), exog=["x"],
                                                 gmm={"y": (2, None)}, steps=2))
        print(f"simulated N = {groups:>4}, T = 10:     {seconds:7.3f} s   (plm at N = 5000: 2.65 s)")


if __name__ == "__main__":
    main()
