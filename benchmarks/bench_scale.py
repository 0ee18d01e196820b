"""Scale benchmark (`make bench-scale`): the warehouse's SQL layers and the methods at 337, 2,850 and
28,500 units, with wall seconds, peak memory and growth exponents.

A deterministic synthetic yearbook (SAMPLE data: is_sample = true, source `opening_up.bench_scale`)
of units x 1992-2022 x 30 indicators is written as raw yearbook rows into schema `scale` of a copy
of a freshly built warehouse; dbt then runs, model by model with var scale_schema, the staging
resolution (a view, timed inside the union that reads it), the union with precedence, the resolved
observations, the panel pivot, the entropy weights and scores and the coupling coordination. The
methods run at matching sizes in fresh processes: fuzzy similarity + closure (float32), grey
relational grades, difference and system GMM (T = 31). Peak memory is the child process's maximum
resident set (os.wait4), the dbt process included. Prints a Markdown table (docs/scaling.md).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from opening_up.dbt_runner import PROJECT_ROOT, run_dbt

SIZES = {"S": 337, "M": 2_850, "L": 28_500}
FUZZY_SIZES = {"S": 337, "M": 2_850, "L": 10_000}
YEARS = (1992, 2022)
N_INDICATORS = 30
SQL_STEPS = ["stg_yearbook__scale_observations", "int_observations_unioned", "int_observations_resolved", "int_scale_panel", "int_scale_entropy_scores",
             "int_scale_entropy_weights", "int_scale_system_scores", "int_scale_coupling"]
LINEAR_STEPS = set(SQL_STEPS) | {"grey relational grades"}


def measured(command: list[str], env: dict | None = None) -> tuple[subprocess.CompletedProcess | None, float, float]:
    """Run `command`; return (its captured stdout as a CompletedProcess-like, wall seconds, peak RSS in MB)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True, cwd=PROJECT_ROOT,
                                   env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed:\n{text[-3000:]}")
    return subprocess.CompletedProcess(command, 0, text, ""), seconds, usage.ru_maxrss / 1024


