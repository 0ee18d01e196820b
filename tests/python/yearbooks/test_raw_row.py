"""The raw row is defined once for Python (opening_up.yearbooks.raw_row) and once for SQL (the macro
raw_columns): the two agree, the staging models of the loaded files select the macro, and the source
YAML documents every column of every raw table, in that order."""

from __future__ import annotations

import re

import yaml

from conftest import PROJECT_ROOT
from opening_up.warehouse.ingest import RAW_TABLES
from opening_up.yearbooks.raw_row import RAW_COLUMNS, RAW_TYPES

STAGING = PROJECT_ROOT / "models" / "staging" / "yearbook"


def macro_columns() -> list[str]:
    text = (PROJECT_ROOT / "macros" / "raw_columns.sql").read_text(encoding="utf-8")
    listed = re.search(r"set columns = \[(.*?)\]", text, re.S).group(1)
    return re.findall(r"'(\w+)'", listed)


def test_python_and_sql_define_the_same_raw_row() -> None:
    assert RAW_COLUMNS == list(RAW_TYPES) == macro_columns()


def test_every_loaded_file_set_is_staged_through_the_macro() -> None:
    models = {
        path.name: path.read_text(encoding="utf-8") for path in STAGING.glob("stg_yearbook__*_rows.sql")
    }
    for table in RAW_TABLES:
        staged = [name for name, text in models.items() if f"source('yearbook_files', '{table}')" in text]
        assert len(staged) == 1, (table, staged)
        assert "{{ raw_columns() }}" in models[staged[0]], (table, staged)


def test_the_source_yaml_documents_the_raw_row_of_every_table() -> None:
    sources = yaml.safe_load((STAGING / "_yearbook__sources.yml").read_text(encoding="utf-8"))["sources"][0]
    tables = {table["name"]: table for table in sources["tables"]}
    assert set(RAW_TABLES) <= set(tables)
    for table in RAW_TABLES:
        documented = [column["name"] for column in tables[table]["columns"]]
        assert documented == [*RAW_COLUMNS, "loaded_at"], table
        assert all(column.get("description") for column in tables[table]["columns"]), table
