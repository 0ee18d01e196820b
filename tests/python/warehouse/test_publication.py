"""One atomic publish: a refresh killed at every step boundary leaves readers on one consistent build
(the DuckDB file and the Parquet of the same build, the manifest naming that file), the next refresh
recovers, and a reader in a process that holds the old build open sees the new one on reconnect."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, publish_fast
from opening_up.files import file_hash
from opening_up.warehouse import publication
from opening_up.warehouse.parquet_export import MANIFEST
from opening_up.warehouse.publication import parquet_link
from opening_up.warehouse.refresh import refresh

# The boundaries refresh(at_step=...) offers, in order (audited is skipped: validate=False).
STEPS = ["loaded", "built", "installed", "exported", "switched", "retained"]
KILLED_REFRESH = """
import os, shutil, signal, sys
from pathlib import Path
from opening_up.warehouse.refresh import refresh
db, folder, built, kill_at = sys.argv[1:5]
def build(candidate, work):
    shutil.copy(built, candidate)
    return []
def at_step(name):
    if name == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
refresh(Path(db), Path(folder), validate=False, log=lambda line: None, keep=2, dbt_step=build,
        at_step=at_step)
"""


def assert_one_consistent_build(db: Path) -> Path:
    """What a reader sees: `current` names a whole build whose Parquet manifest names its DuckDB file,
    and both reader links resolve into it. Returns the build folder."""
    build = publication.current_build(db)
    assert build is not None
    assert (build / db.name).is_file()
    assert Path(os.path.realpath(db)) == build / db.name
    assert Path(os.path.realpath(parquet_link(db))) == build / "parquet"
    manifest = json.loads((parquet_link(db) / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["build_id"] == build.name
    assert manifest["warehouse_sha256"] == file_hash(db)
    assert len(list(parquet_link(db).glob("*.parquet"))) == len(manifest["marts"]) > 30
    assert publication.readable_problem(db) is None
    return build


@pytest.fixture(scope="module")
def published(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("publication") / "published" / "opening_up.duckdb"
    publish_fast(db, built_warehouse)
    return db


def test_a_refresh_killed_at_every_step_leaves_readers_on_one_build(
    published: Path, built_warehouse: Path
) -> None:
    folder = published.parent.parent / "empty-drop"
    for step in STEPS:
        before = assert_one_consistent_build(published)
        killed = subprocess.run(
            [sys.executable, "-c", KILLED_REFRESH, str(published), str(folder), str(built_warehouse), step],
            cwd=PROJECT_ROOT,
            capture_output=True,
            timeout=300,
        )
        assert killed.returncode == -9, (step, killed.stderr[-2000:])
        after = assert_one_consistent_build(published)
        # Before the switch readers stay on the old build, from it on they are on the new one.
        switched = STEPS.index(step) >= STEPS.index("switched")
        assert (after != before) is switched, step
    # The lock died with the process; the next refresh publishes and retention clears what the kills left.
    report = publish_fast(published, built_warehouse, folder, keep=2)
    build = assert_one_consistent_build(published)
    assert Path(report.build) == build
    assert len(list(publication.builds_folder(published).iterdir())) <= 3
    assert not list(published.parent.glob(".*.link"))


def test_an_orphan_build_is_removed_by_the_next_refresh_and_never_counted(published: Path,
                                                                          built_warehouse: Path) -> None:
    """A refresh killed after its Parquet export, before the switch, leaves a whole build folder no reader
    was ever pointed at: the next refresh deletes it, and retention keeps the newest published builds
    (the orphan pushes none of them out)."""
    folder = published.parent.parent / "empty-drop"
    publish_fast(published, built_warehouse, folder, keep=5)
    previous = publication.current_build(published)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_REFRESH, str(published), str(folder), str(built_warehouse), "exported"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -9, killed.stderr[-2000:]
    orphans = publication.orphan_builds(published)
    assert len(orphans) == 1
    assert orphans[0].name > previous.name
    assert (orphans[0] / "parquet").is_dir()
    report = publish_fast(published, built_warehouse, folder, keep=2)
    assert not orphans[0].exists()
    assert str(orphans[0]) in report.removed
    assert sorted(publication.builds_folder(published).iterdir()) == [previous, Path(report.build)]
    assert_one_consistent_build(published)


def test_a_reconnect_opens_the_new_build_while_the_old_one_is_held(
    published: Path, built_warehouse: Path
) -> None:
    """docs/bi.md, "Reading during a refresh": a connection holds its build for as long as it is open; a
    new connection, through the link or its resolved path, opens the build published since, even in
    the process that holds the old one (each build has a path of its own)."""
    marker = "select count(*) from duckdb_tables() where table_name = 'test_marker'"
    through_link = duckdb.connect(str(published), read_only=True)
    held = duckdb.connect(os.path.realpath(published), read_only=True)
    rows = held.execute("select count(*) from marts.fct_yearbook_observations").fetchone()[0]

    def marked_build(candidate: Path, work: Path) -> list[str]:
        shutil.copy(built_warehouse, candidate)
        with duckdb.connect(str(candidate)) as connection:
            connection.execute("create table main.test_marker as select 1 as marker")
        return []
    report = refresh(published, published.parent.parent / "empty-drop", validate=False, log=lambda line: None,
                     dbt_step=marked_build)
    assert report.published_new, report.failures
    assert held.execute(marker).fetchone() == (0,)
    assert through_link.execute(marker).fetchone() == (0,)
    assert held.execute("select count(*) from marts.fct_yearbook_observations").fetchone()[0] == rows
    with duckdb.connect(str(published), read_only=True) as reconnected:
        assert reconnected.execute(marker).fetchone() == (1,)
    with duckdb.connect(os.path.realpath(published), read_only=True) as resolved:
        assert resolved.execute(marker).fetchone() == (1,)
    held.close()
    through_link.close()


def test_the_first_publish_replaces_a_warehouse_of_the_older_layout(
    built_warehouse: Path, tmp_path: Path
) -> None:
    """A warehouse from before builds (a plain file and parquet -> parquet-builds/<id>) becomes links;
    the older Parquet builds go once nothing points into them."""
    db = tmp_path / "published" / "opening_up.duckdb"
    db.parent.mkdir()
    shutil.copy(built_warehouse, db)
    (db.parent / "parquet-builds" / "20200101T000000000000").mkdir(parents=True)
    parquet_link(db).symlink_to(Path("parquet-builds") / "20200101T000000000000")
    publish_fast(db, built_warehouse)
    assert db.is_symlink()
    assert parquet_link(db).is_symlink()
    assert_one_consistent_build(db)
    assert not (db.parent / "parquet-builds").exists()
