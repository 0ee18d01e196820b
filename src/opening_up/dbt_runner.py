"""One way to run dbt against a chosen DuckDB file, for the refresh, the tests and the benchmarks, and
what a `dbt build` said: its counts, its failures, or its own reason when it wrote no results."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from opening_up.ingest import ingest
from opening_up.settings import PROJECT_ROOT

DISK_FULL = "No space left on device"


def run_dbt(database: Path, *args: str, project_dir: Path = PROJECT_ROOT,
            work: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `dbt <args>` against `database` (the profile's $OPENING_UP_DEV_DB, set for this process only);
    target and logs go to `work` (default: beside the database) so that parallel runs never share them.
    Output is captured, never raised."""
    work = work or database.parent
    env = {**os.environ, "OPENING_UP_DEV_DB": str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), *args, "--project-dir", str(project_dir),
         "--profiles-dir", str(project_dir / "profiles"), "--target-path", str(work / "target"),
         "--log-path", str(work / "logs")],
        cwd=project_dir, env=env, capture_output=True, text=True, timeout=1800)


def build(database: Path, folder: Path, *args: str, project_dir: Path = PROJECT_ROOT,
          work: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Load the drop folder `folder` and the shipped files into `raw` of a development or test file
    (opening_up.ingest), then `dbt build <args>` against it. A file the loader refuses raises
    YearbookError. The published warehouse is written by the refresh alone."""
    ingest(database, folder)
    return run_dbt(database, "build", *args, project_dir=project_dir, work=work)


def _run_results(target: Path) -> list[dict]:
    """The node results of the run_results.json in `target` (none when dbt wrote no readable file)."""
    try:
        return json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return []


def build_counts(target: Path) -> Counter:
    """{status: number of nodes} of the run in `target` (empty when dbt wrote no results)."""
    return Counter(result["status"] for result in _run_results(target))


def _dbt_failures(target: Path) -> list[str]:
    return [f"dbt {r['unique_id']}: {r['status']}: {(r.get('message') or '').strip()[:500]}"
            for r in _run_results(target) if r["status"] in ("error", "fail", "runtime error")]


def _dbt_reason(output: str) -> str:
    """dbt's own error lines from its console output (what it says when no run_results.json was written)."""
    lines = [line.strip() for line in output.splitlines()
             if any(word in line for word in ("Error", "error:", DISK_FULL, "Exception"))]
    return " | ".join(lines[-5:]) or output.strip()[-1000:]


def run_dbt_build(candidate: Path, work: Path, *args: str) -> list[str]:
    """`dbt build [args]` into the candidate file; returns the failures (empty when everything passed)."""
    process = run_dbt(candidate, "build", *args, work=work)
    with contextlib.suppress(OSError):
        (work / "dbt_build.log").write_text(process.stdout + process.stderr, encoding="utf-8")
    if process.returncode == 0:
        return []
    failures = _dbt_failures(work / "target")
    return failures or [f"dbt build exited {process.returncode}: {_dbt_reason(process.stdout + process.stderr)}"]
