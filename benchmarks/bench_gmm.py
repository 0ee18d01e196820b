"""Benchmark: seconds of `difference_gmm` and `system_gmm`, two-step with Windmeijer errors.

Spec (a) on EmplUK (tests/fixtures), then simulated panels of N = 500, 2000 and 5000 groups with
T = 10: y_it = 0.5 y_i,t-1 + x_it + a_i + e_it, instruments lag(y, 2:99). System GMM is timed with
and without the difference-in-Hansen tests (target: N = 5000 under 0.5 s without them). Where `Rscript`
with plm is on the machine, R plm 2.6-2's `pgmm` is timed on the same simulated panel in the same run
(the panel is written to a temporary CSV; R's own reading is not timed) and the ratio printed;
otherwise the plm column says it is absent.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from opening_up.methods.gmm import difference_gmm, system_gmm

EMPLUK = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "EmplUK.csv"
R_TIMING = """
suppressMessages(library(plm))
panel <- pdata.frame(read.csv("{csv}"), index = c("g", "t"))
model <- function() pgmm(y ~ lag(y, 1) + x | lag(y, 2:99), data = panel, effect = "individual",
                         model = "twosteps", transformation = "{transformation}")
times <- sapply(1:3, function(i) system.time(summary(model(), robust = TRUE))[["elapsed"]])
cat(min(times), "\\n")
"""


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


def plm_seconds(panel: pd.DataFrame, transformation: str) -> float | None:
    """Best of three plm `pgmm` fits (with robust summary) on the same panel; None without R and plm."""
    if shutil.which("Rscript") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "panel.csv"
        panel.to_csv(csv, index=False)
        script = Path(folder) / "timing.R"
        script.write_text(R_TIMING.format(csv=csv, transformation=transformation), encoding="utf-8")
        run = subprocess.run(["Rscript", str(script)], capture_output=True, text=True, timeout=1800)
    return float(run.stdout.split()[0]) if run.returncode == 0 and run.stdout.strip() else None


def main() -> None:
    data = pd.read_csv(EMPLUK)
    data = data.assign(
        n=np.log(data.emp), w=np.log(data.wage), k=np.log(data.capital), ys=np.log(data.output)
    )
    seconds = best_of(lambda: difference_gmm(
        data, entity="firm", time="year", y="n", y_lags=(1, 2), exog=["w", "L1.w", "k", "ys", "L1.ys"],
        gmm={"n": (2, None)}, time_effects=True, steps=2))
    print(f"EmplUK spec (a), difference, N = 140: {seconds:7.3f} s")
    r_present = shutil.which("Rscript") is not None
    print(f"{'simulated, T = 10':<24}{'ours':>9}{'with C tests':>14}{'plm pgmm':>11}{'plm / ours':>12}")
    for label, estimate, transformation in (
        ("difference", difference_gmm, "d"),
        ("system", system_gmm, "ld"),
    ):
        for groups in (500, 2000, 5000):
            panel = simulated_panel(groups)
            spec = {
                "entity": "g",
                "time": "t",
                "y": "y",
                "y_lags": (1,),
                "exog": ["x"],
                "gmm": {"y": (2, None)},
                "steps": 2,
            }
            ours = best_of(partial(estimate, panel, **spec))
            with_tests = best_of(partial(estimate, panel, **spec, instrument_tests=True))
            plm = plm_seconds(panel, transformation)
            plm_text = f"{plm:9.3f} s" if plm is not None else ("   failed" if r_present else "   absent")
            ratio = f"{plm / ours:10.1f}x" if plm is not None else ""
            print(
                f"{label + ' N = ' + str(groups):<24}{ours:7.3f} s{with_tests:12.3f} "
                f"s{plm_text:>11}{ratio:>12}"
            )
    if not r_present:
        print(
            "R with plm is not on this machine: `apt-get install r-base-core r-cran-plm` to time pgmm beside."
        )


if __name__ == "__main__":
    main()
