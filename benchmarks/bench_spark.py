"""Spark beside DuckDB (`make bench-spark`, after `make build-spark`): the scale benchmark's SQL layers
(benchmarks/bench_scale.py) at one size, by default L (28,500 units x 31 years x 30 indicators, 26.5
million synthetic yearbook rows: SAMPLE data), as one `dbt run` of the same models on each engine:
DuckDB on a copy of the published warehouse, and the `spark` target (OPENING_UP_SPARK_MASTER, default
local[2]) with the synthetic yearbook copied to Parquet by DuckDB's COPY and registered in Spark.
Dagum's Gini (n² pairs) runs at S and M only, as in the scale benchmark. Prints the wall seconds and
peak memory of each run, and checks the engines agree: every model's rows (exits 1 otherwise, keeping
its files for a look), and the values of those of up to 2 million rows, floats to 1e-9 relative, with
the largest relative difference of a column that differs (reported: a sum taken in another order).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from bench_scale import QUADRATIC_STEPS, SIZES, SQL_STEPS, measured, scale_indicators

from opening_up.settings import PROJECT_ROOT, from_environment
from opening_up.spark.compare import RTOL, difference, sort_key

SCALE_TABLES = ("indicators", "entities", "entity_aliases", "raw_observations")
# Models of at most this many rows are compared value by value too (the larger ones by their rows).
VALUE_ROWS = 2_000_000


def dbt_run(steps: list[str], variables: str, work: Path, target: str | None,
            env: dict) -> tuple[float, float]:
    """One `dbt run` of `steps` on `target` (the default DuckDB one when None): (wall seconds, peak MB)."""
    dbt = str(Path(sys.executable).with_name("dbt"))
    command = [dbt, "run", "--select", *steps, "--vars", variables, "--project-dir", str(PROJECT_ROOT),
               "--profiles-dir", str(PROJECT_ROOT / "profiles"), "--target-path", str(work / "target"),
               "--log-path", str(work / "logs"), *(["--target", target] if target else [])]
    _, seconds, peak = measured(command, {"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", **env})
    return seconds, peak


def export_scale_tables(database: Path, folder: Path) -> None:
    """The synthetic yearbook's tables (schema scale) as folder/<table>.parquet."""
    folder.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database), read_only=True) as connection:
        for table in SCALE_TABLES:
            target = folder / f"{table}.parquet"
            connection.execute(f"copy (select * from scale.{table}) to '{target}' (format parquet)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="L")
    args = parser.parse_args()
    settings = from_environment()
    folder = Path(tempfile.mkdtemp(prefix="bench_spark_", dir=settings.bench_folder))
    database = folder / f"scale_{args.size}.duckdb"
    shutil.copy(settings.published_database, database)
    indicators = scale_indicators(database)
    generator = Path(__file__).with_name("bench_scale.py")
    subprocess.run([sys.executable, str(generator), "--generate", str(database), str(SIZES[args.size])],
                   check=True, capture_output=True)
    rows = SIZES[args.size] * 31 * len(indicators)
    steps = [step for step in SQL_STEPS if args.size in QUADRATIC_STEPS.get(step, (args.size,))]
    variables = json.dumps({"scale_schema": "scale", "scale_indicators": [code for code, *_ in indicators]})

    duck_seconds, duck_peak = dbt_run(steps, variables, folder / "duckdb", None,
                                      {"OPENING_UP_DEV_DB": str(database)})
    export_scale_tables(database, folder / "scale_parquet")
    register = [str(Path(sys.executable).with_name("dbt")), "run-operation", "register_parquet_tables",
                "--target", "spark", "--project-dir", str(PROJECT_ROOT), "--profiles-dir",
                str(PROJECT_ROOT / "profiles"), "--args",
                json.dumps({"folder": str(folder / "scale_parquet"), "schema": "scale",
                            "tables": list(SCALE_TABLES)})]
    measured(register)
    spark_seconds, spark_peak = dbt_run(steps, variables, folder / "spark", "spark", {})

    counts = row_counts(database, settings.spark_warehouse, steps)
    print(f"bench-spark: size {args.size}, {SIZES[args.size]:,} units, {rows:,} synthetic yearbook rows "
          f"(SAMPLE), {len(steps)} models ({steps[0]} … {steps[-1]}), master {settings.spark_master}")
    print("| engine | wall s | peak MB (the dbt process; Spark's JVM not counted) |")
    print("|---|---:|---:|")
    print(f"| DuckDB | {duck_seconds:.1f} | {duck_peak:,.0f} |")
    print(f"| Spark ({settings.spark_master}) | {spark_seconds:.1f} | {spark_peak:,.0f} |")
    differing = {step: pair for step, pair in counts.items() if pair[0] != pair[1]}
    print(f"rows per model equal on both engines: {len(counts) - len(differing)} of {len(counts)}"
          + "".join(f"; {step}: {a:,} on DuckDB, {b:,} on Spark" for step, (a, b) in differing.items()))
    compared = compare_values(database, settings.spark_warehouse,
                              [step for step, (a, b) in counts.items() if a == b and a <= VALUE_ROWS])
    print(f"values equal (floats to {RTOL:g} relative) in {sum(v is None for v in compared.values())} of "
          f"{len(compared)} models of up to {VALUE_ROWS:,} rows"
          + "".join(f"; {step}: {why}" for step, why in compared.items() if why))
    # A float summed in another order differs in its last digits; where a small result is the difference
    # of large terms (Theil's between-group term) that is more than 1e-9 of it: reported, not a failure.
    if differing:
        print(f"kept for a look: {folder}")
        return 1
    shutil.rmtree(folder)
    return 0


def compare_values(database: Path, spark_warehouse: Path, steps: list[str]) -> dict[str, str | None]:
    """Each model's table on both engines, row for row (`opening_up.spark.compare.difference`); where
    they differ, the largest relative difference of each float column that differs."""
    found = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        for step in steps:
            ours = connection.execute(f"select * from intermediate.{step}").df()
            theirs = connection.execute(
                f"select * from read_parquet('{spark_warehouse}/intermediate.db/{step}/*.parquet')").df()
            found[step] = difference(ours, theirs)
            if found[step] and len(ours) == len(theirs):
                found[step] += largest_relative_differences(sort_key(ours), sort_key(theirs))
    return found


def largest_relative_differences(ours: pd.DataFrame, theirs: pd.DataFrame) -> str:
    """', largest relative difference <column> <d> at |value| <v>' for each float column that differs."""
    parts = []
    for name in ours.select_dtypes("float").columns:
        a, b = ours[name].to_numpy(), theirs[name].astype(float).to_numpy()
        relative = np.abs(a - b) / np.abs(a)
        if np.nanmax(relative, initial=0.0) > RTOL:
            worst = int(np.nanargmax(relative))
            parts.append(f", largest relative difference {name} {relative[worst]:.1e} "
                         f"at |value| {abs(a[worst]):.1e}")
    return "".join(parts)


def row_counts(database: Path, spark_warehouse: Path, steps: list[str]) -> dict[str, tuple[int, int]]:
    """(rows on DuckDB, rows on Spark) of each model's table (views: their rows on DuckDB only)."""
    counts = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        for step in steps:
            folder = spark_warehouse / "intermediate.db" / step
            if not any(folder.glob("*.parquet")):
                continue
            counts[step] = (connection.execute(f"select count(*) from intermediate.{step}").fetchone()[0],
                            connection.execute(f"select count(*) from read_parquet('{folder}/*.parquet')")
                            .fetchone()[0])
    return counts


if __name__ == "__main__":
    sys.exit(main())
