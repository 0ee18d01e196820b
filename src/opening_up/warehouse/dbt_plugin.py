"""A dbt-duckdb plugin (profiles/profiles.yml, `plugins`) that makes `dbt build` work on a fresh
DuckDB file: when dbt opens a file whose raw tables are missing, the loaded files (the drop folder
$OPENING_UP_YEARBOOKS and the shipped exports, merged panel and national series) are written into it
first, through dbt's own connection, exactly as `python -m opening_up ingest` writes them.

A file that already has them (the refresh's candidate, loaded by the refresh's load step; a dev file
loaded by `make build` or `ingest`) is left as it is: reloading a changed drop folder stays the
refresh's job (or `python -m opening_up ingest`'s). A file the loader refuses stops dbt with the
loader's message (file, line, cell). Why a plugin hook on the connection and not a per-source `load`:
dbt-duckdb's source plugins write each table from a DataFrame alone, without the load record
(raw.yearbook_loads) that freshness and the Dagster sensor read.
"""

from __future__ import annotations

from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from opening_up.settings import from_environment


class Plugin(BasePlugin):
    """dbt-duckdb's plugin interface is a class; the work is in `load_missing_raw_tables`."""

    def initialize(self, plugin_config: dict) -> None:
        # dbt's process is an entry point: its settings are read here, once.
        self.drop_folder = from_environment().drop_folder

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        load_missing_raw_tables(conn, self.drop_folder)


def load_missing_raw_tables(connection: DuckDBPyConnection, drop_folder: Path) -> list[str]:
    """Write the raw tables the connected file lacks, from `drop_folder` and the shipped files; returns
    the tables written (none when all exist)."""
    from opening_up.warehouse.ingest import missing_tables, read_file_sets, write_raw
    from opening_up.yearbooks.sheets import YearbookError

    missing = missing_tables(connection)
    if not missing:
        return []
    try:
        loaded = read_file_sets(drop_folder, missing)
    except YearbookError as error:
        raise RuntimeError(
            f"opening_up: the raw tables could not be loaded into this fresh file: {error}"
        ) from None
    write_raw(connection, loaded)
    return missing
