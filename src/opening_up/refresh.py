"""Write-audit-publish refresh of the warehouse (`make refresh`, `python -m opening_up refresh`).

1. Check the drop folder with the loader (fast errors naming file, line and cell).
2. Build into a new DuckDB file next to the published one (`<name>.candidate-<stamp>.duckdb`)
   with `dbt build` (every model and data test).
3. Validate the marts with a Great Expectations checkpoint on pandas DataFrames read from the
   candidate (GE's SQL datasource fails on duckdb-engine), writing Data Docs as HTML.
4. Only if everything passed, replace the published file with os.replace (atomic on one file
   system): a reader holding the old file keeps reading it; a new reader opens the new one.
On any failure, or if the process is killed, the published file is unchanged and the candidate
stays for inspection; a report names each failure. A lock file serialises refreshes.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
from pathlib import Path

import duckdb

from opening_up.dbt_runner import published_database, run_dbt
from opening_up.coverage import summary_line
from opening_up.loaders import YearbookError, load_drop_folder

# Expectations on the marts: (mart, column, kind, arguments).
EXPECTATIONS = [
    ("dim_region", "region_code", "not_null", {}),
    ("dim_region", "region_code", "unique", {}),
    ("fct_yearbook_observations", "value", "not_null", {}),
    ("fct_yearbook_observations", "is_sample", "in_set", {"value_set": [True, False]}),
    ("fct_yearbook_observations", "year", "between", {"min_value": 1949, "max_value": dt.date.today().year + 1}),
    ("fct_port_economy_entropy_weights", "weight", "between", {"min_value": 0, "max_value": 1}),
    ("fct_province_openness", "composite_openness_index", "between", {"min_value": 0}),
    ("rpt_published_checks", "status", "in_set", {"value_set": ["pass", "mismatch_in_paper"]}),
]


def file_hash(path: Path) -> str | None:
    """SHA-256 of a file, None when it does not exist."""
    if not path.exists():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _dbt_failures(target: Path) -> list[str]:
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return [f"dbt {r['unique_id']}: {r['status']}: {(r.get('message') or '').strip()[:500]}"
            for r in results if r["status"] in ("error", "fail", "runtime error")]


def run_dbt_build(candidate: Path, work: Path) -> list[str]:
    """`dbt build` into the candidate file; returns the failures (empty when everything passed)."""
    process = run_dbt(candidate, "build", work=work)
    (work / "dbt_build.log").write_text(process.stdout + process.stderr, encoding="utf-8")
    if process.returncode == 0:
        return []
    target = work / "target"
    failures = _dbt_failures(target) if (target / "run_results.json").exists() else []
    return failures or [f"dbt build exited {process.returncode}: {process.stdout[-2000:]}"]


def validate_with_great_expectations(candidate: Path, work: Path) -> list[str]:
    """A Great Expectations checkpoint per mart on DataFrames read from the candidate; Data Docs as HTML."""
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(work))
    source = context.data_sources.add_pandas("warehouse")
    failures = []
    with duckdb.connect(str(candidate), read_only=True) as connection:
        for mart in sorted({e[0] for e in EXPECTATIONS}):
            frame = connection.execute(f"select * from marts.{mart}").df()
            batch = source.add_dataframe_asset(mart).add_batch_definition_whole_dataframe("all")
            suite = context.suites.add(gx.ExpectationSuite(name=f"{mart}_suite"))
            for _, column, kind, arguments in (e for e in EXPECTATIONS if e[0] == mart):
                expectation = {
                    "not_null": gx.expectations.ExpectColumnValuesToNotBeNull,
                    "unique": gx.expectations.ExpectColumnValuesToBeUnique,
                    "in_set": gx.expectations.ExpectColumnValuesToBeInSet,
                    "between": gx.expectations.ExpectColumnValuesToBeBetween,
                }[kind]
                suite.add_expectation(expectation(column=column, **arguments))
            definition = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{mart}_validation", data=batch, suite=suite))
            checkpoint = context.checkpoints.add(gx.Checkpoint(
                name=f"{mart}_checkpoint", validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs")]))
            result = checkpoint.run(batch_parameters={"dataframe": frame})
            for validation in result.run_results.values():
                for outcome in validation.results:
                    if not outcome.success:
                        config = outcome.expectation_config
                        failures.append(f"great_expectations {mart}.{config.kwargs.get('column')}: "
                                        f"{config.type} failed ({outcome.result.get('unexpected_count')} rows)")
    context.build_data_docs()
    return failures


def _checkpoint_file(path: Path) -> None:
    """Fold any write-ahead log into the file so that it can be moved alone."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("checkpoint")


def refresh(published: Path | None = None, drop_folder: Path | None = None, validate: bool = True) -> dict:
    """Write, audit and publish (module docstring). Returns a report; raises nothing on a failed audit."""
    published = Path(published) if published else published_database()
    published.parent.mkdir(parents=True, exist_ok=True)
    if drop_folder is not None:
        os.environ["OPENING_UP_YEARBOOKS"] = str(drop_folder)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    candidate = published.with_name(f"{published.stem}.candidate-{stamp}.duckdb")
    work = published.with_name(f"{published.stem}.candidate-{stamp}.d")
    work.mkdir()
    report = {"published": str(published), "candidate": str(candidate), "work": str(work),
              "hash_before": file_hash(published), "failures": [], "published_new": False}
    with (published.parent / f".{published.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            _, loaded = load_drop_folder()
            report["files"] = loaded.files
            report["skipped_indicators"] = loaded.skipped_indicators
            report["notes"] = loaded.notes
        except YearbookError as error:
            report["failures"].append(f"load: {error}")
        if not report["failures"]:
            report["failures"] += run_dbt_build(candidate, work)
        if not report["failures"] and validate:
            report["failures"] += validate_with_great_expectations(candidate, work)
            report["data_docs"] = str(work / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html")
        if not report["failures"]:
            _checkpoint_file(candidate)
            os.replace(candidate, published)
            report["published_new"] = True
    report["hash_after"] = file_hash(published)
    (work / "refresh_report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m opening_up refresh", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="published DuckDB file (default $OPENING_UP_DB)")
    parser.add_argument("--drop-folder", type=Path, help="yearbook drop folder (default $OPENING_UP_YEARBOOKS)")
    parser.add_argument("--no-great-expectations", action="store_true", help="skip the GE checkpoint")
    args = parser.parse_args(argv)
    report = refresh(args.db, args.drop_folder, validate=not args.no_great_expectations)
    if report["published_new"]:
        print(f"published {report['published']} (sha256 {report['hash_after'][:12]})")
    else:
        print(f"NOT published: {report['published']} unchanged; candidate kept at {report['candidate']}")
        for failure in report["failures"]:
            print(f"  - {failure}")
    for path, name in report.get("skipped_indicators", {}).items():
        print(f"  skipped indicator {name!r} in {path} (no project code)")
    for note in report.get("notes", []):
        print(f"  note: {note}")
    print(f"report: {Path(report['work']) / 'refresh_report.json'}")
    print(summary_line(Path(report["published"])))
    return 0 if report["published_new"] else 1
