"""Write-audit-publish refresh of the warehouse (`make refresh`, `python -m opening_up refresh`).

1. load: the drop folder, the shipped exports and the merged panel into the `raw` tables of a new
   file beside the published one, `<name>.candidate-<stamp>.duckdb` (opening_up.ingest; a file
   whose layout cannot be read is refused, naming file, line and cell).
2. build: `dbt build` (every model and data test) into the candidate, with its target, logs and
   report in `<name>.candidate-<stamp>.d/`; dbt's resolver refuses an unknown name, unit or value,
   naming file, line and cell.
3. audit: a Great Expectations checkpoint on the candidate's marts (opening_up.audit).
4. publish: only if everything passed, write the marts as Parquet into `parquet-builds/<stamp>/`,
   replace the published file with os.replace (atomic on one file system: a reader holding the old
   file keeps reading it) and point `parquet` at the new Parquet build the same way; then keep the
   last $OPENING_UP_KEEP_CANDIDATES (default 3) candidates and Parquet builds and delete older ones.
On any failure, or if the process is killed, the published files are unchanged and the candidate
stays for inspection. One refresh at a time: a second one exits at once (exit code 3).

Exit codes of `main`: 0 published, 1 refused (the report's path is printed), 2 usage error,
3 another refresh holds the lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from opening_up.audit import data_docs_index, validate_with_great_expectations
from opening_up.coverage import summary_line
from opening_up.dbt_runner import published_database, run_dbt
from opening_up.ingest import ingest
from opening_up.loaders import YearbookError
from opening_up.parquet_export import (file_hash, keep_count, parquet_link, export_marts, prune_parquet_builds,
                                       publish_parquet)

EXIT_PUBLISHED, EXIT_REFUSED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
__all__ = ["refresh", "main", "file_hash", "RefreshLocked"]


class RefreshLocked(RuntimeError):
    """Another refresh of the same warehouse holds its lock."""


@contextlib.contextmanager
def refresh_lock(published: Path) -> Iterator[None]:
    """Hold `.<name>.lock` beside the published file, or raise RefreshLocked at once."""
    path = published.parent / f".{published.name}.lock"
    with path.open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            raise RefreshLocked(f"another refresh holds {path} ({lock.read().strip() or 'pid unknown'})") from None
        lock.truncate(0)
        lock.write(f"pid {os.getpid()} since {dt.datetime.now().isoformat(timespec='seconds')}\n")
        lock.flush()
        try:
            yield
        finally:
            lock.truncate(0)


@contextlib.contextmanager
def drop_folder_setting(drop_folder: Path | None) -> Iterator[None]:
    """$OPENING_UP_YEARBOOKS for this refresh (the loader and dbt read it), restored afterwards."""
    before = os.environ.get("OPENING_UP_YEARBOOKS")
    if drop_folder is not None:
        os.environ["OPENING_UP_YEARBOOKS"] = str(drop_folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("OPENING_UP_YEARBOOKS", None)
        else:
            os.environ["OPENING_UP_YEARBOOKS"] = before


def _dbt_counts(target: Path) -> Counter:
    if not (target / "run_results.json").exists():
        return Counter()
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return Counter(result["status"] for result in results)


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


def _unmapped_export_indicators(candidate: Path) -> dict[str, str]:
    """{file: indicator} of the drop folder's NBS exports whose indicator has no project code."""
    with duckdb.connect(str(candidate), read_only=True) as connection:
        rows = connection.sql(
            "select source_file, printed_indicator_name from staging.stg_yearbook__unmapped_export_indicators "
            "where source_file in (select source_file from raw.yearbook_drop_folder) order by source_file").fetchall()
    return dict(rows)


