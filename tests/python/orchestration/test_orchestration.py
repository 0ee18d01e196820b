"""The Dagster code location (`make orchestrate`): definitions load, the drop-folder sensor fires on
content and only on content, materialising the dbt assets runs the refresh (the only writer of the
published warehouse): a bad file fails it with the loader's message, a running refresh with the
lock's reason, a held reader keeps its build (`make orchestrate` itself: test_dagster_server.py)."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from conftest import PROJECT_ROOT, copy_build, publish_fast
from opening_up.files import file_hash
from opening_up.orchestration import (
    defs,
    drop_folder_sensor,
    monthly_refresh_schedule,
    opening_up_dbt_assets,
    yearbook_files,
)
from opening_up.orchestration.definitions import DBT_EXECUTABLE, _manifest_is_stale
from opening_up.settings import from_environment
from opening_up.warehouse.ingest import ingest
from opening_up.warehouse.refresh import refresh, refresh_lock

CORPUS = PROJECT_ROOT / "tests" / "yearbook_corpus"


def test_definitions_load_with_every_dbt_model_as_an_asset(manifest: dict) -> None:
    assert defs.resolve_job_def("refresh_job") is not None
    assert {sensor.name for sensor in defs.sensors} == {"drop_folder_sensor"}
    assert monthly_refresh_schedule.cron_schedule == "0 3 1 * *"
    keys = {key.path[-1] for key in defs.resolve_asset_graph().get_all_asset_keys()}
    models = {node["name"] for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    assert models <= keys
    result = subprocess.run(
        [
            str(Path(DBT_EXECUTABLE).with_name("dagster")),
            "definitions",
            "validate",
            "-m",
            "opening_up.orchestration",
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "DAGSTER_HOME": ""},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_manifest_older_than_a_model_is_parsed_again(tmp_path: Path) -> None:
    """After a pull or an edit, the definitions parse the project again instead of missing new models."""
    from types import SimpleNamespace

    (tmp_path / "models").mkdir()
    model = tmp_path / "models" / "new_model.sql"
    model.write_text("select 1 as one\n", encoding="utf-8")
    project = SimpleNamespace(project_dir=tmp_path, manifest_path=tmp_path / "target" / "manifest.json")
    assert _manifest_is_stale(project)
    project.manifest_path.parent.mkdir()
    project.manifest_path.write_text("{}", encoding="utf-8")
    os.utime(model, (time.time() - 60, time.time() - 60))
    assert not _manifest_is_stale(project)
    os.utime(model, None)
    os.utime(project.manifest_path, (time.time() - 30, time.time() - 30))
    assert _manifest_is_stale(project)


def evaluate(cursor: str | None, folder: Path, published: Path):
    """The sensor evaluated once with the settings a process started with OPENING_UP_YEARBOOKS=folder and
    OPENING_UP_DB=published would read."""
    settings = from_environment({"OPENING_UP_YEARBOOKS": str(folder), "OPENING_UP_DB": str(published)})
    context = dg.build_sensor_context(cursor=cursor, resources={"settings": settings})
    return drop_folder_sensor(context), context.cursor


def test_the_sensor_fires_on_new_or_changed_content_only(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    published = tmp_path / "nothing-published.duckdb"
    result, cursor = evaluate(None, folder, published)
    assert isinstance(result, dg.SkipReason)
    shutil.copy(CORPUS / "fullwidth_and_separators.csv", folder / "gdp.csv")
    result, cursor = evaluate(cursor, folder, published)
    assert isinstance(result, dg.RunRequest)
    assert result.run_config == {"ops": {"write_audit_publish": {"config": {"drop_folder": str(folder)}}}}
    assert result.tags["opening_up/changed_files"] == "gdp.csv"
    first_key = result.run_key
    # Touched, same bytes: no run.
    os.utime(folder / "gdp.csv", (time.time() + 60, time.time() + 60))
    result, cursor = evaluate(cursor, folder, published)
    assert isinstance(result, dg.SkipReason)
    # Changed bytes: a run with a new key.
    (folder / "gdp.csv").write_bytes((folder / "gdp.csv").read_bytes() + b"\n")
    result, cursor = evaluate(cursor, folder, published)
    assert isinstance(result, dg.RunRequest)
    assert result.run_key != first_key
    # A file that is not a yearbook (README, notes) is not watched.
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "notes.yml").write_text("x: 1\n", encoding="utf-8")
    assert isinstance(evaluate(cursor, folder, published)[0], dg.SkipReason)
    assert json.loads(cursor) == {"gdp.csv": json.loads(cursor)["gdp.csv"]}
    # A table's sidecar is read with the table: a new or changed one refreshes.
    (folder / "gdp.csv.yml").write_text("year: 2024\n", encoding="utf-8")
    result, cursor = evaluate(cursor, folder, published)
    assert isinstance(result, dg.RunRequest)
    assert "gdp.csv.yml" in json.loads(cursor)
    (folder / "gdp.csv.yml").unlink()
    result, cursor = evaluate(cursor, folder, published)
    assert isinstance(result, dg.RunRequest)
    # Removing a wrongly added file refreshes, and so does adding it back: keys by content and time.
    keys = {first_key, result.run_key}
    for change in ((folder / "gdp.csv").unlink, lambda: shutil.copy(CORPUS / "fullwidth_and_separators.csv",
                                                                     folder / "gdp.csv")):
        change()
        result, cursor = evaluate(cursor, folder, published)
        assert isinstance(result, dg.RunRequest)
        assert result.run_key not in keys
        keys.add(result.run_key)


def test_the_sensor_starts_from_what_the_published_warehouse_loaded(tmp_path: Path) -> None:
    """Dagster opening on a folder already published starts no refresh; a change since does."""
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(CORPUS / "fullwidth_and_separators.csv", folder / "gdp.csv")
    (folder / "manifest.csv").write_text("file,vintage\ngdp.csv,2024\n", encoding="utf-8")
    database = tmp_path / "published.duckdb"
    ingest(database, folder)
    result, cursor = evaluate(None, folder, database)
    assert isinstance(result, dg.SkipReason), result
    assert set(json.loads(cursor)) == {"gdp.csv", "manifest.csv"}
    (folder / "manifest.csv").write_text("file,vintage\ngdp.csv,2025\n", encoding="utf-8")
    result, _ = evaluate(None, folder, database)
    assert isinstance(result, dg.RunRequest)
    assert result.tags["opening_up/changed_files"] == "manifest.csv"


@pytest.fixture(scope="module")
def published(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("orchestration") / "published" / "opening_up.duckdb"
    publish_fast(db, built_warehouse)
    return db


MART = dg.AssetSelection.assets(dg.AssetKey(["marts", "rpt_quarantined_cells"]))


def materialise(db: Path, folder: Path, refresher=refresh) -> dg.ExecuteInProcessResult:
    """Materialise one mart in process, as the Dagster UI would (its config says where to publish)."""
    config = {"ops": {"opening_up_dbt_assets": {"config": {"db": str(db), "drop_folder": str(folder),
                                                           "great_expectations": False}}}}
    return dg.materialize([*yearbook_files, opening_up_dbt_assets], selection=MART, run_config=config,
                          resources={"refresher": refresher, "settings": from_environment()},
                          raise_on_error=False)


def test_materialising_every_asset_publishes_once_and_records_every_asset(
    published: Path, built_warehouse: Path, tmp_path: Path
) -> None:
    """"Materialize all" (every asset of the code location, in process as the UI runs it): one refresh
    publishes one build, and every dbt asset is recorded, each after the assets it depends on."""
    folder = tmp_path / "drop"
    folder.mkdir()
    calls: list[Path] = []

    def counted(*args, **kwargs):
        calls.append(args[0])
        return refresh(*args, dbt_step=copy_build(built_warehouse), **kwargs)

    builds_before = set((published.parent / "builds").iterdir())
    config = {"ops": {"opening_up_dbt_assets": {"config": {"db": str(published), "drop_folder": str(folder),
                                                           "great_expectations": False}}}}
    result = dg.materialize(
        [*yearbook_files, opening_up_dbt_assets],
        run_config=config,
        resources={"refresher": counted, "settings": from_environment()},
        raise_on_error=False,
    )
    assert result.success, [event.message for event in result.all_events if event.is_failure]
    recorded = [event.asset_key for event in result.get_asset_materialization_events()]
    assert set(recorded) == set(opening_up_dbt_assets.keys)
    assert len(recorded) == len(set(recorded))
    position = {key: n for n, key in enumerate(recorded)}
    for key, dependencies in opening_up_dbt_assets.asset_deps.items():
        assert all(position[key] > position[d] for d in dependencies if d in position), key
    assert len(calls) == 1
    assert len(set((published.parent / "builds").iterdir()) - builds_before) == 1


def test_materialising_an_asset_runs_the_refresh_beside_a_held_reader(published: Path, built_warehouse: Path,
                                                                      tmp_path: Path) -> None:
    """A materialisation publishes a new build through the refresh (the fast build stands in for dbt);
    a reader holding the published file keeps reading its build, and the new one opens read-only."""
    folder = tmp_path / "drop"
    folder.mkdir()
    reader = duckdb.connect(os.path.realpath(published), read_only=True)
    before = reader.execute("select count(*) from marts.dim_region").fetchone()[0]
    fast = functools.partial(refresh, dbt_step=copy_build(built_warehouse))
    result = materialise(published, folder, fast)
    assert result.success
    assert {event.asset_key.path[-1] for event in result.get_asset_materialization_events()} == {
        "rpt_quarantined_cells"
    }
    assert reader.execute("select count(*) from marts.dim_region").fetchone()[0] == before
    reader.close()
    with duckdb.connect(str(published), read_only=True) as connection:
        assert connection.execute("select count(*) from marts.dim_region").fetchone()[0] == before
    assert not list(published.parent.glob("*.wal"))


def test_a_bad_file_fails_the_materialisation_and_changes_nothing(published: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    for name in ("value_inf.csv", "gdp#2024.csv"):
        shutil.copy(CORPUS / name, folder / name)
    before = file_hash(published)
    result = materialise(published, folder)
    assert not result.success
    message = next(
        event for event in result.all_events if event.is_step_failure
    ).event_specific_data.error.message
    assert f"{folder / 'value_inf.csv'}, line 2, cell F: value 'inf'" in message
    assert file_hash(published) == before


def test_a_materialisation_during_a_refresh_fails_with_the_locks_reason(
    published: Path, tmp_path: Path
) -> None:
    before = file_hash(published)
    with refresh_lock(published):
        result = materialise(published, tmp_path)
    assert not result.success
    message = next(
        event for event in result.all_events if event.is_step_failure
    ).event_specific_data.error.message
    assert "NOT started: another refresh holds" in message
    assert f"pid {os.getpid()}" in message
    assert file_hash(published) == before


def test_a_refused_file_fails_the_run_with_the_loaders_message(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(CORPUS / "header_shifted.csv", folder / "header_shifted.csv")
    database = tmp_path / "published" / "opening_up.duckdb"
    result = defs.resolve_job_def("refresh_job").execute_in_process(
        run_config={
            "ops": {"write_audit_publish": {"config": {"drop_folder": str(folder), "db": str(database)}}}
        },
        raise_on_error=False,
    )
    assert not result.success
    message = result.failure_data_for_node("write_audit_publish").error.message
    assert "header_shifted.csv, line 4, cell A: the header is shifted" in message
    assert not database.exists()


