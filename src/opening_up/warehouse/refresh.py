"""Write-audit-publish refresh of the warehouse (`make build`, `make refresh`, `python -m opening_up
refresh`, the Dagster job and assets): the only path that writes the published warehouse.

1. load: the drop folder, the shipped exports and the merged panel into the `raw` tables of a new
   file beside the published one, `<name>.candidate-<id>.duckdb` (opening_up.warehouse.ingest); every entry
   of the drop folder is loaded, skipped or refused with its reason, and every refused file is named
   (with line, cell and value where a cell is at fault).
2. build: `dbt build` (every model and data test) into the candidate, with its target, logs and
   report in `<name>.candidate-<id>.d/`; dbt's resolver refuses an unknown name or unit and a value
   outside its indicator's plausible range, naming file, line and cell.
3. audit: a Great Expectations checkpoint on the candidate's marts (opening_up.warehouse.audit).
4. publish: only if everything passed: the candidate moves into `builds/<id>/`, its marts are written
   as Parquet beside it, the build is checked to open read-only, and `current` is switched to it in
   one atomic rename (opening_up.warehouse.publication); then the newest $OPENING_UP_KEEP_CANDIDATES
   candidates
   and builds are kept and older ones deleted.
On any failure (a refused file, a failed test, a full disk, an unforeseen error), or if the process is
killed at any point, readers stay on the published build; the log says `NOT published`, the report is
written, and the candidate stays for inspection (after a full disk it is deleted, to free the space).
One refresh at a time: a second one exits at once (exit code 3).

Exit codes of `main`: 0 published, 1 refused, 2 usage error, 3 another refresh holds the lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from opening_up.settings import DEFAULT_KEEP
from opening_up.warehouse import publication
from opening_up.warehouse.audit import data_docs_index, validate_with_great_expectations
from opening_up.warehouse.build import DbtStep, build
from opening_up.warehouse.dbt_runner import DISK_FULL, warnings_explained
from opening_up.files import file_hash
from opening_up.warehouse.parquet_export import export_marts
from opening_up.warehouse.refresh_report import RefreshReport
from opening_up.yearbooks.drop_folder import LoadRefused
from opening_up.yearbooks.loaders import LoadReport
from opening_up.yearbooks.sheets import YearbookError
from opening_up.usage import visible

__all__ = ["refresh", "RefreshLocked", "RefreshReport"]


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
            raise RefreshLocked(
                f"another refresh holds {path} ({lock.read().strip() or 'pid unknown'})"
            ) from None
        with contextlib.suppress(OSError):
            lock.truncate(0)
            lock.write(f"pid {os.getpid()} since {dt.datetime.now().isoformat(timespec='seconds')}\n")
            lock.flush()
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                lock.truncate(0)


def _unmapped_export_indicators(candidate: Path) -> dict[str, str]:
    """{file: indicator} of the drop folder's NBS exports whose indicator has no project code."""
    with duckdb.connect(str(candidate), read_only=True) as connection:
        rows = connection.sql(
            "select source_file, printed_indicator_name from intermediate.int_unmapped_export_indicators "
            "where source_file in (select source_file from raw.yearbook_drop_folder) order by source_file"
        ).fetchall()
    return dict(rows)


