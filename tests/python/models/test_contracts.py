"""Every mart's contract is enforced (column names, types, not-null and primary-key constraints),
and a model whose SQL changes a column's type fails the build with dbt's contract error."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import COPY_IGNORE, PROJECT_ROOT, run_dbt


PORTABLE_TYPES = {"string": "varchar"}


def mart_nodes(manifest: dict) -> list[dict]:
    return [node for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["schema"] == "marts"]


def test_every_mart_has_an_enforced_contract_typed_like_the_warehouse(
    manifest: dict, built_warehouse: Path
) -> None:
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        types = {(table, column): data_type.lower() for table, column, data_type in connection.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'marts'").fetchall()}
    marts = mart_nodes(manifest)
    assert len(marts) == len({table for table, _ in types}) > 40
    for node in marts:
        assert node["config"]["contract"]["enforced"] is True, node["name"]
        assert node["language"] == "sql", node["name"]
        # The contracts name types portably (Spark has no bare varchar): string is DuckDB's varchar.
        declared = {(node["name"], name): PORTABLE_TYPES.get(column["data_type"], column["data_type"])
                    for name, column in node["columns"].items()}
        assert declared == {key: value for key, value in types.items() if key[0] == node["name"]}


def test_marts_with_a_grain_have_a_primary_key(manifest: dict) -> None:
    without = sorted(node["name"] for node in mart_nodes(manifest)
                     if not any(c["type"] == "primary_key" for c in node["constraints"]))
    # Paper 003's Table 1 mixes yearly rows with a period row whose year is null; the disparity and
    # convergence marts' rows of the whole set have group_code null and the Markov mart's classic rows
    # lag_class (their contract): each grain is a unique test.
    assert without == [
        "fct_openness_convergence",
        "fct_openness_disparity",
        "fct_openness_markov",
        "fct_published_yangtze_openness_index",
    ]


# Three copies of dim_coordination_grade, each breaking its contract one way, built together in one
# dbt run on a copy of the session's warehouse: (SQL change, the error dbt or DuckDB must give).
BROKEN = {
    "dim_broken_type": (("        grade_rank,", "        cast(grade_rank as string) as grade_rank,"),
                        "This model has an enforced contract that failed"),
    "dim_broken_not_null": (("        grade_name,", "        null::varchar as grade_name,"),
                            "NOT NULL constraint failed"),
    "dim_broken_primary_key": (("select * from final",
                                "select * from final union all select * from final where grade_rank = 1"),
                               "PRIMARY KEY or UNIQUE constraint violat"),
}


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path) -> str:
    project = tmp_path_factory.mktemp("contracts") / "project"
    shutil.copytree(PROJECT_ROOT, project, ignore=COPY_IGNORE)
    reference = project / "models" / "marts" / "reference"
    sql = (reference / "dim_coordination_grade.sql").read_text(encoding="utf-8")
    properties = (reference / "_reference__models.yml").read_text(encoding="utf-8")
    start = properties.index("  - name: dim_coordination_grade\n")
    end = properties.find("\n  - name: ", start + 1)
    block = properties[start:end if end > 0 else None].rstrip("\n") + "\n"
    for name, ((old, new), _) in BROKEN.items():
        assert old in sql
        (reference / f"{name}.sql").write_text(sql.replace(old, new), encoding="utf-8")
        properties = (
            properties.rstrip("\n") + "\n" + block.replace("name: dim_coordination_grade", f"name: {name}")
        )
    (reference / "_reference__models.yml").write_text(properties, encoding="utf-8")
    database = project / "warehouse.duckdb"
    shutil.copy(built_warehouse, database)
    result = run_dbt(project, database, "run", "--select", *BROKEN)
    assert result.returncode != 0
    return result.stdout


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_model_that_breaks_its_contract_fails_the_build(broken_build: str, name: str) -> None:
    """A changed type fails with dbt's contract error; a null or a duplicate row with DuckDB's
    constraint error; every one of the three is an error of the run."""
    _, error = BROKEN[name]
    assert error in broken_build
    assert any(
        f"ERROR creating sql table model marts.{name}" in line for line in broken_build.splitlines()
    ), name
    if name == "dim_broken_type":
        assert "grade_rank" in broken_build
        assert "data type mismatch" in broken_build.lower()
