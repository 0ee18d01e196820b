"""The project's settings, each read from its environment variable here and nowhere else; callers
pass them down as arguments (nothing in the package writes os.environ).

| variable | meaning | default |
|---|---|---|
| OPENING_UP_DB | the published warehouse readers open (a link into the current build) | warehouse/opening_up.duckdb |
| OPENING_UP_DEV_DB | the file a bare `dbt build` and `python -m opening_up ingest` write | warehouse/dev.duckdb |
| OPENING_UP_YEARBOOKS | the drop folder of yearbook files | data/yearbooks |
| OPENING_UP_KEEP_CANDIDATES | candidates and published builds kept besides the current one | 3 |
| OPENING_UP_REPORT_DIR | where `python -m opening_up report` writes | reports |

Relative paths are taken from the project root, as dbt resolves them. dbt reads OPENING_UP_DEV_DB and
OPENING_UP_DUCKDB_MEMORY_LIMIT itself (profiles/profiles.yml).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_KEEP = 3


def _project_path(variable: str, default: str) -> Path:
    path = Path(os.environ.get(variable) or default)
    return path if path.is_absolute() else PROJECT_ROOT / path


def published_database() -> Path:
    """The warehouse file readers use: $OPENING_UP_DB or warehouse/opening_up.duckdb."""
    return _project_path("OPENING_UP_DB", "warehouse/opening_up.duckdb")


def development_database() -> Path:
    """The file a bare `dbt build` writes (profiles/profiles.yml): $OPENING_UP_DEV_DB or warehouse/dev.duckdb."""
    return _project_path("OPENING_UP_DEV_DB", "warehouse/dev.duckdb")


def drop_folder() -> Path:
    """The yearbook drop folder: $OPENING_UP_YEARBOOKS or data/yearbooks/."""
    return _project_path("OPENING_UP_YEARBOOKS", "data/yearbooks")


def keep_count() -> int:
    """How many candidates and published builds to keep: $OPENING_UP_KEEP_CANDIDATES, default 3, at least 1."""
    value = os.environ.get("OPENING_UP_KEEP_CANDIDATES", str(DEFAULT_KEEP))
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"OPENING_UP_KEEP_CANDIDATES must be a whole number of at least 1, not {value!r}")
    return int(value)


def report_folder() -> Path:
    """Where the HTML report goes: $OPENING_UP_REPORT_DIR or reports/."""
    return _project_path("OPENING_UP_REPORT_DIR", "reports")