def _unchecked_relations(candidate: Path) -> list[str]:
    """One line per relation rule with the rows it could not test (intermediate.int_observation_relations:
    a real figure beside a sample one, or real figures of two editions), e.g. `sectors_sum_to_gdp: 186
    rows of real figures of two editions (161 not holding), 343 rows of real figures beside sample ones`."""
    with duckdb.connect(str(candidate), read_only=True) as connection:
        rows = connection.sql(
            "select rule, terms_provenance, count(*), count(*) filter (where not holds) "
            "from intermediate.int_observation_relations where not is_tested group by all order by all"
        ).fetchall()
    words = {
        "real_across_editions": "real figures of two editions",
        "real_beside_sample": "real figures beside sample ones",
    }
    lines: dict[str, list[str]] = {}
    for rule, provenance, n_rows, n_failing in rows:
        lines.setdefault(rule, []).append(
            f"{n_rows} rows of {words.get(provenance, provenance)} ({n_failing} not holding)"
        )
    return [f"{rule}: {', '.join(parts)}" for rule, parts in lines.items()]


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
    build but the newest `keep` and the current one. Returns what was deleted."""
    removed = []
    for stamp in candidate_stamps(published)[:-keep]:
        for path in published.parent.glob(f"{published.stem}.candidate-{stamp}.*"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(path)
    return removed + publication.prune_builds(published, keep)


def _remove_orphan_builds(published: Path) -> list[Path]:
    """Delete the build folders of refreshes killed before their switch (publication.orphan_builds), so
    that retention counts published builds only."""
    orphans = publication.orphan_builds(published)
    for path in orphans:
        shutil.rmtree(path)
    return orphans


def _is_disk_full(error: BaseException | str) -> bool:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return DISK_FULL in str(error)


def _free_space(candidate: Path, work: Path) -> list[Path]:
    """After a full disk: delete the candidate, its write-ahead log and spill folder (beside it, and beside
    the link dbt opened it through, `<work>/dbt-file/`) and dbt's artefacts (the report and dbt_build.log
    stay)."""
    removed = []
    for path in (
        candidate,
        candidate.with_name(candidate.name + ".wal"),
        candidate.with_name(candidate.name + ".tmp"),
        work / "dbt-file",
        work / "target",
        work / "logs",
        work / "gx",
    ):
        if path.exists():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed.append(path)
    return removed


def _publish(candidate: Path, published: Path, stamp: str, at_step: Callable[[str], None]) -> dict:
    """Move the checkpointed candidate into its build folder, write its Parquet, check it opens read-only,
    then switch `current` to it (the one atomic step readers can see)."""
    _checkpoint_file(candidate)
    database = publication.install_build(candidate, published, stamp)
    at_step("installed")
    manifest = export_marts(database, database.parent / publication.PARQUET, stamp)
    at_step("exported")
    problem = publication.readable_problem(database)
    if problem:
        raise RuntimeError(f"the new build is not readable, so it was not published: {problem}")
    if not published.exists():
        publication.make_reader_links(published)
    previous = publication.switch_current(published, database.parent)
    at_step("switched")
    publication.make_reader_links(published)
    problem = publication.readable_problem(published)
    if problem:
        if previous:
            publication.switch_current(published, previous)
        raise RuntimeError(f"the published warehouse did not open read-only after the switch ({problem}); "
                           "readers were pointed back at the previous build")
    return manifest


def _write_audit_publish(report: RefreshReport, validate: bool, keep: int, log: Callable[[str], None],
                         dbt_step: DbtStep | None, at_step: Callable[[str], None]) -> None:
    candidate, work = report.candidate, report.work
    report.step = "load"
    started = time.perf_counter()

    def loaded(loads: dict[str, LoadReport]) -> None:
        dropped = loads["yearbook_drop_folder"]
        report.files, report.notes, report.skipped = dropped.files, dropped.notes, dropped.skipped
        _step(
            log,
            "load",
            time.perf_counter() - started,
            f"{len(dropped.files)} files, {dropped.n_rows:,} rows into raw, "
            f"{len(dropped.skipped)} entries skipped",
        )
        for entry in dropped.skipped:
            log(visible(f"  skipped {entry}"))
        for note in dropped.notes:
            log(visible(f"  note: {note}"))
        at_step("loaded")
        report.step = "build"

    try:
        result = build(candidate, report.drop_folder, work, dbt_step=dbt_step, after_load=loaded)
    except YearbookError as error:
        reasons = error.reasons if isinstance(error, LoadRefused) else [str(error)]
        report.failures += [f"load: {reason}" for reason in reasons]
        _step(log, "load", time.perf_counter() - started, f"refused ({len(reasons)} files)")
        return
    report.failures += result.failures
    if not report.failures:
        report.skipped_indicators = _unmapped_export_indicators(candidate)
        report.relations_unchecked = _unchecked_relations(candidate)
    _step(
        log,
        "build",
        result.dbt_seconds,
        " ".join(f"{status}={n}" for status, n in sorted(result.counts.items()))
        + f", {len(report.skipped_indicators)} indicators without a project code left out",
    )
    for line in warnings_explained(work / "target"):
        log(f"  {line}")
    for path, name in report.skipped_indicators.items():
        log(visible(f"  skipped indicator {name!r} in {path} (no project code)"))
    for line in report.relations_unchecked:
        log(
            "  relation not tested (a real figure beside a sample one, or two editions: no file at fault): "
            f"{line}"
        )
    if report.failures:
        return
    at_step("built")
    if validate:
        report.step = "audit"
        started = time.perf_counter()
        audit_failures = validate_with_great_expectations(candidate, work)
        report.failures += audit_failures
        report.data_docs = data_docs_index(work)
        _step(
            log, "audit", time.perf_counter() - started, f"Great Expectations: {len(audit_failures)} failed"
        )
        if audit_failures:
            return
        at_step("audited")
    report.step = "publish"
    started = time.perf_counter()
    manifest = _publish(candidate, report.published, report.build_id, at_step)
    report.published_new = True
    report.build = publication.current_build(report.published)
    report.parquet = publication.parquet_link(report.published)
    report.removed += [str(path) for path in apply_retention(report.published, keep)]
    at_step("retained")
    _step(
        log,
        "publish",
        time.perf_counter() - started,
        f"{len(manifest['marts'])} marts as Parquet "
        f"({sum(m['rows'] for m in manifest['marts']):,} rows), build {report.build_id} "
        f"current, {len(report.removed)} old candidates and builds deleted",
    )


def _step(log: Callable[[str], None], name: str, seconds: float, detail: str) -> None:
    log(f"{name:<8}{seconds:6.1f} s  {detail}")


def _no_step(name: str) -> None:
    """Default of refresh's `at_step`: nothing happens between steps."""


