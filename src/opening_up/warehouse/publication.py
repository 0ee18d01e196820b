"""The published warehouse on disk: immutable builds and one pointer, switched by one atomic rename.

For a published path `<dir>/<name>.duckdb` (settings.published_database()):

    <dir>/builds/<build id>/<name>.duckdb     a build's DuckDB file, never written once published
    <dir>/builds/<build id>/parquet/          its marts as Parquet; _manifest.json names the file's sha256
    <dir>/current -> builds/<build id>        the pointer: the one thing a publish changes
    <dir>/<name>.duckdb -> current/<name>.duckdb   what readers open
    <dir>/parquet -> current/parquet

A publish writes a whole build folder, then renames a new `current` link over the old one (atomic on
one file system), so a reader that resolves `current` once sees one whole build: the DuckDB file and
the Parquet of the same build, never a mix. A reader holding a build keeps it until retention deletes
that folder (the newest OPENING_UP_KEEP_CANDIDATES builds and the current one stay; an open file
outlives its deletion on Linux). Each build has its own path, so a DuckDB reader that connects to the
resolved path (`os.path.realpath`) after a publish opens the new file even in a process that still
holds a connection to the old one (docs/bi.md, "Reading during a refresh").
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

BUILDS = "builds"
CURRENT = "current"
PARQUET = "parquet"
LEGACY_PARQUET_BUILDS = "parquet-builds"


def builds_folder(published: Path) -> Path:
    return published.parent / BUILDS


def build_folder(published: Path, build_id: str) -> Path:
    return builds_folder(published) / build_id


def pointer(published: Path) -> Path:
    return published.parent / CURRENT


def parquet_link(published: Path) -> Path:
    """The Parquet path readers use: `parquet/` beside the published file."""
    return published.parent / PARQUET


def current_build(published: Path) -> Path | None:
    """The build folder `current` points at, None before the first publish."""
    link = pointer(published)
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def _atomic_link(link: Path, target: str) -> None:
    """Make `link` a symbolic link to `target` in one rename (a regular file there is replaced;
    readers holding it keep reading it)."""
    staging = link.with_name(f".{link.name}.{os.getpid()}.link")
    staging.unlink(missing_ok=True)
    staging.symlink_to(target)
    if link.is_dir() and not link.is_symlink():
        # A plain folder from an older layout: set it aside so the rename can replace it.
        link.rename(link.with_name(f"{link.name}-replaced-{os.getpid()}"))
    os.replace(staging, link)
    _sync_folder(link.parent)


def _sync_folder(folder: Path) -> None:
    """fsync a folder so that a rename in it survives a power cut."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def install_build(candidate: Path, published: Path, build_id: str) -> Path:
    """Move the (checkpointed) candidate file into its build folder; returns the build's DuckDB file.
    Nothing a reader follows points at the folder yet."""
    folder = build_folder(published, build_id)
    folder.mkdir(parents=True)
    database = folder / published.name
    os.rename(candidate, database)
    return database


def is_published_build(database: Path) -> bool:
    """Whether `database` (or what it links to) is the DuckDB file of a build folder."""
    return database.resolve().parent.parent.name == BUILDS


def reader_links_exist(published: Path) -> bool:
    return (published.is_symlink() and os.readlink(published) == os.path.join(CURRENT, published.name)
            and parquet_link(published).is_symlink()
            and os.readlink(parquet_link(published)) == os.path.join(CURRENT, PARQUET))


def make_reader_links(published: Path) -> None:
    """`<name>.duckdb` and `parquet` as links through `current` (once; later publishes leave them)."""
    if not reader_links_exist(published):
        _atomic_link(published, os.path.join(CURRENT, published.name))
        _atomic_link(parquet_link(published), os.path.join(CURRENT, PARQUET))


def switch_current(published: Path, build: Path) -> Path | None:
    """Point `current` at `build` in one atomic rename; returns the build it pointed at before."""
    before = current_build(published)
    _atomic_link(pointer(published), os.path.relpath(build, published.parent))
    return before


def readable_problem(database: Path) -> str | None:
    """None when `database` opens read-only and lists its marts; else what went wrong."""
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            marts = connection.execute(
                "select count(*) from information_schema.tables where table_schema = 'marts'").fetchone()[0]
    except (duckdb.Error, OSError) as error:
        return f"{database} does not open read-only: {str(error).splitlines()[0]}"
    return None if marts else f"{database} has no marts yet"


def orphan_builds(published: Path) -> list[Path]:
    """Build folders no publish ever switched to: newer than the current build (a refresh killed between
    installing its build and switching `current`, or one whose switch was rolled back), or every build
    when none is current. Called under the refresh's lock, before it installs a build of its own."""
    current = current_build(published)
    builds = [path for path in builds_folder(published).glob("*") if path.is_dir()]
    return sorted(build for build in builds if current is None or build.name > current.name)


def prune_builds(published: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` published build folders (orphan_builds are not counted: the
    refresh deletes them first), never the current one, and the Parquet builds of the older layout
    once nothing points into them. Returns what was deleted."""
    current = current_build(published)
    builds = sorted(
        (path for path in builds_folder(published).glob("*") if path.is_dir()), key=lambda p: p.name
    )
    removed = [build for build in builds[:-keep] if build.resolve() != current]
    legacy = published.parent / LEGACY_PARQUET_BUILDS
    if legacy.is_dir() and reader_links_exist(published):
        removed.append(legacy)
    for path in removed:
        shutil.rmtree(path)
    return removed
