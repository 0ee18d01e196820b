"""Files into the warehouse's `raw` schema, before dbt runs (`python -m opening_up ingest`).

One table per loaded file set, rows as printed with their provenance (file, sheet, line, cell,
vintage, file time) and the load's time; `raw.yearbook_loads` gets one row per file set and load
(files with their sha256, rows, time). dbt declares them as the source `yearbook_files`
(models/staging/yearbook/_yearbook__sources.yml), whose freshness is the time of the last load.
`make build`, the refresh (into its candidate file) and the Dagster asset `yearbook_files` call
`ingest` before `dbt build`; a bare `dbt build` reads what the last ingest wrote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from opening_up.loaders import (RAW_COLUMNS, SHIPPED_EXPORTS_DIR, LoadReport, drop_folder_path, load_drop_folder,
                                load_shipped_exports)
from opening_up.merged_panel import MERGED_PANEL_FILE, load_merged_panel

RAW_SCHEMA = "raw"
LOADS_TABLE = "yearbook_loads"
RAW_TYPES = {
    "source_file": "varchar", "source_sheet": "varchar", "source_row": "bigint", "source_cell": "varchar",
    "source_format": "varchar", "entity_location": "varchar", "indicator_location": "varchar",
    "unit_location": "varchar", "entity_type": "varchar", "entity_name": "varchar", "year": "bigint",
    "indicator_name": "varchar", "unit": "varchar", "value": "varchar", "vintage": "bigint", "source": "varchar",
    "is_sample": "boolean", "note": "varchar", "file_modified_at": "timestamp",
}
assert list(RAW_TYPES) == RAW_COLUMNS


@dataclass(frozen=True)
class FileSet:
    """A set of files loaded into one raw table: where they are read from and by which loader."""

    table: str
    location: Callable[[], Path]
    load: Callable[[], tuple[pd.DataFrame, LoadReport]]


def _merged_panel() -> tuple[pd.DataFrame, LoadReport]:
    return load_merged_panel(), LoadReport(files=[str(MERGED_PANEL_FILE)])


FILE_SETS = (
    FileSet("yearbook_drop_folder", drop_folder_path, load_drop_folder),
    FileSet("yearbook_shipped_exports", lambda: SHIPPED_EXPORTS_DIR, load_shipped_exports),
    FileSet("yearbook_merged_panel", lambda: MERGED_PANEL_FILE, _merged_panel),
)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_table(connection: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame, loaded_at: dt.datetime) -> None:
    """Replace raw.<table> with `rows` in the declared types (also when empty) and the load time."""
    columns = ", ".join(f"{name} {kind}" for name, kind in RAW_TYPES.items())
    connection.execute(f"create or replace table {RAW_SCHEMA}.{table} ({columns}, loaded_at timestamp not null)")
    if len(rows):
        connection.register("loaded_rows", rows[RAW_COLUMNS])
        casts = ", ".join(f"cast({name} as {kind})" for name, kind in RAW_TYPES.items())
        connection.execute(f"insert into {RAW_SCHEMA}.{table} select {casts}, ? from loaded_rows", [loaded_at])
        connection.unregister("loaded_rows")


def _record_load(connection: duckdb.DuckDBPyConnection, file_set: FileSet, rows: pd.DataFrame,
                 report: LoadReport, loaded_at: dt.datetime) -> None:
    connection.execute(
        f"create table if not exists {RAW_SCHEMA}.{LOADS_TABLE} (table_name varchar not null, location varchar not null, "
        "n_files bigint not null, n_rows bigint not null, files_sha256 json not null, notes json not null, "
        "loaded_at timestamp not null)")
    files = {name: _sha256(Path(name.split("#")[0])) for name in report.files}
    connection.execute(f"insert into {RAW_SCHEMA}.{LOADS_TABLE} values (?, ?, ?, ?, ?, ?, ?)",
                       [file_set.table, str(file_set.location()), len(files), len(rows),
                        json.dumps(files, ensure_ascii=False), json.dumps(report.notes, ensure_ascii=False), loaded_at])


def ingest(database: Path, file_sets: tuple[FileSet, ...] = FILE_SETS) -> dict[str, LoadReport]:
    """Load every file set into raw tables of `database` (created if missing), all or nothing: a
    file that cannot be read raises YearbookError (file, line, cell) before anything is written."""
    loaded = {file_set.table: file_set.load() for file_set in file_sets}
    loaded_at = dt.datetime.now()
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"create schema if not exists {RAW_SCHEMA}")
        connection.execute("begin transaction")
        for file_set in file_sets:
            rows, report = loaded[file_set.table]
            _write_table(connection, file_set.table, rows, loaded_at)
            _record_load(connection, file_set, rows, report, loaded_at)
            report.n_rows = len(rows)
        connection.execute("commit")
    return {table: report for table, (_, report) in loaded.items()}


def main(argv: list[str] | None = None) -> int:
    import argparse

    from opening_up.dbt_runner import published_database
    from opening_up.loaders import YearbookError

    parser = argparse.ArgumentParser(prog="python -m opening_up ingest", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="DuckDB file (default $OPENING_UP_DB)")
    args = parser.parse_args(argv)
    database = args.db or published_database()
    try:
        reports = ingest(database)
    except YearbookError as error:
        print(f"ingest refused: {error}")
        return 1
    print("ingest: " + ", ".join(f"raw.{table} {len(report.files)} files {report.n_rows:,} rows"
                                 for table, report in reports.items()))
    return 0