def refresh(published: Path, drop_folder: Path, validate: bool = True, log: Callable[[str], None] = print,
            keep: int = DEFAULT_KEEP, dbt_step: DbtStep | None = None,
            at_step: Callable[[str], None] = _no_step) -> RefreshReport:
    """Write, audit and publish (module docstring) the warehouse `published` from the drop folder
    `drop_folder`, keeping `keep` candidates and builds, logging one line per step. Returns the report
    (also written as `<work>/refresh_report.json`); raises RefreshLocked when another refresh runs and
    nothing else: every failure, foreseen or not, is a refusal in the report.

    The build is opening_up.warehouse.build.build; `dbt_step(candidate, work)` replaces its dbt step
    (returns the failures) and `at_step(name)` is called at each step boundary (loaded, built, audited,
    installed, exported, switched, retained): the tests replace them to inject a fast build and kills."""
    published, folder = Path(published), Path(drop_folder)
    published.parent.mkdir(parents=True, exist_ok=True)
    with refresh_lock(published):
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        report = RefreshReport(published=published, drop_folder=folder, build_id=stamp,
                               candidate=published.with_name(f"{published.stem}.candidate-{stamp}.duckdb"),
                               work=published.with_name(f"{published.stem}.candidate-{stamp}.d"),
                               hash_before=file_hash(published))
        try:
            report.work.mkdir()
            report.removed += [str(path) for path in _remove_orphan_builds(published)]
            _write_audit_publish(report, validate, keep, log, dbt_step, at_step)
        except Exception as error:  # noqa: BLE001 - an unforeseen error is a refusal with its reason, never a crash
            report.failures.append(f"{report.step}: {type(error).__name__}: {error}")
            report.traceback = traceback.format_exc()
        if not report.published_new and any(_is_disk_full(failure) for failure in report.failures):
            report.disk_full = True
            report.freed = [str(path) for path in _free_space(report.candidate, report.work)]
        report.candidate_kept = report.candidate.exists()
        report.hash_after = file_hash(published)
        report.write()
    return report
