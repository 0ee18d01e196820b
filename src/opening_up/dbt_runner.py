"""One way to run dbt against a chosen DuckDB file, for the refresh, the tests and the benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from opening_up.ingest import ingest
from opening_up.settings import PROJECT_ROOT


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
