"""The marts as Parquet for readers without DuckDB 2.0 (`python -m opening_up parquet`, `make build`).

Every mart of the `marts` schema is written with DuckDB's built-in `COPY … (FORMAT parquet,
COMPRESSION zstd)` into a build folder `<warehouse dir>/parquet-builds/<build id>/`, with
`_manifest.json` (per mart: rows, columns with their DuckDB types, the file's sha256; for the build:
its time, git commit and the warehouse file's sha256). `<warehouse dir>/parquet` is a symbolic link to
the current build folder, replaced atomically (os.replace of a new link), so a reader sees one whole
build or the previous one, and a reader of the previous files keeps reading them until retention
deletes that folder (the last OPENING_UP_KEEP_CANDIDATES builds stay).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import duckdb

from opening_up.dbt_runner import PROJECT_ROOT, published_database

MANIFEST = "_manifest.json"
DEFAULT_KEEP = 3


def file_hash(path: Path) -> str | None:
    """SHA-256 of a file, None when it does not exist."""
    if not path.exists():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def keep_count() -> int:
    """How many candidate and Parquet builds to keep: $OPENING_UP_KEEP_CANDIDATES, default 3, at least 1."""
    value = os.environ.get("OPENING_UP_KEEP_CANDIDATES", str(DEFAULT_KEEP))
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"OPENING_UP_KEEP_CANDIDATES must be a whole number of at least 1, not {value!r}")
    return int(value)


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


def parquet_link(database: Path) -> Path:
    """The path readers use: `parquet/` beside the warehouse file."""
    return database.parent / "parquet"


def export_marts(database: Path, build_dir: Path, build_id: str) -> dict:
    """Write every mart of `database` as `<build_dir>/<mart>.parquet` and the manifest; return the manifest."""
    build_dir.mkdir(parents=True)
    commit, dirty = git_commit()
    marts = []
    with duckdb.connect(str(database), read_only=True) as connection:
        names = [row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
        ).fetchall()]
        for name in names:
            path = build_dir / f"{name}.parquet"
            connection.execute(f"copy (select * from marts.{name}) to '{path}' (format parquet, compression zstd)")
            columns = connection.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'marts' and table_name = ? order by ordinal_position", [name]).fetchall()
            rows = connection.execute(f"select count(*) from marts.{name}").fetchone()[0]
            marts.append({"mart": name, "file": path.name, "rows": rows,
                          "columns": [{"name": c, "type": t} for c, t in columns], "sha256": file_hash(path)})
    manifest = {"build_id": build_id, "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "git_commit": commit, "git_dirty": dirty, "duckdb_version": duckdb.__version__,
                "warehouse": database.name, "warehouse_sha256": file_hash(database), "marts": marts}
    (build_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


def publish_parquet(build_dir: Path, link: Path) -> None:
    """Point `link` at `build_dir` atomically (a new relative link renamed over the old one)."""
    if link.exists() and not link.is_symlink():
        # A plain folder from before builds were kept apart: set it aside so the rename can replace it.
        link.rename(link.with_name(f"{link.name}-replaced-{time.strftime('%Y%m%dT%H%M%S')}"))
    staging = link.with_name(f".{link.name}.{build_dir.name}.link")
    staging.unlink(missing_ok=True)
    staging.symlink_to(os.path.relpath(build_dir, link.parent), target_is_directory=True)
    os.replace(staging, link)


def prune_parquet_builds(link: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` build folders beside `link`, never the one it points at."""
    builds = sorted((link.parent / "parquet-builds").glob("*"), key=lambda path: path.name)
    current = link.resolve() if link.is_symlink() else None
    removed = [build for build in builds[:-keep] if build.resolve() != current]
    for build in removed:
        shutil.rmtree(build)
    return removed


def write_parquet(database: Path, build_id: str | None = None) -> tuple[Path, dict]:
    """Export the marts of `database` into a new build folder and publish it: (folder, manifest)."""
    build_id = build_id or dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    link = parquet_link(database)
    build_dir = link.parent / "parquet-builds" / build_id
    manifest = export_marts(database, build_dir, build_id)
    publish_parquet(build_dir, link)
    prune_parquet_builds(link, keep_count())
    return build_dir, manifest


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m opening_up parquet", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="built DuckDB file (default $OPENING_UP_DB)")
    args = parser.parse_args(argv)
    database = args.db or published_database()
    if not database.exists():
        parser.error(f"no warehouse at {database}: run `make build` first")
    started = time.perf_counter()
    _, manifest = write_parquet(database)
    rows = sum(mart["rows"] for mart in manifest["marts"])
    print(f"parquet: {len(manifest['marts'])} marts, {rows:,} rows -> {parquet_link(database)} "
          f"({time.perf_counter() - started:.1f} s)")
    return 0
