"""The raw loader tables for the `spark` target (issue 37, docs/scaling.md): the tables the yearbook
loaders write into a DuckDB warehouse's raw schema (the tables of the dbt source `yearbook_files`),
copied to Parquet with DuckDB's COPY, one file per table, which the macro `register_raw_tables`
registers in Spark. The loaders stay the only readers of yearbook files: Spark reads what they loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import yaml

from opening_up.settings import PROJECT_ROOT

SOURCES_FILE = PROJECT_ROOT / "models" / "staging" / "yearbook" / "_yearbook__sources.yml"
SOURCE_NAME = "yearbook_files"


def raw_source_tables(sources_file: Path = SOURCES_FILE, source_name: str = SOURCE_NAME) -> list[str]:
    """The table names of the dbt source the loaders fill, as the sources file declares them."""
    sources = yaml.safe_load(sources_file.read_text(encoding="utf-8"))["sources"]
    source = next((s for s in sources if s["name"] == source_name), None)
    if source is None:
        raise ValueError(f"{sources_file} declares no source {source_name!r}")
    return [table["name"] for table in source["tables"]]


def export_raw_tables(database: Path, folder: Path, tables: Sequence[str]) -> dict[str, int]:
    """Copy each raw table of the DuckDB file `database` to folder/<table>.parquet (replacing it);
    returns the rows written per table. A table the file lacks is an error naming it."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        present = {name for (name,) in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'raw'").fetchall()}
        missing = sorted(set(tables) - present)
        if missing:
            raise ValueError(f"{database} has no raw table {', '.join(missing)}: run `make build` first")
        for table in tables:
            target = folder / f"{table}.parquet"
            connection.execute(f"copy raw.{table} to '{target}' (format parquet)")
            written[table] = connection.execute(f"select count(*) from raw.{table}").fetchone()[0]
    return written
