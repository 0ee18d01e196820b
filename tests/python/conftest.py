"""Shared fixtures: the project root, a dbt runner, and one warehouse built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")
COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", "target", "logs", "warehouse", "__pycache__", "*.duckdb*")


def run_dbt(project_dir: Path, database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run dbt in project_dir against the DuckDB file `database`; output is captured, never raised."""
    env = {**os.environ, "OPENING_UP_DB": str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run(
        [str(DBT), *args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir / "profiles"),
         "--target-path", str(database.parent / "target"), "--log-path", str(database.parent / "logs")],
        cwd=project_dir, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`dbt build` of the shipped project into a temporary DuckDB file."""
    database = tmp_path_factory.mktemp("warehouse") / "opening_up.duckdb"
    result = run_dbt(PROJECT_ROOT, database, "build")
    assert result.returncode == 0, result.stdout[-5000:]
    return database


@pytest.fixture()
def warehouse(built_warehouse: Path):
    """A read-only connection to the built warehouse, as a BI tool would open it."""
    connection = duckdb.connect(str(built_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture()
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of the project whose seeds a test may break."""
    target = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT, target, ignore=COPY_IGNORE)
    return target
