"""The raw loader tables for the spark target (issue 37): the tables of the dbt source the loaders fill,
copied from the built warehouse to Parquet row for row."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from opening_up.warehouse import spark_raw


def test_the_raw_tables_are_the_loaders_source(manifest: dict) -> None:
    declared = sorted(source["name"] for source in manifest["sources"].values()
                      if source["source_name"] == spark_raw.SOURCE_NAME)
    assert sorted(spark_raw.raw_source_tables()) == declared
    assert "yearbook_shipped_exports" in declared


def test_export_copies_every_row(built_warehouse: Path, tmp_path: Path) -> None:
    tables = spark_raw.raw_source_tables()
    written = spark_raw.export_raw_tables(built_warehouse, tmp_path, tables)
    assert set(written) == set(tables)
    assert written["yearbook_shipped_exports"] > 1000
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        for table in tables:
            original = connection.execute(f"select * from raw.{table} order by all").fetchall()
            copied = duckdb.sql(f"select * from '{tmp_path / table}.parquet' order by all").fetchall()
            assert copied == original, table
            assert len(copied) == written[table]


def test_export_refuses_a_warehouse_without_the_tables(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(ValueError, match="no raw table yearbook_loads"):
        spark_raw.export_raw_tables(empty, tmp_path / "out", ["yearbook_loads"])