def scale_indicators(database: Path) -> list[tuple[str, str, str]]:
    """(code, printed name, printed unit) of 30 indicators whose canonical unit is printed as such."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(f"""
            select indicators.indicator_code, min(aliases.indicator_alias), indicators.canonical_unit
            from staging.stg_reference__indicators as indicators
            inner join staging.stg_reference__indicator_aliases as aliases
                on indicators.indicator_code = aliases.indicator_code
            inner join staging.stg_reference__unit_conversions as units
                on units.unit_alias = indicators.canonical_unit and units.canonical_unit = indicators.canonical_unit
            group by indicators.indicator_code, indicators.canonical_unit
            order by indicators.indicator_code
            limit {N_INDICATORS}""").fetchall()


def write_synthetic_yearbook(database: Path, units: int, indicators: list[tuple[str, str, str]]) -> float:
    """Raw yearbook rows of `units` synthetic units (deterministic: DuckDB's hash of the cell); MB added."""
    with duckdb.connect(str(database)) as connection:
        before = connection.execute("select sum(total_blocks * block_size) from pragma_database_size()").fetchone()[0]
        connection.execute("create schema scale")
        connection.execute("create table scale.indicators (indicator_index integer, indicator_name varchar, unit varchar)")
        connection.executemany("insert into scale.indicators values (?, ?, ?)",
                               [(i, name, unit) for i, (_, name, unit) in enumerate(indicators)])
        connection.execute(f"""create table scale.entities as
            select 'U' || lpad(unit::varchar, 6, '0') as unit_code, '样本单位' || unit::varchar as unit_name
            from range({units}) as units(unit)""")
        connection.execute("""create view scale.entity_aliases as
            select 'county' as entity_type, unit_name as entity_alias, unit_code as entity_code from scale.entities""")
        connection.execute(f"""create table scale.raw_observations as
            select
                row_number() over () as source_row,
                'county' as entity_type,
                entities.unit_name as entity_name,
                years.year,
                indicators.indicator_name,
                indicators.unit,
                round(10 + (hash(entities.unit_code, years.year, indicators.indicator_index) % 100000) / 100.0
                      * (1 + (years.year - {YEARS[0]}) * 0.05), 2)::varchar as value,
                2026 as vintage,
                'opening_up.bench_scale' as source,
                true as is_sample,
                'benchmarks/bench_scale.py' as source_file,
                indicators.indicator_index::varchar as source_cell
            from scale.entities as entities
            cross join range({YEARS[0]}, {YEARS[1] + 1}) as years(year)
            cross join scale.indicators as indicators""")
        connection.execute("checkpoint")
        after = connection.execute("select sum(total_blocks * block_size) from pragma_database_size()").fetchone()[0]
    return (after - before) / 1e6


def bench_sql(size: str, base: Path, folder: Path) -> list[dict]:
    """Each SQL layer of the scale models on a copy of the built warehouse with `size` units."""
    database = folder / f"scale_{size}.duckdb"
    shutil.copy(base, database)
    indicators = scale_indicators(database)
    start = time.perf_counter()
    input_mb = write_synthetic_yearbook(database, SIZES[size], indicators)
    rows = SIZES[size] * (YEARS[1] - YEARS[0] + 1) * len(indicators)
    results = [{"step": "synthetic yearbook (generation)", "size": size, "n": rows,
                "seconds": time.perf_counter() - start, "peak_mb": None, "input_mb": input_mb}]
    variables = json.dumps({"scale_schema": "scale", "scale_indicators": [code for code, _, _ in indicators]})
    dbt = str(Path(sys.executable).with_name("dbt"))
    for step in SQL_STEPS:
        work = folder / f"work_{size}_{step}"
        command = [dbt, "run", "--select", step, "--vars", variables, "--project-dir", str(PROJECT_ROOT),
                   "--profiles-dir", str(PROJECT_ROOT / "profiles"), "--target-path", str(work / "target"),
                   "--log-path", str(work / "logs")]
        _, _, peak = measured(command, {"OPENING_UP_DB": str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"})
        timing = json.loads((work / "target" / "run_results.json").read_text(encoding="utf-8"))["results"][0]
        results.append({"step": step, "size": size, "n": rows, "seconds": timing["execution_time"],
                        "peak_mb": peak, "input_mb": input_mb})
    database.unlink()
    return results


def bench_methods(size: str) -> list[dict]:
    results = []
    for step, n in (("fuzzy similarity + closure (float32)", FUZZY_SIZES[size]),
                    ("grey relational grades", SIZES[size]),
                    ("difference GMM", SIZES[size]), ("system GMM", SIZES[size])):
        completed, _, peak = measured([sys.executable, __file__, "--child", step, str(n)])
        results.append({"step": step, "size": size, "n": n, "seconds": json.loads(completed.stdout)["seconds"],
                        "peak_mb": peak, "input_mb": None})
    return results


def run_child(step: str, n: int) -> None:
    """One method at size n in this (fresh) process; prints {"seconds": …} without the imports."""
    import numpy as np
    import pandas as pd

    from opening_up.methods import fuzzy, grey
    from opening_up.methods.gmm import difference_gmm, system_gmm

    rng = np.random.default_rng(n)
    start = time.perf_counter()
    if step.startswith("fuzzy"):
        X = fuzzy.standardize(rng.uniform(1, 100, size=(n, 6)), "std_range")
        closure = fuzzy.transitive_closure(fuzzy.similarity_matrix(X, "max_min", dtype=np.float32))
        assert closure.shape == (n, n)
    elif step.startswith("grey"):
        years = YEARS[1] - YEARS[0] + 1
        grades = grey.grey_relational_grades(rng.uniform(1, 100, size=(years, 10)),
                                             rng.uniform(1, 100, size=(years, n)))
        assert grades.shape == (n, 10)
    else:
        periods = YEARS[1] - YEARS[0] + 1
        effect = rng.normal(size=n)
        x = rng.normal(size=(n, periods))
        y = np.zeros((n, periods))
        y[:, 0] = effect + rng.normal(size=n)
        for t in range(1, periods):
            y[:, t] = 0.5 * y[:, t - 1] + x[:, t] + effect + rng.normal(size=n)
        panel = pd.DataFrame({"g": np.repeat(np.arange(n), periods), "t": np.tile(np.arange(periods), n),
                              "y": y.ravel(), "x": x.ravel()})
        start = time.perf_counter()
        estimate = difference_gmm if step.startswith("difference") else system_gmm
        estimate(panel, entity="g", time="t", y="y", y_lags=(1,), exog=["x"], gmm={"y": (2, 4)}, collapse=True,
                 steps=2)
    print(json.dumps({"seconds": time.perf_counter() - start}))


def exponent(rows: list[dict], step: str, small: str, large: str) -> float | None:
    one = next(r for r in rows if r["step"] == step and r["size"] == small)
    two = next(r for r in rows if r["step"] == step and r["size"] == large)
    if min(one["seconds"], two["seconds"]) <= 0 or one["n"] == two["n"]:
        return None
    return math.log(two["seconds"] / one["seconds"]) / math.log(two["n"] / one["n"])


def table(rows: list[dict]) -> str:
    lines = ["| step | S n | S s | S peak MB | M n | M s | M peak MB | L n | L s | L peak MB | exp S→M | exp M→L |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for step in dict.fromkeys(r["step"] for r in rows):
        cells = []
        for size in SIZES:
            row = next(r for r in rows if r["step"] == step and r["size"] == size)
            peak = f"{row['peak_mb']:,.0f}" if row["peak_mb"] is not None else "–"
            cells += [f"{row['n']:,}", f"{row['seconds']:.2f}", peak]
        exponents = [exponent(rows, step, "S", "M"), exponent(rows, step, "M", "L")]
        flags = [f"{e:.2f}{' ⚠' if e > 1.3 and step in LINEAR_STEPS else ''}" if e is not None else "–"
                 for e in exponents]
        lines.append(f"| {step} | " + " | ".join(cells + flags) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("STEP", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated subset of S, M, L")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], int(args.child[1]))
        return
    started = time.perf_counter()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("OPENING_UP_BENCH_DIR")) as scratch:
        folder = Path(scratch)
        base = folder / "base.duckdb"
        result = run_dbt(base, "build", work=folder / "base")
        if result.returncode:
            raise RuntimeError(result.stdout[-3000:])
        for size in args.sizes.split(","):
            rows += bench_sql(size, base, folder)
            rows += bench_methods(size)
            print(f"size {size} done after {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
          f"{platform.machine()}, Python {platform.python_version()}, DuckDB {duckdb.__version__}")
    print(table(rows) if set(args.sizes.split(",")) == set(SIZES) else json.dumps(rows, indent=2))
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
