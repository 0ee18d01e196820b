"""The one way the warehouse is built: the drop folder and the shipped files into `raw`
(opening_up.warehouse.ingest), then `dbt build` against the same file (opening_up.warehouse.dbt_runner).

`make build`, `make refresh` and the Dagster job call it through the refresh
(opening_up.warehouse.refresh, the only writer of the published warehouse, into its candidate); the
tests and the benchmarks call it on files of their own.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from opening_up.warehouse.dbt_runner import build_counts, run_dbt_build
from opening_up.warehouse.ingest import ingest
from opening_up.yearbooks.loaders import LoadReport

DbtStep = Callable[[Path, Path], list[str]]


@dataclass(frozen=True)
class BuildResult:
    """What a build loaded (a report per raw table), dbt's failures (empty when every node passed), its
    {status: nodes} counts and the seconds the dbt step took."""

    loads: dict[str, LoadReport]
    failures: list[str]
    counts: Counter
    dbt_seconds: float

    @property
    def drop_folder(self) -> LoadReport:
        """The load report of the drop folder (raw.yearbook_drop_folder)."""
        return self.loads["yearbook_drop_folder"]


def _no_callback(loads: dict[str, LoadReport]) -> None:
    """Default of build's `after_load`."""


def build(database: Path, folder: Path, work: Path, *dbt_args: str, dbt_step: DbtStep | None = None,
          after_load: Callable[[dict[str, LoadReport]], None] = _no_callback) -> BuildResult:
    """Load `folder` (the drop folder) and the shipped files into `raw` of `database`, call `after_load`
    with the load reports, then run `dbt build <dbt_args>` with its target, logs and dbt_build.log in
    `work`. A file the loader refuses raises YearbookError (opening_up.yearbooks.sheets) before dbt runs.

    `dbt_step(database, work)` replaces the dbt step (it returns the failures): the refresh's tests
    inject a faster one."""
    loads = ingest(database, folder)
    after_load(loads)
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    failures = dbt_step(database, work) if dbt_step else run_dbt_build(database, work, *dbt_args)
    return BuildResult(loads=loads, failures=failures, counts=build_counts(work / "target"),
                       dbt_seconds=time.perf_counter() - started)
