"""The Dagster definitions: the raw tables of the loaded files (assets `yearbook_files/*`, the dbt
source of that name) and the dbt models as assets, the refresh job, the drop-folder sensor and the
monthly schedule.

Nothing here writes the published warehouse but the refresh (opening_up.warehouse.refresh): materialising any
of the assets runs the whole write-audit-publish refresh (every model is rebuilt into a candidate,
tested, audited and published only if all passed), and fails with the refusal or the lock's reason.
The raw tables are written by the same refresh, so they are declared, not materialised alone.

The sensor fingerprints the drop folder by content (sha256 per yearbook file and manifest.csv) and
keeps the fingerprint as its cursor, starting from what the published warehouse last loaded (its
raw.yearbook_loads): a file added, changed or removed since starts one refresh (keyed by
the content and the time of the change, so that restoring an earlier state refreshes again); a file
merely touched (same bytes) starts none.
"""

import datetime as dt
import graphlib
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtProject, dbt_assets

from opening_up.files import file_hash
from opening_up.settings import PROJECT_ROOT, Settings, from_environment
from opening_up.warehouse.dbt_runner import changed_since, run_dbt
from opening_up.warehouse.ingest import RAW_TABLES
from opening_up.warehouse.refresh import RefreshLocked, RefreshReport, refresh
from opening_up.yearbooks.drop_folder import MANIFEST, YEARBOOK_SUFFIXES, is_sidecar

DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

# A target folder of Dagster's own: `make lint` (sqlfluff's dbt templater) and a data team's dbt write
# target/ itself, and a manifest read while another process writes it is torn.
SETTINGS = from_environment()

dbt_project = DbtProject(project_dir=PROJECT_ROOT, profiles_dir=PROJECT_ROOT / "profiles",
                         target_path=Path("target") / "dagster")


def _manifest_is_stale(project: DbtProject) -> bool:
    """True when the manifest is missing or older than a file of the project it is parsed from (a pull
    or an edit since the last parse: the assets would miss models)."""
    return not project.manifest_path.exists() or changed_since(project.manifest_path.stat().st_mtime,
                                                               project_dir=Path(project.project_dir))


def ensure_manifest(
    project: DbtProject = dbt_project,
    development_database: Path = SETTINGS.development_database,
    always: bool = SETTINGS.dagster_dev,
) -> Path:
    """`dbt parse` when the manifest is missing or stale, or `dagster dev` runs, into a folder of this
    process's, the manifest then renamed into place: several processes loading the definitions at once
    (the test workers) never read half a file."""
    if _manifest_is_stale(project) or always:
        work = project.manifest_path.parent / f".parse-{os.getpid()}"
        result = run_dbt(development_database, "parse", work=work)
        if result.returncode != 0:
            raise RuntimeError(f"dbt parse failed:\n{result.stdout[-3000:]}")
        os.replace(work / "target" / "manifest.json", project.manifest_path)
        shutil.rmtree(work, ignore_errors=True)
    return project.manifest_path


yearbook_files = [
    dg.AssetSpec(
        ["yearbook_files", table],
        group_name="yearbook_files",
        description=f"raw.{table}: the loaded files, written by the refresh's load step",
    )
    for table in RAW_TABLES
]


def run_refresh(log: Callable[[str], None], settings: Settings, db: str = "", drop_folder: str = "",
                validate: bool = True, refresher: Callable[..., RefreshReport] = refresh) -> RefreshReport:
    """The refresh of `db` from `drop_folder` (empty: the settings'), its refusal or held lock raised as
    a dg.Failure naming the reason."""
    try:
        report = refresher(Path(db) if db else settings.published_database,
                           Path(drop_folder) if drop_folder else settings.drop_folder,
                           validate=validate, log=log, keep=settings.keep)
    except RefreshLocked as error:
        raise dg.Failure(description=f"NOT started: {error}") from None
    if not report.published_new:
        raise dg.Failure(description="NOT published: " + "; ".join(report.failures),
                         metadata={"report": str(report.path)})
    log(f"published {report.published} sha256 {report.hash_after}")
    return report


class RefreshConfig(dg.Config):
    """The refresh's settings; empty means the environment's ($OPENING_UP_DB, $OPENING_UP_YEARBOOKS)."""

    db: str = ""
    drop_folder: str = ""
    great_expectations: bool = True


