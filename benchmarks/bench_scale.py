"""Scale benchmark (`make bench-scale`): the warehouse's SQL layers and the methods at 337, 2,850 and
28,500 units, with wall seconds, peak memory and growth exponents.

A deterministic synthetic yearbook (SAMPLE data: is_sample = true, source `opening_up.bench_scale`)
of units x 1992-2022 x 30 indicators is written as raw yearbook rows into schema `scale` of a copy
of a freshly built warehouse; dbt then runs, model by model with var scale_schema, the staging
resolution (a view, timed inside the union that reads it), the union with precedence, the resolved
observations, the panel pivot, the entropy weights and scores, the coupling coordination, and the
regional disparity macros (Theil's decomposition; Dagum's Gini over the n² pairs of units per year,
at S and M only). The methods run at matching sizes in fresh processes: fuzzy similarity + closure
(float32), grey relational grades, difference and system GMM (T = 31), and the regional-openness
methods on n units x 31 years (β-convergence, kernel densities, entropy/CRITIC TOPSIS with the
obstacle degree). Peak memory is the child process's maximum
resident set (os.wait4), the dbt process included. Prints a Markdown table (docs/scaling.md).
"""

from __future__ import annotations

import argparse
import itertools
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

from opening_up.settings import PROJECT_ROOT, child_environment, from_environment
from opening_up.warehouse.build import build

SIZES = {"S": 337, "M": 2_850, "L": 28_500}
FUZZY_SIZES = {"S": 337, "M": 2_850, "L": 10_000}
YEARS = (1992, 2022)
N_INDICATORS = 30
# The relation each step reads most of (its input, for the memory ratio).
STEP_INPUTS = {
    "int_scale_entity_aliases": "scale.entity_aliases",
    "int_scale_indicator_aliases": "intermediate.int_indicator_aliases",
    "int_scale_observations": "scale.raw_observations",
    "int_scale_observations_unioned": "scale.raw_observations",
    "int_scale_observations_resolved": "intermediate.int_scale_observations_unioned",
    "int_scale_panel": "intermediate.int_scale_observations_resolved",
    "int_scale_entropy_scores": "intermediate.int_scale_panel",
    "int_scale_entropy_weights": "intermediate.int_scale_entropy_scores",
    "int_scale_system_scores": "intermediate.int_scale_entropy_scores",
    "int_scale_coupling": "intermediate.int_scale_system_scores",
    "int_scale_disparity_inputs": "intermediate.int_scale_system_scores",
    "int_scale_region_groups": "intermediate.int_scale_disparity_inputs",
    "int_scale_disparity_members": "intermediate.int_scale_disparity_inputs",
    "int_scale_theil": "intermediate.int_scale_disparity_members",
    "int_scale_dagum_gini": "intermediate.int_scale_disparity_members",
}
# Dagum's decomposition sums every ordered pair of units of a year: n² pairs, 25 billion at L
# (28,500 units x 31 years), so it runs at S and M only.
QUADRATIC_STEPS = {"int_scale_dagum_gini": ("S", "M")}
SQL_STEPS = [
    "int_scale_entity_aliases",
    "int_scale_indicator_aliases",
    "int_scale_observations",
    "int_scale_observations_unioned",
    "int_scale_observations_resolved",
    "int_scale_panel",
    "int_scale_entropy_scores",
    "int_scale_entropy_weights",
    "int_scale_system_scores",
    "int_scale_coupling",
    "int_scale_disparity_inputs",
    "int_scale_region_groups",
    "int_scale_disparity_members",
    "int_scale_theil",
    "int_scale_dagum_gini",
]
LINEAR_STEPS = (set(SQL_STEPS) - set(QUADRATIC_STEPS)) | {
    "grey relational grades", "β-convergence (absolute + conditional)", "kernel densities (2 kernels)",
    "entropy/CRITIC TOPSIS + obstacle degree", "Moran's I + LISA (kNN 6, 999 permutations)"}
# The regional-openness methods on n units x 31 years (fct_openness_convergence, _density, _topsis).
OPENNESS_METHODS = ["β-convergence (absolute + conditional)", "kernel densities (2 kernels)",
                    "entropy/CRITIC TOPSIS + obstacle degree", "Moran's I + LISA (kNN 6, 999 permutations)"]


