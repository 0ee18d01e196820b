"""Shared fixtures: the project root, a dbt runner, and one warehouse built once per session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from opening_up.settings import PROJECT_ROOT, from_environment
from opening_up.warehouse import dbt_runner
from opening_up.warehouse.build import build

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SHARED = PROJECT_ROOT.parent / "shared"
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "target", "logs", "warehouse", "__pycache__", "*.duckdb*"
)


def skip_unless_ci(reason: str) -> None:
    """Skip on a developer's machine; under CI=true, which provides ../shared and the browser, fail."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI=true: .ci/run provides it, so its absence is a failure)")
    pytest.skip(reason)


def require_shared(relative: str) -> Path:
    """../shared/<relative>; skips a test without it, but fails under CI=true."""
    path = SHARED / relative
    if not path.exists():
        skip_unless_ci(f"../shared/{relative} is not beside the project")
    return path


def run_dbt(project_dir: Path, database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run dbt in project_dir against the DuckDB file `database`; output is captured, never raised."""
    return dbt_runner.run_dbt(database, *args, project_dir=project_dir)


# `make test` runs pytest in two processes (pytest-xdist, --dist loadfile: a module's tests stay in
# one process); what several modules need (the built warehouse, the first refresh) is made once for
# both, under a file lock, in the run's shared temporary folder.


@pytest.fixture(scope="session")
def shared_tmp(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A temporary folder shared by the xdist workers of this run (the session's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if worker_id != "master" else base


@pytest.fixture(scope="session")
def built_warehouse(shared_tmp: Path) -> Path:
    """`make build`'s load and `dbt build` of the shipped project in a temporary DuckDB file, once per
    test run: the first process to need it makes it, the other waits and reads it. Made by copying the
    build `make build` published when that is this build (make_build_output), else built."""
    from filelock import FileLock

    folder = shared_tmp / "warehouse"
    database = folder / "opening_up.duckdb"
    with FileLock(str(shared_tmp / "warehouse.lock")):
        if not (folder / ".built").exists():
            (folder / "drop").mkdir(parents=True, exist_ok=True)
            made = make_build_output()
            if made:
                shutil.copy(made[0], database)
                shutil.copytree(made[1], folder / "target")
            else:
                result = build(database, folder / "drop", folder)
                assert not result.failures, "\n".join(result.failures)
            (folder / ".built").write_text(
                f"{'copied from ' + str(made[0]) if made else 'built'}\n", encoding="utf-8"
            )
    return database


def make_build_output() -> tuple[Path, Path] | None:
    """The warehouse `make build` published (its DuckDB file and its dbt target: manifest, results, parse
    state), when it is the build the session would make itself: the shipped files only (an empty drop
    folder), every dbt node passed or warned, published after the last change to a file it is built from. The
    session then tests that file (`make test` after `make build`, as the README and CI run them)
    instead of building the same again; otherwise None, and built_warehouse builds."""
    from opening_up.warehouse.publication import current_build

    published = from_environment().published_database
    current = current_build(published)
    if current is None or not (current / published.name).is_file():
        return None
    database = current / published.name
    target = published.with_name(f"{published.stem}.candidate-{current.name}.d") / "target"
    if not all(
        (target / name).is_file() for name in ("manifest.json", "run_results.json", "partial_parse.msgpack")
    ):
        return None
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    if not results or any(result["status"] not in ("success", "pass", "warn", "no-op") for result in results):
        return None
    # Besides what dbt reads, the package (the Python models call it) and the shipped data.
    if dbt_runner.changed_since(database.stat().st_mtime, (*dbt_runner.DBT_INPUTS, "src", "data")):
        return None
    with duckdb.connect(str(database), read_only=True) as connection:
        dropped = connection.execute("select count(*) from raw.yearbook_drop_folder").fetchone()[0]
    return (database, target) if dropped == 0 else None


@pytest.fixture(scope="session")
def manifest(built_warehouse: Path) -> dict:
    """The manifest that the build of `built_warehouse` wrote (models, tests, exposures)."""
    return json.loads((built_warehouse.parent / "target" / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def empluk() -> pd.DataFrame:
    """Arellano and Bond's EmplUK (tests/fixtures/EmplUK.csv, from R plm) with the logs the GMM tests use:
    n = log(emp), w = log(wage), k = log(capital), ys = log(output). Tests derive copies (`assign`)."""
    data = pd.read_csv(FIXTURES / "EmplUK.csv")
    return data.assign(
        n=np.log(data.emp), w=np.log(data.wage), k=np.log(data.capital), ys=np.log(data.output)
    )


def stored_output(name: str) -> dict[str, dict[str, list[str]]]:
    """{section: {label: values}} of a reference program's stored output in tests/fixtures (lines
    `## <section> …` open a section; every other line is `<label> <value> …`, one label per section)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].split()[0], {})
        elif line.strip():
            label, *values = line.split()
            assert label not in current, f"{name}: {label!r} twice in one section"
            current[label] = values
    return sections


