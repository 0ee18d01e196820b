"""One way to run dbt against a chosen DuckDB file, for the refresh, the tests and the benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def published_database() -> Path:
    """The warehouse file readers use: $OPENING_UP_DB (relative paths from the project root, as
    dbt resolves them) or warehouse/opening_up.duckdb."""
    database = Path(os.environ.get("OPENING_UP_DB", "warehouse/opening_up.duckdb"))
    return database if database.is_absolute() else PROJECT_ROOT / database


def run_dbt(database: Path, *args: str, project_dir: Path = PROJECT_ROOT,
            work: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `dbt <args>` with OPENING_UP_DB=database; target and logs go to `work` (default: beside the
    database) so that parallel runs never share them. Output is captured, never raised."""
    work = work or database.parent
    env = {**os.environ, "OPENING_UP_DB": str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), *args, "--project-dir", str(project_dir),
         "--profiles-dir", str(project_dir / "profiles"), "--target-path", str(work / "target"),
         "--log-path", str(work / "logs")],
        cwd=project_dir, env=env, capture_output=True, text=True, timeout=1800)


def build(database: Path, *args: str, project_dir: Path = PROJECT_ROOT,
          work: Path | None = None) -> subprocess.CompletedProcess[str]:
    """What `make build` does before its Parquet step: load the files into `raw` (opening_up.ingest),
    then `dbt build <args>` against `database`. A file the loader refuses raises YearbookError."""
    from opening_up.ingest import ingest

    ingest(database)
    return run_dbt(database, "build", *args, project_dir=project_dir, work=work)
