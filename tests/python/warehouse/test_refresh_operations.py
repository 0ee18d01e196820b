"""The refresh as an operation: exit codes, one refresh at a time, retention of old candidates and
Parquet builds, a quiet log of one line per step, and the Parquet published with the file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import OLD_STAMPS, plant_old_candidates
from opening_up.warehouse import publication
from opening_up.warehouse.publication import parquet_link
from opening_up.warehouse.refresh import apply_retention, refresh_lock

PROJECT = Path(__file__).resolve().parents[3]
STEP = re.compile(r"^(load|build|audit|publish) +\d+\.\d s  \S")


@pytest.fixture(scope="module")
def two_refreshes(first_refresh: dict) -> dict:
    """Two refreshes started together on the same warehouse (conftest.first_refresh): one runs (with the
    GE audit), the other is refused the lock."""
    return first_refresh


def test_the_second_refresh_exits_3_at_once_and_changes_nothing(two_refreshes: dict) -> None:
    code, out = two_refreshes["second"]
    assert code == 3, out
    assert "NOT started: another refresh holds" in out
    assert "nothing changed" in out
    # It did not wait for the lock: it ended while the first refresh was still running (a measure that
    # load cannot break, unlike a number of seconds; it took two_refreshes["second_seconds"]).
    assert two_refreshes["first_running_when_second_ended"], two_refreshes["second_seconds"]
    # Nothing of the second's: what changed meanwhile is the running first refresh's candidate.
    before, during = set(two_refreshes["before"]), set(two_refreshes["during"])
    assert before <= during
    assert all(name.startswith(two_refreshes["first_candidate"]) for name in during - before), during - before


def test_the_first_publishes_with_a_quiet_log_ending_in_the_real_share(two_refreshes: dict) -> None:
    """Each step's line with what it skipped, noted or warned under it; then the report (beside the
    published build), the published file and its hash, and last the real share the README promises."""
    code, out, err = two_refreshes["first"]
    assert code == 0, out + err
    lines = out.strip().splitlines()
    steps = [line.split()[0] for line in lines if STEP.match(line)]
    assert steps == ["load", "build", "audit", "publish"]
    assert re.search(r"build .*pass=\d+ .*success=\d+", out)
    assert "Great Expectations: 0 failed" in out
    assert lines[-1].startswith("real share of the analytic marts' inputs: ")
    assert lines[-1].endswith(": `python -m opening_up needs` (marts.rpt_data_needs)")
    assert re.fullmatch(rf"published {re.escape(str(two_refreshes['db']))} sha256 [0-9a-f]{{64}}", lines[-2])
    report = Path(lines[-3].removeprefix("report: "))
    assert report.parent.parent.name == "builds"
    assert report.name == "refresh_report.json"
    assert report.is_file()
    # What the load skipped, under the load line; the build's warnings explained under the build line.
    load, build = (
        next(i for i, line in enumerate(lines) if line.startswith(step)) for step in ("load", "build")
    )
    assert lines[load + 1] == "  skipped manifest.csv: the manifest of vintages", lines
    assert re.fullmatch(r"  warn=\d+: \d+ the papers' own inconsistencies .*marts\.rpt_published_checks.*",
                        lines[build + 1]), lines[build + 1]
    assert any(
        line.startswith(
            "  warn: assert_no_jumps_in_real_series (tests/marts/yearbook/assert_no_jumps_in_real_series"
            ".sql): Real series that jump"
        )
        for line in lines[build + 1 :]
    ), out
    # Steps, report, real share, published; the indented lines list what the load left out or read.
    assert len([line for line in lines if not line.startswith("  ")]) <= 8, out
    chatter = out + err
    assert "Calculating Metrics" not in chatter
    assert "%|" not in chatter
    assert "\r" not in chatter


def test_retention_keeps_the_newest_candidates_and_parquet_builds(two_refreshes: dict) -> None:
    # As the first refresh left the folder (later tests publish more).
    kept = sorted(name for name in two_refreshes["after"] if name.startswith("opening_up.candidate-"))
    newest = [name for name in kept if name.startswith("opening_up.candidate-2026")]
    # OPENING_UP_KEEP_CANDIDATES=2: the new candidate and the newest old one (refused: file and folder).
    assert kept == sorted(
        [f"opening_up.candidate-{OLD_STAMPS[-1]}.d", f"opening_up.candidate-{OLD_STAMPS[-1]}.duckdb", *newest]
    )
    assert len(newest) == 1
    builds = two_refreshes["builds_after"]
    assert builds == [OLD_STAMPS[-1], newest[0].removeprefix("opening_up.candidate-").removesuffix(".d")]


def test_the_parquet_is_published_with_the_file(two_refreshes: dict) -> None:
    """As the refresh published them: the manifest names the file's hash, and DuckDB 1.x reads from the
    Parquet what DuckDB 2.0 reads from the file."""
    parquet = two_refreshes["parquet"]
    assert parquet["manifest"]["warehouse_sha256"] == parquet["file_sha256"]
    assert parquet["read_by_duckdb1"] == parquet["warehouse"]

def test_usage_errors_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "opening_up.duckdb"
    for args, env in ((["--drop-folder", str(tmp_path / "missing")], {}), (["--no-such-option"], {}),
                      ([], {"OPENING_UP_KEEP_CANDIDATES": "zero"})):
        result = subprocess.run(
            [sys.executable, "-m", "opening_up", "refresh", "--db", str(db), *args],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            timeout=900,
        )
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "usage:" in result.stderr
    assert list(tmp_path.iterdir()) == []
    result = subprocess.run(
        [sys.executable, "-m", "opening_up", "frobnicate"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_a_refusal_exits_1_with_the_report_path(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "empty.csv").write_text("", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "opening_up",
            "refresh",
            "--db",
            str(tmp_path / "w.duckdb"),
            "--drop-folder",
            str(folder),
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    report = Path(re.search(r"^report: (\S+)$", result.stdout, re.M).group(1))
    assert json.loads(report.read_text(encoding="utf-8"))["failures"][0].startswith("load: ")


def make_refresh(db: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "refresh"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env={**os.environ, "OPENING_UP_DB": str(db), "OPENING_UP_YEARBOOKS": str(folder)},
        timeout=300,
    )


def test_make_refresh_names_the_refresh_exit_code(tmp_path: Path) -> None:
    """make exits 2 on any failure (docs/refresh.md): the refresh's own code is on the last line."""
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "empty.csv").write_text("", encoding="utf-8")
    db = tmp_path / "published" / "opening_up.duckdb"
    refused = make_refresh(db, folder)
    assert refused.returncode == 2
    assert refused.stdout.splitlines()[-1] == ("make refresh: python -m opening_up refresh exited 1 "
                                               "(1 refused, 2 usage error, 3 locked); make exits 2")
    with refresh_lock(db):
        locked = make_refresh(db, folder)
    assert locked.returncode == 2
    assert "NOT started" in locked.stdout
    assert "python -m opening_up refresh exited 3 " in locked.stdout.splitlines()[-1]


def test_a_held_lock_refuses_a_refresh_started_in_process(tmp_path: Path) -> None:
    from opening_up.warehouse.refresh import RefreshLocked, refresh

    db = tmp_path / "opening_up.duckdb"
    with refresh_lock(db):
        with pytest.raises(RefreshLocked, match=f"pid {os.getpid()}"):
            refresh(db, tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == [".opening_up.duckdb.lock"]


def test_retention_never_deletes_the_current_build(tmp_path: Path) -> None:
    db = tmp_path / "opening_up.duckdb"
    plant_old_candidates(tmp_path)
    publication.switch_current(db, tmp_path / "builds" / OLD_STAMPS[0])
    publication.make_reader_links(db)
    removed = apply_retention(db, keep=1)
    assert (tmp_path / "builds" / OLD_STAMPS[0]).exists()
    assert parquet_link(db).resolve().exists()
    assert sorted(path.name for path in (tmp_path / "builds").iterdir()) == [OLD_STAMPS[0], OLD_STAMPS[-1]]
    assert {path.name for path in removed} >= {f"opening_up.candidate-{OLD_STAMPS[0]}.d", OLD_STAMPS[1]}
