"""Files into the warehouse's `raw` schema, before dbt runs (`python -m opening_up ingest`).

One table per loaded file set, rows as printed with their provenance (file, sheet, line, cell,
vintage, file time) and the load's time; `raw.yearbook_loads` gets one row per file set and load
(files with their sha256, rows, time). dbt declares them as the source `yearbook_files`
(models/staging/yearbook/_yearbook__sources.yml), whose freshness is the time of the last load.
The refresh calls `ingest` on its candidate file before `dbt build` (the only path to the published
warehouse); `python -m opening_up ingest` loads the development file ($OPENING_UP_DEV_DB), which a
bare `dbt build` then reads.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from opening_up.yearbooks.drop_folder import SHIPPED_EXPORTS_DIR, load_drop_folder, load_shipped_exports
from opening_up.yearbooks.loaders import LoadReport
from opening_up.yearbooks.raw_row import RAW_COLUMNS, RAW_TYPES
from opening_up.yearbooks.merged_panel import MERGED_PANEL_FILE, load_merged_panel
from opening_up.files import file_hash
from opening_up.yearbooks.national_series import NATIONAL_SERIES_FILE, load_national_series
from opening_up.yearbooks.provincial_accounts import PROVINCIAL_ACCOUNTS_FILE, load_provincial_accounts

RAW_SCHEMA = "raw"
LOADS_TABLE = "yearbook_loads"


@dataclass(frozen=True)
class FileSet:
    """A set of files loaded into one raw table: where they are read from and by which loader."""

    table: str
    location: Path
    load: Callable[[], tuple[pd.DataFrame, LoadReport]]


# A load report names its files within the file set's location, as the rows' source_file does.
def _merged_panel() -> tuple[pd.DataFrame, LoadReport]:
    return load_merged_panel(), LoadReport(files=[MERGED_PANEL_FILE.name])


def _national_series() -> tuple[pd.DataFrame, LoadReport]:
    return load_national_series(), LoadReport(files=[NATIONAL_SERIES_FILE.name])


def _provincial_accounts() -> tuple[pd.DataFrame, LoadReport]:
    return load_provincial_accounts(), LoadReport(files=[PROVINCIAL_ACCOUNTS_FILE.name])


def _signature(location: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of the file or of every file of the folder."""
    paths = sorted(location.iterdir()) if location.is_dir() else [location]
    return tuple(
        (path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in paths if path.is_file()
    )


@functools.lru_cache(maxsize=8)
def _read_shipped(load: Callable[[], tuple[pd.DataFrame, LoadReport]],
                  signature: tuple) -> tuple[pd.DataFrame, LoadReport]:
    return load()


def _shipped(load: Callable[[], tuple[pd.DataFrame, LoadReport]], location: Path):
    """`load` of files shipped with the project, read once per process while they are unchanged (a
    process that refreshes or loads many times, as the Dagster code server, reads them once)."""
    def cached() -> tuple[pd.DataFrame, LoadReport]:
        rows, report = _read_shipped(load, _signature(location))
        return rows.copy(), copy.deepcopy(report)
    return cached


def file_sets(folder: Path) -> tuple[FileSet, ...]:
    """The drop folder `folder`, the shipped exports, the merged panel, the provincial accounts 2002-2011
    and the national series, in the order they load."""
    return (
        FileSet("yearbook_drop_folder", folder, lambda: load_drop_folder(folder)),
        FileSet(
            "yearbook_shipped_exports",
            SHIPPED_EXPORTS_DIR,
            _shipped(load_shipped_exports, SHIPPED_EXPORTS_DIR),
        ),
        FileSet("yearbook_merged_panel", MERGED_PANEL_FILE, _shipped(_merged_panel, MERGED_PANEL_FILE)),
        FileSet(
            "yearbook_provincial_accounts",
            PROVINCIAL_ACCOUNTS_FILE,
            _shipped(_provincial_accounts, PROVINCIAL_ACCOUNTS_FILE),
        ),
        FileSet(
            "yearbook_national_series", NATIONAL_SERIES_FILE, _shipped(_national_series, NATIONAL_SERIES_FILE)
        ),
    )


RAW_TABLES = tuple(file_set.table for file_set in file_sets(Path()))


def _write_table(
    connection: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame, loaded_at: dt.datetime
) -> None:
    """Replace raw.<table> with `rows` in the declared types (also when empty) and the load time."""
    columns = ", ".join(f"{name} {kind}" for name, kind in RAW_TYPES.items())
    connection.execute(
        f"create or replace table {RAW_SCHEMA}.{table} ({columns}, loaded_at timestamp not null)"
    )
    if len(rows):
        connection.register("loaded_rows", rows[RAW_COLUMNS])
        casts = ", ".join(f"cast({name} as {kind})" for name, kind in RAW_TYPES.items())
        connection.execute(
            f"insert into {RAW_SCHEMA}.{table} select {casts}, ? from loaded_rows", [loaded_at]
        )
        connection.unregister("loaded_rows")


def _record_load(connection: duckdb.DuckDBPyConnection, file_set: FileSet, rows: pd.DataFrame,
                 report: LoadReport, loaded_at: dt.datetime) -> None:
    connection.execute(
        f"create table if not exists {RAW_SCHEMA}.{LOADS_TABLE} (table_name varchar not null, location "
        "varchar not null, "
        "n_files bigint not null, n_rows bigint not null, files_sha256 json not null, notes json not null, "
        "loaded_at timestamp not null)"
    )
    # Files by their names within the location (recorded once), as the rows' source_file; with the
    # manifest and sidecars the drop-folder loader fingerprinted.
    folder = file_set.location if file_set.location.is_dir() else file_set.location.parent
    files = {
        name: report.sha256.get(name) or file_hash(folder / name) for name in report.files
    } | report.sha256
    connection.execute(
        f"insert into {RAW_SCHEMA}.{LOADS_TABLE} values (?, ?, ?, ?, ?, ?, ?)",
        [
            file_set.table,
            str(file_set.location),
            len(report.files),
            len(rows),
            json.dumps(files, ensure_ascii=False),
            json.dumps(report.notes, ensure_ascii=False),
            loaded_at,
        ],
    )


def missing_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The raw tables (RAW_TABLES) that the file behind `connection` does not hold yet."""
    present = {name for (name,) in connection.execute(
        "select table_name from duckdb_tables() where schema_name = ? and database_name = current_database()",
        [RAW_SCHEMA]).fetchall()}
    return [table for table in RAW_TABLES if table not in present]


Loaded = dict[str, tuple[FileSet, pd.DataFrame, LoadReport]]


def read_file_sets(folder: Path, tables: list[str] | tuple[str, ...] = RAW_TABLES) -> Loaded:
    """The file sets of `tables` (the drop folder `folder` and the shipped files) read, nothing written:
    a file that cannot be read raises YearbookError (LoadRefused: every refused file, line and cell)."""
    return {
        file_set.table: (file_set, *file_set.load())
        for file_set in file_sets(folder)
        if file_set.table in tables
    }


def write_raw(connection: duckdb.DuckDBPyConnection, loaded: Loaded) -> dict[str, LoadReport]:
    """The read file sets as raw tables, with their load record, in one transaction."""
    loaded_at = dt.datetime.now()
    connection.execute(f"create schema if not exists {RAW_SCHEMA}")
    connection.execute("begin transaction")
    for file_set, rows, report in loaded.values():
        _write_table(connection, file_set.table, rows, loaded_at)
        _record_load(connection, file_set, rows, report, loaded_at)
        report.n_rows = len(rows)
    connection.execute("commit")
    return {table: report for table, (_, _, report) in loaded.items()}


def ingest(
    database: Path, folder: Path, tables: list[str] | tuple[str, ...] = RAW_TABLES
) -> dict[str, LoadReport]:
    """Load the drop folder `folder` and the shipped files into raw tables of `database` (created if
    missing), all or nothing: every file is read (or refused, raising YearbookError) before the file
    is opened."""
    loaded = read_file_sets(folder, tables)
    Path(database).parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database)) as connection:
        return write_raw(connection, loaded)
