"""The Spark session of the `spark` target, configured as profiles/profiles.yml configures dbt-spark's
(`method: session`): the same master, warehouse folder and Derby metastore, so the tables one writes
the other reads. The metastore is embedded Derby: one process at a time (dbt, then this)."""

from __future__ import annotations

import sys
from pathlib import Path

from pyspark.sql import SparkSession


def spark_session(master: str, warehouse: Path) -> SparkSession:
    """A Hive-enabled session on `master` whose tables and metastore live in `warehouse`
    (settings.spark_master, settings.spark_warehouse)."""
    folder = str(warehouse).rstrip("/") + "/"
    session = (
        SparkSession.builder.master(master)
        .appName("opening_up")
        .config("spark.sql.warehouse.dir", folder)
        .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                f"jdbc:derby:;databaseName={folder}metastore_db;create=true")
        .config("spark.sql.sources.default", "parquet")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .enableHiveSupport()
        .getOrCreate()
    )
    # pyspark takes the workers' Python from PYSPARK_PYTHON or `python3` on PATH, which may not see this
    # environment's packages; the functions it ships read the context's pythonExec, so set it there
    # rather than in os.environ. On a cluster the workers need the package installed (docs/scaling.md).
    session.sparkContext.pythonExec = sys.executable
    return session