def numbers(values: list[str]) -> list[float]:
    """The values of a stored_output line as numbers."""
    return [float(value) for value in values]


def stored_numbers(name: str) -> dict[str, dict[str, list[float]]]:
    """stored_output of a file whose every value is a number."""
    return {section: {label: numbers(values) for label, values in lines.items()}
            for section, lines in stored_output(name).items()}


def random_similarity(n: int, seed: int) -> np.ndarray:
    """A random fuzzy similarity matrix (symmetric, unit diagonal, entries on a 0.001 grid)."""
    values = np.random.default_rng(seed).uniform(size=(n, n)).round(3)
    matrix = np.maximum(values, values.T)
    np.fill_diagonal(matrix, 1.0)
    return matrix


@pytest.fixture
def warehouse(built_warehouse: Path):
    """A read-only connection to the built warehouse, as a BI tool would open it."""
    connection = duckdb.connect(str(built_warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of the project whose seeds a test may break."""
    target = tmp_path / "project"
    shutil.copytree(PROJECT_ROOT, target, ignore=COPY_IGNORE)
    return target


@pytest.fixture
def copied_warehouse(project_copy: Path, built_warehouse: Path) -> Path:
    """The session's built warehouse copied into project_copy (as warehouse.duckdb), so a test rebuilds
    only the models it changes instead of the whole project."""
    database = project_copy / "warehouse.duckdb"
    shutil.copy(built_warehouse, database)
    return database


def copy_build(built: Path):
    """A stand-in for the refresh's `dbt build` step: the session's built warehouse copied over the
    candidate (seconds instead of a full build), for tests of what the refresh does around dbt."""
    def build(candidate: Path, work: Path) -> list[str]:
        shutil.copy(built, candidate)
        return []
    return build


def partial_build(base: Path, folder: Path, *select: str):
    """A refresh's dbt step that rebuilds only the models a test looks at: `base` (a built warehouse)
    copied over the candidate, the files loaded again as the load step loaded them, then `dbt build`
    (models and their tests) of `select`. The session's one full refresh is first_refresh."""
    def dbt_step(candidate: Path, work: Path) -> list[str]:
        shutil.copy(base, candidate)
        return build(candidate, folder, work, "--select", *select).failures
    return dbt_step


def publish_fast(db: Path, built: Path, folder: Path | None = None, **options) -> dict:
    """A refresh of `db` whose build step is copy_build: a published warehouse in a few seconds."""
    from opening_up.warehouse.refresh import refresh

    folder = folder or db.parent.parent / "empty-drop"
    folder.mkdir(parents=True, exist_ok=True)
    report = refresh(db, folder, validate=False, log=lambda line: None, dbt_step=copy_build(built), **options)
    assert report.published_new, report.failures
    return report


# The session's one full refresh ---------------------------------------------------------------

OLD_STAMPS = ["20200101T000000000000", "20200102T000000000000", "20200103T000000000000"]


def start_refresh(db: Path, folder: Path, *extra: str, keep: str = "2") -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "opening_up",
            "refresh",
            "--db",
            str(db),
            "--drop-folder",
            str(folder),
            *extra,
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OPENING_UP_KEEP_CANDIDATES": keep},
    )


def plant_old_candidates(root: Path) -> None:
    """Three older candidates (one refused: its file is still there) and three older published builds,
    `current` pointing at the newest (a build no `current` ever pointed at is an orphan, which the next
    refresh deletes: publication.orphan_builds)."""
    for stamp in OLD_STAMPS:
        (root / f"opening_up.candidate-{stamp}.d").mkdir()
        (root / f"opening_up.candidate-{stamp}.d" / "refresh_report.json").write_text("{}", encoding="utf-8")
        (root / "builds" / stamp / "parquet").mkdir(parents=True)
    (root / f"opening_up.candidate-{OLD_STAMPS[-1]}.duckdb").write_bytes(b"refused")
    (root / "current").symlink_to(Path("builds") / OLD_STAMPS[-1])


@pytest.fixture(scope="session")
def first_refresh(shared_tmp: Path) -> dict:
    """The seven shipped exports dropped in with their vintage (2025) and refreshed, with the GE audit,
    into a new published warehouse beside three older candidates, while a second refresh started
    meanwhile is refused the lock: what test_refresh.py and test_refresh_operations.py start from.
    Made once per run (the other test process reads its record); the record keeps the folder and the
    Parquet as the refresh left them, since test_refresh.py publishes again afterwards."""
    from filelock import FileLock

    record = shared_tmp / "first_refresh.json"
    with FileLock(str(shared_tmp / "first_refresh.lock")):
        if not record.exists():
            record.write_text(json.dumps(_run_first_refresh(shared_tmp / "refresh")), encoding="utf-8")
    result = json.loads(record.read_text(encoding="utf-8"))
    return result | {"db": Path(result["db"]), "folder": Path(result["folder"])}


def _run_first_refresh(root: Path) -> dict:
    from opening_up.files import file_hash
    from opening_up.warehouse.publication import parquet_link
    from opening_up.yearbooks.drop_folder import SHIPPED_EXPORTS_DIR
    from parquet_readers import read_with_duckdb1, warehouse_checksums

    folder = root / "drop"
    folder.mkdir(parents=True)
    exports = sorted(SHIPPED_EXPORTS_DIR.glob("分省年度数据*.csv"))
    for export in exports:
        shutil.copy(export, folder / export.name)
    (folder / "manifest.csv").write_text(
        "file,vintage\n" + "\n".join(f"{p.name},2025" for p in exports) + "\n", encoding="utf-8"
    )
    published = root / "published"
    published.mkdir()
    plant_old_candidates(published)
    db = published / "opening_up.duckdb"
    first = start_refresh(db, folder)
    # Waits on the first refresh's own signal (its candidate folder), however slow the machine.
    while not list(published.glob("opening_up.candidate-2026*.d")) and first.poll() is None:
        time.sleep(0.05)
    first_candidate = list(published.glob("opening_up.candidate-2026*.d"))[0].name.removesuffix(".d")
    before = sorted(path.name for path in published.iterdir())
    started = time.perf_counter()
    second = start_refresh(db, folder)
    second_out, _ = second.communicate(timeout=900)
    second_seconds = time.perf_counter() - started
    # Refused at once means: done while the first still holds the lock, not after it.
    first_running = first.poll() is None
    during = sorted(path.name for path in published.iterdir())
    first_out, first_err = first.communicate(timeout=900)
    link = parquet_link(db)
    parquet = {}
    if first.returncode == 0:
        read = read_with_duckdb1(sorted(link.glob("*.parquet")))
        parquet = {"manifest": json.loads((link / "_manifest.json").read_text(encoding="utf-8")),
                   "file_sha256": file_hash(db),
                   "read_by_duckdb1": {Path(path).stem: [entry["rows"], entry["sha256"]]
                                       for path, entry in read["files"].items()},
                   "warehouse": {mart: list(value) for mart, value in warehouse_checksums(db).items()}}
    return {"db": str(db), "folder": str(folder), "first": [first.returncode, first_out, first_err],
            "second": [second.returncode, second_out], "second_seconds": second_seconds,
            "first_running_when_second_ended": first_running, "before": before,
            "during": during, "first_candidate": first_candidate,
            "after": sorted(path.name for path in published.iterdir()),
            "builds_after": sorted(path.name for path in (published / "builds").iterdir()),
            "parquet": parquet}
