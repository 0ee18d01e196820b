"""The Dagster code location (`make orchestrate`): definitions load, the drop-folder sensor fires on
content and only on content, materialising the dbt assets builds the warehouse, a refused file fails
the refresh run with the loader's message, and `make orchestrate` serves the location."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster_dbt import DbtCliResource

from opening_up.orchestration import (defs, drop_folder_sensor, monthly_refresh_schedule, opening_up_dbt_assets,
                                      yearbook_files,
                                      refresh_job)
from opening_up.orchestration.definitions import DBT_EXECUTABLE, dbt_project
from opening_up.parquet_export import parquet_link

from conftest import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "tests" / "yearbook_corpus"


def test_definitions_load_with_every_dbt_model_as_an_asset(manifest: dict) -> None:
    assert defs.resolve_job_def("refresh_job") is not None
    assert {sensor.name for sensor in defs.sensors} == {"drop_folder_sensor"}
    assert monthly_refresh_schedule.cron_schedule == "0 3 1 * *"
    keys = {key.path[-1] for key in defs.resolve_asset_graph().get_all_asset_keys()}
    models = {node["name"] for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    assert models <= keys
    result = subprocess.run([str(Path(DBT_EXECUTABLE).with_name("dagster")), "definitions", "validate",
                             "-m", "opening_up.orchestration"], capture_output=True, text=True, cwd=PROJECT_ROOT,
                            env={**os.environ, "DAGSTER_HOME": ""}, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def evaluate(cursor: str | None):
    context = dg.build_sensor_context(cursor=cursor)
    return drop_folder_sensor(context), context.cursor


def test_the_sensor_fires_on_new_or_changed_content_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    monkeypatch.setenv("OPENING_UP_YEARBOOKS", str(folder))
    result, cursor = evaluate(None)
    assert isinstance(result, dg.SkipReason)
    shutil.copy(CORPUS / "fullwidth_and_separators.csv", folder / "gdp.csv")
    result, cursor = evaluate(cursor)
    assert isinstance(result, dg.RunRequest)
    assert result.run_config == {"ops": {"write_audit_publish": {"config": {"drop_folder": str(folder)}}}}
    assert result.tags["opening_up/changed_files"] == "gdp.csv"
    first_key = result.run_key
    # Touched, same bytes: no run.
    os.utime(folder / "gdp.csv", (time.time() + 60, time.time() + 60))
    result, cursor = evaluate(cursor)
    assert isinstance(result, dg.SkipReason)
    # Changed bytes: a run with a new key.
    (folder / "gdp.csv").write_bytes((folder / "gdp.csv").read_bytes() + b"\n")
    result, cursor = evaluate(cursor)
    assert isinstance(result, dg.RunRequest) and result.run_key != first_key
    # A file that is not a yearbook (README, notes) is not watched.
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    assert isinstance(evaluate(cursor)[0], dg.SkipReason)
    assert json.loads(cursor) == {"gdp.csv": json.loads(cursor)["gdp.csv"]}


def test_materialising_the_assets_builds_the_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "opening_up.duckdb"
    monkeypatch.setenv("OPENING_UP_DB", str(database))
    # The loaded files and one mart that reads them (the merged panel's quarantine), with everything
    # between: the raw asset feeds dbt's source, dbt builds into $OPENING_UP_DB, the Parquet follows.
    # Only the tests whose every parent is selected (a relationships test to an unbuilt seed would fail).
    monkeypatch.setenv("DBT_INDIRECT_SELECTION", "cautious")
    selection = dg.AssetSelection.assets(yearbook_files) | dg.AssetSelection.keys(["marts", "rpt_quarantined_cells"]).upstream()
    result = dg.materialize([yearbook_files, opening_up_dbt_assets], selection=selection,
                            resources={"dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)})
    assert result.success
    materialized = {event.asset_key.path[-1] for event in result.get_asset_materialization_events()}
    assert {"yearbook_drop_folder", "yearbook_merged_panel", "stg_yearbook__merged_panel_observations",
            "rpt_quarantined_cells"} <= materialized
    with duckdb.connect(str(database), read_only=True) as connection:
        marts = connection.execute("select count(*) from information_schema.tables where table_schema = 'marts'")
        assert marts.fetchone()[0] == len(list(parquet_link(database).glob("*.parquet"))) >= 1
        quarantined = connection.execute("select count(*) from marts.rpt_quarantined_cells").fetchone()[0]
    assert quarantined > 0


def test_a_refused_file_fails_the_run_with_the_loaders_message(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(CORPUS / "header_shifted.csv", folder / "header_shifted.csv")
    database = tmp_path / "published" / "opening_up.duckdb"
    result = refresh_job.execute_in_process(
        run_config={"ops": {"write_audit_publish": {"config": {"drop_folder": str(folder), "db": str(database)}}}},
        raise_on_error=False)
    assert not result.success
    message = result.failure_data_for_node("write_audit_publish").error.message
    assert "header_shifted.csv, line 4, cell A: the header is shifted" in message
    assert not database.exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_orchestrate_serves_the_location_with_sensor_and_schedule_on(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(["make", "orchestrate", f"DAGSTER_PORT={port}", f"DAGSTER_HOME={tmp_path}"],
                               cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    query = ('{ repositoriesOrError { ... on RepositoryConnection { nodes { '
             'sensors { name sensorState { status } } schedules { name scheduleState { status } } } } } }')
    try:
        deadline = time.time() + 180
        while True:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", method="POST",
                                                 data=json.dumps({"query": query}).encode(),
                                                 headers={"content-type": "application/json"})
                with urllib.request.urlopen(request, timeout=10) as response:
                    nodes = json.loads(response.read())["data"]["repositoriesOrError"]["nodes"]
                break
            except (OSError, KeyError):
                assert time.time() < deadline and process.poll() is None, "dagster dev did not come up"
                time.sleep(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            # dagster dev can take longer than that to shut down on a busy machine.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
    states = {(item["name"], (item.get("sensorState") or item.get("scheduleState"))["status"])
              for node in nodes for item in node["sensors"] + node["schedules"]}
    assert states == {("drop_folder_sensor", "RUNNING"), ("monthly_refresh", "RUNNING")}