def _checkpoint_file(path: Path) -> None:
    """Fold any write-ahead log into the file so that it can be moved alone."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("checkpoint")


def candidate_stamps(published: Path) -> list[str]:
    """Stamps of the candidates beside `published` (files and work folders), oldest first."""
    prefix = f"{published.stem}.candidate-"
    return sorted({path.name[len(prefix):].split(".")[0] for path in published.parent.glob(f"{prefix}*")})


def apply_retention(published: Path, keep: int) -> list[Path]:
    """Delete every candidate (file, write-ahead log, work folder) but the newest `keep`, and every
    Parquet build but the newest `keep` and the published one. Returns what was deleted."""
    removed = []
    for stamp in candidate_stamps(published)[:-keep]:
        for path in published.parent.glob(f"{published.stem}.candidate-{stamp}.*"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(path)
    return removed + prune_parquet_builds(parquet_link(published), keep)


def _step(log: Callable[[str], None], name: str, started: float, detail: str) -> None:
    log(f"{name:<8}{time.perf_counter() - started:6.1f} s  {detail}")


def _publish(candidate: Path, published: Path, stamp: str) -> dict:
    """Checkpoint the candidate, write its Parquet build, then swap in both (file first, then link)."""
    _checkpoint_file(candidate)
    link = parquet_link(published)
    manifest = export_marts(candidate, link.parent / "parquet-builds" / stamp, stamp)
    os.replace(candidate, published)
    publish_parquet(link.parent / "parquet-builds" / stamp, link)
    return manifest


def refresh(published: Path | None = None, drop_folder: Path | None = None, validate: bool = True,
            log: Callable[[str], None] = print) -> dict:
    """Write, audit and publish (module docstring), logging one line per step. Returns a report;
    raises RefreshLocked when another refresh runs, nothing on a refused candidate."""
    published = Path(published) if published else published_database()
    published.parent.mkdir(parents=True, exist_ok=True)
    keep = keep_count()
    with refresh_lock(published), drop_folder_setting(drop_folder):
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        candidate = published.with_name(f"{published.stem}.candidate-{stamp}.duckdb")
        work = published.with_name(f"{published.stem}.candidate-{stamp}.d")
        work.mkdir()
        report = {"published": str(published), "candidate": str(candidate), "work": str(work),
                  "hash_before": file_hash(published), "failures": [], "published_new": False}
        started = time.perf_counter()
        try:
            loaded = ingest(candidate)["yearbook_drop_folder"]
            report.update(files=loaded.files, notes=loaded.notes)
            _step(log, "load", started, f"{len(loaded.files)} files, {loaded.n_rows:,} rows into raw")
        except YearbookError as error:
            report["failures"].append(f"load: {error}")
            _step(log, "load", started, "refused")
        if not report["failures"]:
            started = time.perf_counter()
            report["failures"] += run_dbt_build(candidate, work)
            counts = _dbt_counts(work / "target")
            if not report["failures"]:
                report["skipped_indicators"] = _unmapped_export_indicators(candidate)
            _step(log, "build", started, " ".join(f"{status}={n}" for status, n in sorted(counts.items()))
                  + f", {len(report.get('skipped_indicators', {}))} indicators without a project code left out")
        if not report["failures"] and validate:
            started = time.perf_counter()
            audit_failures = validate_with_great_expectations(candidate, work)
            report["failures"] += audit_failures
            report["data_docs"] = str(data_docs_index(work))
            _step(log, "audit", started, f"Great Expectations: {len(audit_failures)} failed")
        if not report["failures"]:
            started = time.perf_counter()
            manifest = _publish(candidate, published, stamp)
            report["published_new"] = True
            report["parquet"] = str(parquet_link(published))
            report["removed"] = [str(path) for path in apply_retention(published, keep)]
            _step(log, "publish", started, f"{len(manifest['marts'])} marts as Parquet "
                                           f"({sum(m['rows'] for m in manifest['marts']):,} rows), "
                                           f"{len(report['removed'])} old candidates and builds deleted")
        report["hash_after"] = file_hash(published)
        (work / "refresh_report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m opening_up refresh", description=__doc__.splitlines()[0],
                                     epilog="exit codes: 0 published, 1 refused, 2 usage error, 3 locked")
    parser.add_argument("--db", type=Path, help="published DuckDB file (default $OPENING_UP_DB)")
    parser.add_argument("--drop-folder", type=Path, help="yearbook drop folder (default $OPENING_UP_YEARBOOKS)")
    parser.add_argument("--no-great-expectations", action="store_true", help="skip the GE checkpoint")
    args = parser.parse_args(argv)  # exits 2 on a usage error
    if args.drop_folder is not None and not args.drop_folder.is_dir():
        parser.error(f"--drop-folder {args.drop_folder} is not a folder")
    try:
        keep_count()
    except ValueError as error:
        parser.error(str(error))
    try:
        report = refresh(args.db, args.drop_folder, validate=not args.no_great_expectations,
                         log=lambda line: print(line, flush=True))
    except RefreshLocked as error:
        print(f"NOT started: {error}; nothing changed")
        return EXIT_LOCKED
    for path, name in report.get("skipped_indicators", {}).items():
        print(f"  skipped indicator {name!r} in {path} (no project code)")
    for note in report.get("notes", []):
        print(f"  note: {note}")
    report_path = Path(report["work"]) / "refresh_report.json"
    if not report["published_new"]:
        print(f"NOT published: {report['published']} unchanged; candidate kept at {report['candidate']}")
        for failure in report["failures"]:
            print(f"  - {failure}")
        print(f"report: {report_path}")
        return EXIT_REFUSED
    print(f"report: {report_path}")
    print(summary_line(Path(report["published"])))
    print(f"published {report['published']} sha256 {report['hash_after']}")
    return EXIT_PUBLISHED