def in_dependency_order(keys, dependencies: dict) -> list:
    """`keys` with every asset after the assets it depends on (Dagster refuses a result yielded before
    its dependency's), ties by key so that the order is the same every run."""
    selected = set(keys)
    graph = {key: {d for d in dependencies.get(key, ()) if d in selected} for key in selected}
    sorter = graphlib.TopologicalSorter(graph)
    sorter.prepare()
    ordered = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        ordered += ready
        sorter.done(*ready)
    return ordered


@dbt_assets(manifest=ensure_manifest())
def opening_up_dbt_assets(context: dg.AssetExecutionContext, config: RefreshConfig,
                          refresher: dg.ResourceParam[Callable[..., RefreshReport]],
                          settings: dg.ResourceParam[Settings]):
    """Every dbt model, rebuilt and published by the refresh (a selection of some runs it too: the
    published warehouse is only ever replaced whole)."""
    report = run_refresh(context.log.info, settings, config.db, config.drop_folder, config.great_expectations,
                         refresher)
    for key in in_dependency_order(context.selected_asset_keys, context.assets_def.asset_deps):
        yield dg.MaterializeResult(asset_key=key, metadata={"build": str(report.build or ""),
                                                            "sha256": report.hash_after or ""})


@dg.op
def write_audit_publish(context: dg.OpExecutionContext, config: RefreshConfig,
                        refresher: dg.ResourceParam[Callable[..., RefreshReport]],
                        settings: dg.ResourceParam[Settings]) -> RefreshReport:
    """opening_up.warehouse.refresh.refresh; a refused candidate or a held lock fails the run with the
    reason."""
    return run_refresh(context.log.info, settings, config.db, config.drop_folder, config.great_expectations,
                       refresher)


@dg.job(description="Write-audit-publish refresh of the warehouse from the drop folder.")
def refresh_job():
    write_audit_publish()


def fingerprint(folder: Path) -> dict[str, str]:
    """{file name: sha256} of the yearbook files, their sidecars and manifest.csv of the drop folder."""
    if not folder.is_dir():
        return {}
    return {path.name: file_hash(path) for path in sorted(folder.iterdir())
            if path.is_file() and (path.suffix.lower() in YEARBOOK_SUFFIXES or path.name == MANIFEST
                                   or is_sidecar(path))}


def published_fingerprint(database: Path, folder: Path) -> dict[str, str]:
    """What the published warehouse last loaded from `folder` ({file name: sha256} of its files, their
    sidecars and manifest.csv, from raw.yearbook_loads): the sensor's starting point, so that files
    already published do not start a refresh when Dagster opens. Empty when nothing was published."""
    if not database.exists():
        return {}
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            row = connection.execute(
                "select files_sha256 from raw.yearbook_loads where table_name = 'yearbook_drop_folder' "
                "and location = ? order by loaded_at desc limit 1", [str(folder)]).fetchone()
    except duckdb.Error:
        return {}
    return json.loads(row[0]) if row else {}


@dg.sensor(job=refresh_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts the refresh when a yearbook file is added, changed (by content) or removed.")
def drop_folder_sensor(context: dg.SensorEvaluationContext, settings: dg.ResourceParam[Settings]):
    folder = settings.drop_folder
    current = fingerprint(folder)
    previous = (
        json.loads(context.cursor)
        if context.cursor
        else published_fingerprint(settings.published_database, folder)
    )
    changed = sorted(
        name for name in current.keys() | previous.keys() if current.get(name) != previous.get(name)
    )
    context.update_cursor(json.dumps(current, sort_keys=True))
    if not changed:
        return dg.SkipReason(f"no yearbook file added, changed or removed in {folder}")
    content = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()
    return dg.RunRequest(
        run_key=f"{content}-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%f}",
        tags={"opening_up/changed_files": ", ".join(changed)[:1000]},
        run_config={"ops": {"write_audit_publish": {"config": {"drop_folder": str(folder)}}}},
    )


monthly_refresh_schedule = dg.ScheduleDefinition(
    name="monthly_refresh",
    job=refresh_job,
    cron_schedule="0 3 1 * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="The refresh at 03:00 (Beijing time) on the 1st of every month, whether or not files "
                "changed.",
)

defs = dg.Definitions(
    assets=[*yearbook_files, opening_up_dbt_assets],
    jobs=[refresh_job],
    sensors=[drop_folder_sensor],
    schedules=[monthly_refresh_schedule],
    resources={"refresher": refresh, "settings": SETTINGS},
)
