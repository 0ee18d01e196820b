"""The command line, in one module:
`python -m opening_up ingest|refresh|parquet|spark-raw|spark-methods|spark-compare|report|needs|sample|serve`.
Each command parses its arguments, reads the settings once (opening_up.settings) and calls the library,
whose modules hold functions only; its description is its library module's (opening_up.usage).
`python -m opening_up.sample` is the same as `python -m opening_up sample`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from opening_up.settings import PROJECT_ROOT, from_environment
from opening_up.usage import description, visible


def _parser(command: str, module: ModuleType, epilog: str | None = None) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog=f"python -m opening_up {command}", description=description(module.__doc__), epilog=epilog
    )


def ingest(argv: list[str]) -> int:
    from opening_up.warehouse import ingest as module
    from opening_up.yearbooks.sheets import YearbookError

    parser = _parser("ingest", module)
    parser.add_argument(
        "--db",
        type=Path,
        help="DuckDB file (default $OPENING_UP_DEV_DB, warehouse/dev.duckdb; "
        "the published warehouse is written only by the refresh)",
    )
    parser.add_argument(
        "--drop-folder", type=Path, help="yearbook drop folder (default $OPENING_UP_YEARBOOKS)"
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing unless the load is refused")
    args = parser.parse_args(argv)
    settings = from_environment()
    try:
        reports = module.ingest(
            args.db or settings.development_database, args.drop_folder or settings.drop_folder
        )
    except YearbookError as error:
        print("ingest refused:\n" + "\n".join(f"  - {visible(line)}" for line in str(error).splitlines()))
        return 1
    if not args.quiet:
        print("ingest: " + ", ".join(f"raw.{table} {len(report.files)} files {report.n_rows:,} rows"
                                     for table, report in reports.items()))
    return 0


def refresh(argv: list[str]) -> int:
    from opening_up.warehouse import refresh as module
    from opening_up.warehouse.refresh_report import EXIT_LOCKED, EXIT_REFUSED, print_outcome

    parser = _parser("refresh", module, epilog="exit codes: 0 published, 1 refused, 2 usage error, 3 locked")
    parser.add_argument("--db", type=Path, help="published DuckDB file (default $OPENING_UP_DB)")
    parser.add_argument(
        "--drop-folder", type=Path, help="yearbook drop folder (default $OPENING_UP_YEARBOOKS)"
    )
    parser.add_argument("--no-great-expectations", action="store_true", help="skip the GE checkpoint")
    args = parser.parse_args(argv)  # exits 2 on a usage error
    if args.drop_folder is not None and not args.drop_folder.is_dir():
        parser.error(f"--drop-folder {args.drop_folder} is not a folder")
    try:
        settings = from_environment()
    except ValueError as error:
        parser.error(str(error))
    published = args.db or settings.published_database
    try:
        report = module.refresh(
            published,
            args.drop_folder or settings.drop_folder,
            validate=not args.no_great_expectations,
            log=lambda line: print(line, flush=True),
            keep=settings.keep,
        )
    except module.RefreshLocked as error:
        print(f"NOT started: {error}; nothing changed")
        return EXIT_LOCKED
    except Exception as error:  # noqa: BLE001 - e.g. the lock file cannot be created on a full disk
        print(
            f"NOT published: {published} unchanged; the refresh could not start: {type(error).__name__}: "
            f"{error}"
        )
        return EXIT_REFUSED
    return print_outcome(report)


def parquet(argv: list[str]) -> int:
    from opening_up.warehouse import parquet_export as module
    from opening_up.warehouse.publication import is_published_build, readable_problem

    parser = _parser("parquet", module)
    parser.add_argument("--db", type=Path, help="built DuckDB file (default $OPENING_UP_DEV_DB)")
    parser.add_argument(
        "--out", type=Path, help="folder for the Parquet files (default <file stem>-parquet/ beside it)"
    )
    args = parser.parse_args(argv)
    database = args.db or from_environment().development_database
    if not database.exists():
        parser.error(f"no DuckDB file at {database}: run `python -m opening_up ingest` and `dbt build` first")
    if is_published_build(database):
        parser.error(
            f"{database} is a published build: its Parquet is already in "
            f"{database.resolve().parent / 'parquet'}"
        )
    problem = readable_problem(database)
    if problem:
        parser.error(f"{problem}: run `dbt build` first")
    started = time.perf_counter()
    out, manifest = module.write_parquet(database, args.out)
    rows = sum(mart["rows"] for mart in manifest["marts"])
    print(
        f"parquet: {len(manifest['marts'])} marts, {rows:,} rows -> {out} "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0


def spark_raw(argv: list[str]) -> int:
    from opening_up.warehouse import spark_raw as module

    parser = _parser("spark-raw", module)
    parser.add_argument("--db", type=Path, help="built DuckDB file (default $OPENING_UP_DB)")
    parser.add_argument(
        "--out", type=Path,
        help="folder for the Parquet files (default $OPENING_UP_SPARK_WAREHOUSE/raw_parquet)",
    )
    args = parser.parse_args(argv)
    settings = from_environment()
    database = args.db or settings.published_database
    if not database.exists():
        parser.error(f"no DuckDB file at {database}: run `make build` first")
    out = (args.out or settings.spark_warehouse / "raw_parquet").resolve()
    try:
        written = module.export_raw_tables(database, out, module.raw_source_tables())
    except ValueError as error:
        parser.error(str(error))
    print(f"spark-raw: {len(written)} raw tables, {sum(written.values()):,} rows -> {out}")
    return 0


def spark_methods(argv: list[str]) -> int:
    from opening_up.spark import methods as module

    parser = _parser("spark-methods", module)
    parser.add_argument("--target-dir", type=Path, default=PROJECT_ROOT / "target",
                        help="dbt's target folder of a `--target spark` invocation (default target/)")
    args = parser.parse_args(argv)
    settings = from_environment()
    manifest_file = args.target_dir / "manifest.json"
    if not manifest_file.exists():
        parser.error(f"no dbt manifest at {manifest_file}: run `dbt run --target spark` first")
    from opening_up.spark.session import spark_session

    started = time.perf_counter()
    session = spark_session(settings.spark_master, settings.spark_warehouse)
    try:
        written = module.run_python_models(session, module.load_manifest(args.target_dir), PROJECT_ROOT,
                                           settings.spark_warehouse / "python_models")
    finally:
        session.stop()
    print(f"spark-methods: {len(written)} dbt Python models, {sum(written.values()):,} rows "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


def spark_compare(argv: list[str]) -> int:
    from opening_up.spark import compare as module

    parser = _parser("spark-compare", module)
    parser.add_argument("--db", type=Path, help="built DuckDB file (default $OPENING_UP_DB)")
    parser.add_argument("--target-dir", type=Path, default=PROJECT_ROOT / "target",
                        help="dbt's target folder, whose manifest names the marts (default target/)")
    args = parser.parse_args(argv)
    settings = from_environment()
    database = args.db or settings.published_database
    if not database.exists():
        parser.error(f"no DuckDB file at {database}: run `make build` first")
    manifest = json.loads((args.target_dir / "manifest.json").read_text(encoding="utf-8"))
    marts = sorted(node["name"] for node in manifest["nodes"].values() if module.is_mart(node))
    results = module.compare_marts(database, settings.spark_warehouse, marts)
    for mart, difference in results.items():
        if difference:
            print(f"  {mart}: {difference}")
    equal = sum(difference is None for difference in results.values())
    print(f"spark-compare: {len(results)} marts compared, {equal} equal (floats to {module.RTOL:g} relative)")
    gmm_node, gmm_marts = module.gmm_marts(manifest)
    unexplained = {mart for mart, difference in results.items() if difference} - gmm_marts
    if equal == len(results) or unexplained:
        return 0 if equal == len(results) else 1
    explained, found = module.explain_gmm(database, settings.spark_warehouse, gmm_node["config"]["meta"])
    print(f"spark-compare: the {len(results) - equal} marts that differ read {gmm_node['name']}:")
    for line in found:
        print(f"  {line}")
    print("spark-compare: " + ("so they differ by the panel's ulps, which the GMM amplifies (docs/scaling.md)"
                              if explained else "NOT explained by the panel's ulps"))
    return 0 if explained else 1


def report(argv: list[str]) -> int:
    import pandas as pd

    from opening_up import report as module

    settings = from_environment()
    parser = _parser("report", module)
    parser.add_argument("--db", type=Path, default=settings.published_database,
                        help="the built warehouse (default: $OPENING_UP_DB or warehouse/opening_up.duckdb)")
    parser.add_argument("--out", type=Path, default=settings.report_folder,
                        help="output folder (default: $OPENING_UP_REPORT_DIR or reports/)")
    args = parser.parse_args(argv)
    try:
        target, records, _ = module.build_report(args.db, args.out)
    except FileNotFoundError as error:
        print(f"report: {error}", file=sys.stderr)
        return 2
    kinds = pd.Series([r["provenance"]["kind"] for r in records]).value_counts().to_dict()
    print(f"report: wrote {target} ({len(records)} figures; provenance {kinds})")
    return 0


def needs(argv: list[str]) -> int:
    from opening_up.warehouse import coverage as module

    parser = _parser("needs", module)
    parser.add_argument("--db", type=Path, default=from_environment().published_database,
                        help="the built warehouse (default: $OPENING_UP_DB or warehouse/opening_up.duckdb)")
    parser.add_argument("--limit", type=int, help="print only the first N downloads")
    parser.add_argument("--summary", action="store_true", help="print only the one-line real share")
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"needs: {args.db} does not exist (run `make build`)", file=sys.stderr)
        return 2
    if not args.summary:
        print(module.format_needs(module.needs(args.db), args.limit))
    print(module.summary_line(args.db))
    return 0


def sample(argv: list[str]) -> int:
    from opening_up.sample import generate as module
    from opening_up.sample.real_anchors import quarantined_cells

    parser = _parser("sample", module)
    parser.add_argument(
        "--out", type=Path, default=PROJECT_ROOT / "seeds/sample/sample_yearbook_observations.csv"
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=from_environment().published_database,
        help="a built warehouse, whose quarantined cells the sample leaves out (default $OPENING_UP_DB)",
    )
    args = parser.parse_args(argv)
    try:
        quarantined = quarantined_cells(args.db)
    except FileNotFoundError as error:
        parser.error(str(error))
    print(f"wrote {module.write(args.out, quarantined)} sample rows to {args.out}")
    return 0


def sample_script() -> int:
    """The console script `opening-up-sample` (pyproject.toml): `python -m opening_up sample`."""
    return sample(sys.argv[1:])


def serve(argv: list[str]) -> int:
    from opening_up.orchestration import serve as module

    parser = _parser("serve", module)
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument(
        "--home", type=Path, required=True, help="DAGSTER_HOME: Dagster's runs, sensor cursor and logs"
    )
    parser.add_argument(
        "--grace", type=float, default=20.0, help="seconds Dagster has to stop before it is killed"
    )
    args = parser.parse_args(argv)
    if module.turn_telemetry_off(args.home):
        print(f"make orchestrate: wrote {args.home / 'dagster.yaml'} (Dagster telemetry off)", flush=True)
    return module.serve(args.port, args.home, grace=args.grace)


COMMANDS: dict[str, Callable[[list[str]], int]] = {
    "ingest": ingest,
    "refresh": refresh,
    "parquet": parquet,
    "spark-raw": spark_raw,
    "spark-methods": spark_methods,
    "spark-compare": spark_compare,
    "report": report,
    "needs": needs,
    "sample": sample,
    "serve": serve,
}
USAGE = ("usage: python -m opening_up ingest [--db FILE] [--drop-folder DIR] [--quiet]\n"
         "       python -m opening_up refresh [--db FILE] [--drop-folder DIR] [--no-great-expectations]\n"
         "       python -m opening_up parquet [--db FILE] [--out DIR]\n"
         "       python -m opening_up spark-raw [--db FILE] [--out DIR]\n"
         "       python -m opening_up spark-methods [--target-dir DIR]\n"
         "       python -m opening_up spark-compare [--db FILE] [--target-dir DIR]\n"
         "       python -m opening_up report [--db FILE] [--out DIR]\n"
         "       python -m opening_up needs [--db FILE] [--limit N] [--summary]\n"
         "       python -m opening_up sample [--db FILE] [--out FILE]\n"
         "       python -m opening_up serve --home DIR [--port N] [--grace SECONDS]")


def main(argv: list[str] | None = None) -> int:
    """Run the command `argv[0]` with the rest of `argv` (default sys.argv[1:]); 2 and the usage for an
    unknown one."""
    argv = sys.argv[1:] if argv is None else argv
    command = COMMANDS.get(argv[0]) if argv else None
    if command is None:
        print(USAGE, file=sys.stderr)
        return 2
    return command(argv[1:])
