"""Every mart's contract is enforced (column names, types, not-null and primary-key constraints),
and a model whose SQL changes a column's type fails the build with dbt's contract error."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import run_dbt


def mart_nodes(manifest: dict) -> list[dict]:
    return [node for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["schema"] == "marts"]


def test_every_mart_has_an_enforced_contract_typed_like_the_warehouse(manifest: dict, built_warehouse: Path) -> None:
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        types = {(table, column): data_type.lower() for table, column, data_type in connection.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'marts'").fetchall()}
    marts = mart_nodes(manifest)
    assert len(marts) == len({table for table, _ in types}) > 40
    for node in marts:
        assert node["config"]["contract"]["enforced"] is True, node["name"]
        assert node["language"] == "sql", node["name"]
        declared = {(node["name"], name): column["data_type"] for name, column in node["columns"].items()}
        assert declared == {key: value for key, value in types.items() if key[0] == node["name"]}


def test_marts_with_a_grain_have_a_primary_key(manifest: dict) -> None:
    without = sorted(node["name"] for node in mart_nodes(manifest)
                     if not any(c["type"] == "primary_key" for c in node["constraints"]))
    # Seed 003's Table 1 mixes yearly rows with a period row whose year is null: its grain is a unique test.
    assert without == ["fct_published_yangtze_openness_index"]


def test_a_changed_column_type_fails_the_build(project_copy: Path, copied_warehouse: Path) -> None:
    model = project_copy / "models" / "marts" / "reference" / "dim_coordination_grade.sql"
    changed = model.read_text(encoding="utf-8").replace("        grade_rank,", "        grade_rank::varchar as grade_rank,")
    model.write_text(changed, encoding="utf-8")
    result = run_dbt(project_copy, copied_warehouse, "build", "--select", "dim_coordination_grade")
    assert result.returncode != 0
    assert "This model has an enforced contract that failed" in result.stdout
    assert "grade_rank" in result.stdout and "data type mismatch" in result.stdout.lower()


@pytest.mark.parametrize(("old", "new", "error"), [
    ("        grade_name,", "        null::varchar as grade_name,", "NOT NULL constraint failed"),
    ("select * from final", "select * from final union all select * from final where grade_rank = 1",
     "PRIMARY KEY or UNIQUE constraint violat"),
])
def test_a_row_that_breaks_a_constraint_fails_the_build(project_copy: Path, copied_warehouse: Path, old: str, new: str,
                                                       error: str) -> None:
    model = project_copy / "models" / "marts" / "reference" / "dim_coordination_grade.sql"
    text = model.read_text(encoding="utf-8")
    assert old in text
    model.write_text(text.replace(old, new), encoding="utf-8")
    result = run_dbt(project_copy, copied_warehouse, "build", "--select", "dim_coordination_grade")
    assert result.returncode != 0
    assert error in result.stdout
