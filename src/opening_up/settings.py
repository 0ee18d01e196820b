"""The project's settings: every environment variable the package honours is read here, once per
entry point (`from_environment()`), and nowhere else; the entry points (the `python -m opening_up`
commands, the dbt plugin, the Dagster definitions, the benchmarks) pass the values down as arguments.
Nothing in the package writes os.environ: a child process gets its environment from
`child_environment`.

| variable | field | meaning | default |
|---|---|---|---|
| OPENING_UP_DB | published_database | the published warehouse readers open | warehouse/opening_up.duckdb |
| OPENING_UP_DEV_DB | development_database | the file a bare `dbt build` writes | warehouse/dev.duckdb |
| OPENING_UP_YEARBOOKS | drop_folder | the drop folder of yearbook files | data/yearbooks |
| OPENING_UP_KEEP_CANDIDATES | keep | candidates and published builds kept besides the current one | 3 |
| OPENING_UP_REPORT_DIR | report_folder | where `python -m opening_up report` writes | reports |
| OPENING_UP_DUCKDB_MEMORY_LIMIT | duckdb_memory_limit | DuckDB's memory_limit for dbt (profiles.yml) | 80% |
| OPENING_UP_SPARK_MASTER | spark_master | the Spark master of the `spark` target (profiles.yml) | local[2] |
| OPENING_UP_SPARK_WAREHOUSE | spark_warehouse | the Spark warehouse folder and metastore | warehouse/spark/ |
| OPENING_UP_BENCH_DIR | bench_folder | where the scale benchmark writes its scratch files | the system's
temporary folder |
| DAGSTER_IS_DEV_CLI | dagster_dev | set by `dagster dev`: the definitions parse the dbt project afresh |
unset |

Relative paths are taken from the project root, as dbt resolves them. dbt reads OPENING_UP_DEV_DB,
OPENING_UP_DUCKDB_MEMORY_LIMIT and the two Spark settings itself (profiles/profiles.yml);
`child_environment` hands them on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_KEEP = 3


@dataclass(frozen=True)
class Settings:
    """What the environment says (module docstring), with every path absolute."""

    published_database: Path
    development_database: Path
    drop_folder: Path
    keep: int
    report_folder: Path
    duckdb_memory_limit: str
    spark_master: str
    spark_warehouse: Path
    bench_folder: Path | None
    dagster_dev: bool


def _project_path(value: str | None, default: str) -> Path:
    path = Path(value or default)
    return path if path.is_absolute() else PROJECT_ROOT / path


def keep_count(value: str | None) -> int:
    """OPENING_UP_KEEP_CANDIDATES as a number: default 3, at least 1; anything else is a ValueError."""
    value = str(DEFAULT_KEEP) if value is None else value
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"OPENING_UP_KEEP_CANDIDATES must be a whole number of at least 1, not {value!r}")
    return int(value)


def from_environment(environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings `environ` (the process's environment by default) gives; raises ValueError on a bad
    OPENING_UP_KEEP_CANDIDATES."""
    return Settings(
        published_database=_project_path(environ.get("OPENING_UP_DB"), "warehouse/opening_up.duckdb"),
        development_database=_project_path(environ.get("OPENING_UP_DEV_DB"), "warehouse/dev.duckdb"),
        drop_folder=_project_path(environ.get("OPENING_UP_YEARBOOKS"), "data/yearbooks"),
        keep=keep_count(environ.get("OPENING_UP_KEEP_CANDIDATES")),
        report_folder=_project_path(environ.get("OPENING_UP_REPORT_DIR"), "reports"),
        duckdb_memory_limit=environ.get("OPENING_UP_DUCKDB_MEMORY_LIMIT") or "80%",
        spark_master=environ.get("OPENING_UP_SPARK_MASTER") or "local[2]",
        spark_warehouse=_project_path(environ.get("OPENING_UP_SPARK_WAREHOUSE"), "warehouse/spark/"),
        bench_folder=_project_path(environ["OPENING_UP_BENCH_DIR"], "")
        if environ.get("OPENING_UP_BENCH_DIR")
        else None,
        dagster_dev=bool(environ.get("DAGSTER_IS_DEV_CLI")),
    )


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment of a child process (dbt, a server, a benchmark's build): this process's, with
    `overrides` set."""
    return {**os.environ, **overrides}
