"""The Dagster definitions: the raw tables of the loaded files (asset `yearbook_files/*`, the dbt
source of that name), the dbt assets (dagster-dbt reading target/manifest.json), the refresh job,
the drop-folder sensor and the monthly schedule.

The sensor fingerprints the drop folder by content (sha256 per yearbook file and manifest.csv) and
keeps the fingerprint as its cursor: a file added, changed or removed starts one refresh; a file
merely touched (same bytes) starts none.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from opening_up.dbt_runner import PROJECT_ROOT, published_database, run_dbt
from opening_up.ingest import FILE_SETS, ingest
from opening_up.loaders import YEARBOOK_SUFFIXES, drop_folder_path
from opening_up.parquet_export import file_hash, write_parquet
from opening_up.refresh import RefreshLocked, refresh

DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))

dbt_project = DbtProject(project_dir=PROJECT_ROOT, profiles_dir=PROJECT_ROOT / "profiles")


def ensure_manifest(project: DbtProject = dbt_project) -> Path:
    """`dbt parse` into the project's target/ when the manifest is missing or `dagster dev` runs
    (which is when models may have changed since the last build)."""
    if not project.manifest_path.exists() or os.environ.get("DAGSTER_IS_DEV_CLI"):
        result = run_dbt(published_database(), "parse", work=project.project_dir)
        if result.returncode != 0:
            raise RuntimeError(f"dbt parse failed:\n{result.stdout[-3000:]}")
    return project.manifest_path


@dg.multi_asset(
    specs=[dg.AssetSpec(["yearbook_files", file_set.table], description=f"raw.{file_set.table}")
           for file_set in FILE_SETS],
    description="The yearbook files into the warehouse's raw schema (opening_up.ingest), before dbt runs.")
def yearbook_files(context: dg.AssetExecutionContext):
    reports = ingest(published_database())
    for table, report in reports.items():
        yield dg.MaterializeResult(asset_key=["yearbook_files", table], metadata={"files": len(report.files)})


@dbt_assets(manifest=ensure_manifest())
def opening_up_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """`dbt build` of every model into $OPENING_UP_DB, then the marts as Parquet beside it."""
    yield from dbt.cli(["build"], context=context).stream()
    build_dir, manifest = write_parquet(published_database())
    context.log.info(f"parquet: {len(manifest['marts'])} marts -> {build_dir}")


class RefreshConfig(dg.Config):
    """The refresh's settings; empty means the environment's ($OPENING_UP_DB, $OPENING_UP_YEARBOOKS)."""

    db: str = ""
    drop_folder: str = ""
    great_expectations: bool = True


@dg.op
def write_audit_publish(context: dg.OpExecutionContext, config: RefreshConfig) -> dict:
    """opening_up.refresh.refresh; a refused candidate or a held lock fails the run with the reason."""
    try:
        report = refresh(config.db or None, config.drop_folder or None, validate=config.great_expectations,
                         log=context.log.info)
    except RefreshLocked as error:
        raise dg.Failure(description=str(error)) from None
    if not report["published_new"]:
        raise dg.Failure(description="NOT published: " + "; ".join(report["failures"]),
                         metadata={"report": str(Path(report["work"]) / "refresh_report.json")})
    context.log.info(f"published {report['published']} sha256 {report['hash_after']}")
    return report


@dg.job(description="Write-audit-publish refresh of the warehouse from the drop folder.")
def refresh_job():
    write_audit_publish()


def fingerprint(folder: Path) -> dict[str, str]:
    """{file name: sha256} of the yearbook files (and manifest.csv) of the drop folder."""
    if not folder.is_dir():
        return {}
    return {path.name: file_hash(path) for path in sorted(folder.iterdir())
            if path.is_file() and path.suffix.lower() in YEARBOOK_SUFFIXES}


@dg.sensor(job=refresh_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Starts the refresh when a yearbook file is added, changed (by content) or removed.")
def drop_folder_sensor(context: dg.SensorEvaluationContext):
    folder = drop_folder_path()
    current = fingerprint(folder)
    previous = json.loads(context.cursor) if context.cursor else {}
    changed = sorted(name for name in current.keys() | previous.keys() if current.get(name) != previous.get(name))
    context.update_cursor(json.dumps(current, sort_keys=True))
    if not changed:
        return dg.SkipReason(f"no yearbook file added, changed or removed in {folder}")
    run_key = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()
    return dg.RunRequest(run_key=run_key, tags={"opening_up/changed_files": ", ".join(changed)[:1000]},
                         run_config={"ops": {"write_audit_publish": {"config": {"drop_folder": str(folder)}}}})


monthly_refresh_schedule = dg.ScheduleDefinition(
    name="monthly_refresh", job=refresh_job, cron_schedule="0 3 1 * *", execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="The refresh at 03:00 (Beijing time) on the 1st of every month, whether or not files changed.")

defs = dg.Definitions(
    assets=[yearbook_files, opening_up_dbt_assets],
    jobs=[refresh_job],
    sensors=[drop_folder_sensor],
    schedules=[monthly_refresh_schedule],
    resources={"dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)},
)
