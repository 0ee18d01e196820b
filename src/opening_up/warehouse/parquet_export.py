"""The marts as Parquet for readers without DuckDB 2.0.

Every mart of the `marts` schema is written with DuckDB's built-in `COPY … (FORMAT parquet,
COMPRESSION zstd)` into a folder, with `_manifest.json` (per mart: its description, rows, columns with
their DuckDB types and descriptions, the file's sha256; for the build: its time, git commit and the
warehouse file's sha256). The
refresh writes the published build's Parquet into the build folder itself (opening_up.warehouse.publication:
`warehouse/parquet` follows `current`); `python -m opening_up parquet` writes any other DuckDB file's
marts (by default the development file's, into `warehouse/dev-parquet/`).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import duckdb

from opening_up.files import file_hash
from opening_up.settings import PROJECT_ROOT

MANIFEST = "_manifest.json"


def git_commit() -> tuple[str | None, bool]:
    """(HEAD's commit, whether the working tree differs from it); (None, False) outside a git checkout."""
    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    try:
        head = git("rev-parse", "HEAD")
    except FileNotFoundError:
        return None, False
    if head.returncode != 0:
        return None, False
    return head.stdout.strip(), bool(git("status", "--porcelain", "--untracked-files=no").stdout.strip())


def _text(comment: str | None) -> str | None:
    return comment.strip() or None if comment else None


def export_marts(database: Path, build_dir: Path, build_id: str) -> dict:
    """Write every mart of `database` as `<build_dir>/<mart>.parquet` and the manifest; return the
    manifest."""
    build_dir.mkdir(parents=True)
    commit, dirty = git_commit()
    marts = []
    with duckdb.connect(str(database), read_only=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by "
                "table_name"
            ).fetchall()
        ]
        for name in names:
            path = build_dir / f"{name}.parquet"
            connection.execute(
                f"copy (select * from marts.{name}) to '{path}' (format parquet, compression zstd)"
            )
            # Descriptions: the dbt docs, persisted as DuckDB comments (persist_docs in dbt_project.yml).
            columns = connection.execute(
                "select column_name, data_type, comment from duckdb_columns() "
                "where schema_name = 'marts' and table_name = ? order by column_index", [name]).fetchall()
            described = connection.execute("select comment from duckdb_tables() where schema_name = 'marts' "
                                           "and table_name = ?", [name]).fetchone()[0]
            rows = connection.execute(f"select count(*) from marts.{name}").fetchone()[0]
            marts.append({"mart": name, "file": path.name, "rows": rows, "description": _text(described),
                          "columns": [{"name": c, "type": t, "description": _text(d)} for c, t, d in columns],
                          "sha256": file_hash(path)})
    manifest = {
        "build_id": build_id,
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "git_commit": commit,
        "git_dirty": dirty,
        "duckdb_version": duckdb.__version__,
        "warehouse": database.name,
        "warehouse_sha256": file_hash(database),
        "marts": marts,
    }
    (build_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def write_parquet(database: Path, out: Path | None = None, build_id: str | None = None) -> tuple[Path, dict]:
    """Export the marts of `database` into `out` (default `<stem>-parquet/` beside it), replacing what
    was there only once the new folder is complete: (folder, manifest)."""
    build_id = build_id or dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    out = out or database.with_name(f"{database.stem}-parquet")
    staging = out.with_name(f".{out.name}.{build_id}")
    manifest = export_marts(database, staging, build_id)
    if out.exists():
        retired = out.with_name(f".{out.name}.{build_id}.old")
        out.rename(retired)
        staging.rename(out)
        shutil.rmtree(retired)
    else:
        staging.rename(out)
    return out, manifest
