"""Spark beside DuckDB (`make bench-spark`, after `make build-spark`): the scale benchmark's SQL layers
(benchmarks/bench_scale.py) at one size, by default L (28,500 units x 31 years x 30 indicators, 26.5
million synthetic yearbook rows: SAMPLE data), as one `dbt run` of the same models on each engine:
DuckDB on a copy of the published warehouse, and the `spark` target (OPENING_UP_SPARK_MASTER, default
local[2]) with the synthetic yearbook copied to Parquet by DuckDB's COPY and registered in Spark.
Dagum's Gini (n² pairs) runs at S and M only, as in the scale benchmark. Prints the wall seconds and
peak memory of each run, and the row counts of the last model on both engines (they must agree).
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
from bench_scale import QUADRATIC_STEPS, SIZES, SQL_STEPS, measured, scale_indicators

from opening_up.settings import PROJECT_ROOT, from_environment

SCALE_TABLES = ("indicators", "entities", "entity_aliases", "raw_observations")


def dbt_run(steps: list[str], variables: str, work: Path, target: str | None, env: dict) -> tuple[float, float]:
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
            connection.execute(f"copy (select * from scale.{table}) to '{folder / table}.parquet' (format parquet)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="L")
    args = parser.parse_args()
    settings = from_environment()
    folder = Path(tempfile.mkdtemp(prefix="bench_spark_", dir=settings.bench_folder))
    database = folder / f"scale_{args.size}.duckdb"
    shutil.copy(settings.published_database, database)
    indicators = scale_indicators(database)
    subprocess.run([sys.executable, str(Path(__file__).with_name("bench_scale.py")), "--generate", str(database),
                    str(SIZES[args.size])], check=True, capture_output=True)
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

    last = steps[-1]
    with duckdb.connect(str(database), read_only=True) as connection:
        duck_rows = connection.execute(f"select count(*) from intermediate.{last}").fetchone()[0]
        spark_rows = connection.execute(
            f"select count(*) from read_parquet('{settings.spark_warehouse}/intermediate.db/{last}/*.parquet')"
        ).fetchone()[0]
    print(f"bench-spark: size {args.size}, {SIZES[args.size]:,} units, {rows:,} synthetic yearbook rows "
          f"(SAMPLE), {len(steps)} models ({steps[0]} … {last}), master {settings.spark_master}")
    print("| engine | wall s | peak MB (dbt process) | rows of " + last + " |")
    print("|---|---:|---:|---:|")
    print(f"| DuckDB | {duck_seconds:.1f} | {duck_peak:,.0f} | {duck_rows:,} |")
    print(f"| Spark ({settings.spark_master}) | {spark_seconds:.1f} | {spark_peak:,.0f} | {spark_rows:,} |")
    shutil.rmtree(folder)
    return 0 if duck_rows == spark_rows else 1


if __name__ == "__main__":
    sys.exit(main())
