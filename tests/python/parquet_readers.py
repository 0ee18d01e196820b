"""Readers of the Parquet marts other than the DuckDB that wrote them: a DuckDB 1.x interpreter in a
virtual environment of its own (made on first use from requirements-duckdb1.txt), and pandas."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from opening_up.settings import PROJECT_ROOT
from opening_up.warehouse.parquet_checksum import relation_checksum

DUCKDB1_VENV = Path(os.environ.get("OPENING_UP_DUCKDB1_VENV", PROJECT_ROOT / ".venv-duckdb1"))
CHECKSUM_SCRIPT = PROJECT_ROOT / "src" / "opening_up" / "warehouse" / "parquet_checksum.py"


def duckdb1_python() -> Path:
    """The DuckDB 1.x interpreter, installed (--require-hashes, --only-binary) from the hashed requirements if
    missing; one test process at a time."""
    from filelock import FileLock

    python = DUCKDB1_VENV / "bin" / "python"
    stamp = DUCKDB1_VENV / ".installed"
    requirements = PROJECT_ROOT / "requirements-duckdb1.txt"
    with FileLock(str(DUCKDB1_VENV) + ".lock"):
        if not stamp.exists() or stamp.read_text() != requirements.read_text():
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(DUCKDB1_VENV)], check=True)
            subprocess.run(
                [
                    str(python),
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--require-hashes",
                    "--only-binary=:all:",
                    "-r",
                    str(requirements),
                ],
                check=True,
            )
            stamp.write_text(requirements.read_text())
    return python


def read_with_duckdb1(paths: list[Path]) -> dict:
    """{"duckdb": version, "files": {path: {rows, sha256, types}}} as DuckDB 1.x reads the files."""
    result = subprocess.run([str(duckdb1_python()), str(CHECKSUM_SCRIPT), *map(str, paths)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def warehouse_checksums(database: Path) -> dict[str, tuple[int, str]]:
    """{mart: (rows, checksum)} as DuckDB 2.0 reads the warehouse file."""
    with duckdb.connect(str(database), read_only=True) as connection:
        marts = [row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()]
        return {mart: relation_checksum(connection, f"marts.{mart}") for mart in marts}