def measured(command: list[str], env: dict | None = None) -> tuple[str, float, float]:
    """Run `command`; return (its output, wall seconds, peak RSS in MB); raise if it fails."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True, cwd=PROJECT_ROOT,
                                   env=child_environment(**(env or {})))
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed:\n{text[-3000:]}")
    return text, seconds, usage.ru_maxrss / 1024


def scale_indicators(database: Path) -> list[tuple[str, str, str, float, float]]:
    """(code, printed name, printed unit, plausible min, plausible max) of 30 indicators whose canonical
    unit is printed as such."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(f"""
            select indicators.indicator_code, min(aliases.indicator_alias), indicators.canonical_unit,
                indicators.plausible_min, indicators.plausible_max
            from staging.stg_reference__indicators as indicators
            inner join staging.stg_reference__indicator_aliases as aliases
                on indicators.indicator_code = aliases.indicator_code
            inner join staging.stg_reference__unit_conversions as units
                on
                    units.unit_alias = indicators.canonical_unit
                    and units.canonical_unit = indicators.canonical_unit
            group by all
            order by indicators.indicator_code
            limit {N_INDICATORS}""").fetchall()


def write_synthetic_yearbook(
    database: Path, units: int, indicators: list[tuple[str, str, str, float, float]]
) -> float:
    """Raw yearbook rows of `units` synthetic units (deterministic: DuckDB's hash of the cell); MB added."""
    with duckdb.connect(str(database)) as connection:
        before = connection.execute(
            "select sum(total_blocks * block_size) from pragma_database_size()"
        ).fetchone()[0]
        connection.execute("create schema scale")
        connection.execute(
            "create table scale.indicators (indicator_index integer, indicator_name varchar, unit varchar, "
            "low double, high double)"
        )
        connection.executemany(
            "insert into scale.indicators values (?, ?, ?, ?, ?)",
            [(i, name, unit, low, high) for i, (_, name, unit, low, high) in enumerate(indicators)],
        )
        connection.execute(f"""create table scale.entities as
            select 'U' || lpad(unit::varchar, 6, '0') as unit_code, '样本单位' || unit::varchar as unit_name
            from range({units}) as units(unit)""")
        connection.execute("""create view scale.entity_aliases as
            select 'county' as entity_type, unit_name as entity_alias, unit_code as entity_code
            from scale.entities""")
        connection.execute(f"""create table scale.raw_observations as
            select
                row_number() over () as source_row,
                'county' as entity_type,
                entities.unit_name as entity_name,
                years.year,
                indicators.indicator_name,
                indicators.unit,
                -- Inside the indicator's plausible range (the resolver refuses anything outside it).
                round(indicators.low + (indicators.high - indicators.low)
                      * (0.05 + 0.4
                         * (hash(entities.unit_code, years.year, indicators.indicator_index) % 100000)
                         / 100000.0)
                      * (1 + (years.year - {YEARS[0]}) * 0.025), 2)::varchar as value,
                2026 as vintage,
                'opening_up.bench_scale' as source,
                true as is_sample,
                'benchmarks/bench_scale.py' as source_file,
                indicators.indicator_index::varchar as source_cell,
                'canonical' as source_format,
                'unit ' || entities.unit_code as entity_location,
                'indicator ' || indicators.indicator_index::varchar as indicator_location,
                'indicator ' || indicators.indicator_index::varchar as unit_location
            from scale.entities as entities
            cross join range({YEARS[0]}, {YEARS[1] + 1}) as years(year)
            cross join scale.indicators as indicators""")
        connection.execute("checkpoint")
        after = connection.execute(
            "select sum(total_blocks * block_size) from pragma_database_size()"
        ).fetchone()[0]
    return (after - before) / 1e6


def in_memory_mb(database: Path, relation: str) -> float:
    """Uncompressed size of a relation as Arrow holds it: bytes per row of a 100,000-row sample x rows."""
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.sql(f"select count(*) from {relation}").fetchall()[0][0]
        sample = connection.sql(f"select * from {relation} using sample 100000 rows").to_arrow_table()
    return sample.nbytes / max(sample.num_rows, 1) * rows / 1e6


def bench_sql(size: str, base: Path, folder: Path, memory_limit: str | None = None) -> list[dict]:
    """Each SQL layer of the scale models on a copy of the built warehouse with `size` units."""
    database = folder / f"scale_{size}.duckdb"
    shutil.copy(base, database)
    indicators = scale_indicators(database)
    start = time.perf_counter()
    # In child processes: a parent that grew would count in every later child's peak (ru_maxrss
    # includes the memory a child inherits before exec).
    input_mb = float(subprocess.run([sys.executable, __file__, "--generate", str(database), str(SIZES[size])],
                                    check=True, capture_output=True, text=True).stdout)
    rows = SIZES[size] * (YEARS[1] - YEARS[0] + 1) * len(indicators)
    results = [
        {
            "step": "synthetic yearbook (generation)",
            "size": size,
            "n": rows,
            "seconds": time.perf_counter() - start,
            "peak_mb": None,
            "input_mb": None,
            "stored_mb": input_mb,
        }
    ]
    variables = json.dumps({"scale_schema": "scale", "scale_indicators": [code for code, *_ in indicators]})
    dbt = str(Path(sys.executable).with_name("dbt"))
    for step in SQL_STEPS:
        if size not in QUADRATIC_STEPS.get(step, (size,)):
            continue
        work = folder / f"work_{size}_{step}"
        command = [dbt, "run", "--select", step, "--vars", variables, "--project-dir", str(PROJECT_ROOT),
                   "--profiles-dir", str(PROJECT_ROOT / "profiles"), "--target-path", str(work / "target"),
                   "--log-path", str(work / "logs")]
        env = {"OPENING_UP_DEV_DB": str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        if memory_limit:
            env["OPENING_UP_DUCKDB_MEMORY_LIMIT"] = memory_limit
        _, _, peak = measured(command, env)
        # The model's own result: the on-run-start hook (validate_vars) is a result of the run too.
        timing = next(result for result in json.loads(
            (work / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
            if result["unique_id"].startswith("model."))
        results.append({"step": step, "size": size, "n": rows, "seconds": timing["execution_time"],
                        "peak_mb": peak, "input_mb": float(subprocess.run(
                            [sys.executable, __file__, "--input-mb", str(database), STEP_INPUTS[step]],
                            check=True, capture_output=True, text=True).stdout)})
    database.unlink()
    return results


def bench_methods(size: str) -> list[dict]:
    results = []
    for step, n in (("fuzzy similarity + closure (float32)", FUZZY_SIZES[size]),
                    ("grey relational grades", SIZES[size]),
                    ("difference GMM", SIZES[size]), ("system GMM", SIZES[size]),
                    *((step, SIZES[size]) for step in OPENNESS_METHODS)):
        output, _, peak = measured([sys.executable, __file__, "--child", step, str(n)])
        results.append({"step": step, "size": size, "n": n, "seconds": json.loads(output)["seconds"],
                        "peak_mb": peak, "input_mb": None})
    return results


def run_child(step: str, n: int) -> None:
    """One method at size n in this (fresh) process; prints {"seconds": …} without the imports."""
    import numpy as np
    from bench_gmm import simulated_panel

    from opening_up.methods import fuzzy, grey
    from opening_up.methods.gmm import difference_gmm, system_gmm

    rng = np.random.default_rng(n)
    start = time.perf_counter()
    if step in OPENNESS_METHODS:
        start = run_openness_method(step, n, rng)
    elif step.startswith("fuzzy"):
        X = fuzzy.standardize(rng.uniform(1, 100, size=(n, 6)), "std_range")
        closure = fuzzy.transitive_closure(fuzzy.similarity_matrix(X, "max_min", dtype=np.float32))
        assert closure.shape == (n, n)
    elif step.startswith("grey"):
        years = YEARS[1] - YEARS[0] + 1
        grades = grey.grey_relational_grades(rng.uniform(1, 100, size=(years, 10)),
                                             rng.uniform(1, 100, size=(years, n)))
        assert grades.shape == (n, 10)
    else:
        panel = simulated_panel(n, periods=YEARS[1] - YEARS[0] + 1, seed=n)
        start = time.perf_counter()
        estimate = difference_gmm if step.startswith("difference") else system_gmm
        estimate(
            panel,
            entity="g",
            time="t",
            y="y",
            y_lags=(1,),
            exog=["x"],
            gmm={"y": (2, 4)},
            collapse=True,
            steps=2,
        )
    print(json.dumps({"seconds": time.perf_counter() - start}))


def run_openness_method(step: str, n: int, rng) -> float:
    """One regional-openness method on a synthetic index of n units x 31 years (four groups);
    returns the time it started, after the data were made."""
    import numpy as np
    import pandas as pd

    from opening_up.measures import regional_openness

    years = np.arange(YEARS[0], YEARS[1] + 1)
    units = np.array([f"U{i:06d}" for i in range(n)])
    level = np.exp(rng.normal(0, 1, n))
    values = level[:, None] * np.exp(np.cumsum(rng.normal(0.05, 0.1, (n, len(years))), axis=1))
    inputs = pd.DataFrame({"index_code": "scale_index", "region_code": np.repeat(units, len(years)),
                           "year": np.tile(years, n), "index_value": values.ravel(), "is_sample": True})
    groups = pd.DataFrame({"grouping": "scale_groups", "group_code": [f"g{i % 4}" for i in range(n)],
                           "region_code": units})
    components = pd.DataFrame({"region_code": inputs.region_code, "year": inputs.year, "is_sample": True,
                               **{name: rng.lognormal(size=len(inputs))
                                  for name in regional_openness.INDICATORS}})
    if step.startswith("Moran"):
        from opening_up.methods import spatial

        weights = spatial.row_standardize(spatial.knn_weights_from_coordinates(
            rng.uniform(75, 130, n), rng.uniform(20, 50, n), 6))
        start = time.perf_counter()
        for year in range(values.shape[1]):
            spatial.morans_i(values[:, year], weights, permutations=999, seed=year)
            spatial.local_morans_i(values[:, year], weights, permutations=999, seed=year)
        return start
    start = time.perf_counter()
    if step.startswith("β"):
        regional_openness.convergence_table(inputs, groups, [(int(years[0]), int(years[-1]))])
    elif step.startswith("kernel"):
        regional_openness.density_table(inputs)
    else:
        regional_openness.topsis_table(components)
        regional_openness.obstacle_degree_table(components)
    return start


def _row(rows: list[dict], step: str, size: str) -> dict | None:
    return next((r for r in rows if r["step"] == step and r["size"] == size), None)


def exponent(rows: list[dict], step: str, small: str, large: str) -> float | None:
    one, two = _row(rows, step, small), _row(rows, step, large)
    if one is None or two is None or min(one["seconds"], two["seconds"]) <= 0 or one["n"] == two["n"]:
        return None
    return math.log(two["seconds"] / one["seconds"]) / math.log(two["n"] / one["n"])


def table(rows: list[dict]) -> str:
    """Markdown: per step and size n, seconds, peak MB (and peak / in-memory input), then the exponents."""
    sizes = [size for size in SIZES if any(r["size"] == size for r in rows)]
    head = "| step | " + " | ".join(f"{s} n | {s} s | {s} peak MB (× input)" for s in sizes)
    pairs = list(itertools.pairwise(sizes))
    head += "".join(f" | exp {a}→{b}" for a, b in pairs) + " |"
    lines = [head, "|---" * (1 + 3 * len(sizes) + len(pairs)) + "|"]
    for step in dict.fromkeys(r["step"] for r in rows):
        cells = []
        for size in sizes:
            row = _row(rows, step, size)
            if row is None:
                cells += ["–", "not run (n² pairs)", "–"]
                continue
            peak = "–" if row["peak_mb"] is None else f"{row['peak_mb']:,.0f}"
            if row["peak_mb"] is not None and row.get("input_mb"):
                peak += f" ({row['peak_mb'] / row['input_mb']:.1f}×)"
            cells += [f"{row['n']:,}", f"{row['seconds']:.2f}", peak]
        for a, b in pairs:
            e = exponent(rows, step, a, b)
            cells.append("–" if e is None else f"{e:.2f}{' ⚠' if e > 1.3 and step in LINEAR_STEPS else ''}")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("STEP", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, metavar=("DB", "UNITS"), help=argparse.SUPPRESS)
    parser.add_argument("--input-mb", nargs=2, metavar=("DB", "RELATION"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated subset of S, M, L")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument(
        "--memory-limit", help="DuckDB memory_limit for the SQL steps (e.g. 4GB); default 80%% of RAM"
    )
    parser.add_argument("--no-methods", action="store_true", help="only the SQL layers")
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], int(args.child[1]))
        return
    if args.generate:
        database = Path(args.generate[0])
        print(write_synthetic_yearbook(database, int(args.generate[1]), scale_indicators(database)))
        return
    if args.input_mb:
        print(in_memory_mb(Path(args.input_mb[0]), args.input_mb[1]))
        return
    started = time.perf_counter()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(dir=from_environment().bench_folder) as scratch:
        folder = Path(scratch)
        base = folder / "base.duckdb"
        (folder / "empty-drop").mkdir()
        result = build(base, folder / "empty-drop", folder / "base")
        if result.failures:
            raise RuntimeError("\n".join(result.failures))
        for size in args.sizes.split(","):
            rows += bench_sql(size, base, folder, args.memory_limit)
            if not args.no_methods:
                rows += bench_methods(size)
            print(
                f"size {size} done after {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(
        f"machine: {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"{platform.machine()}, Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    )
    print(table(rows))
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
