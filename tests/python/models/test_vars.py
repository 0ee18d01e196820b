"""dbt vars are data, not SQL: a var of the wrong type or range is refused with one line before any
SQL runs (macros/validate_vars.sql), by `dbt run` (the on-run-start check) and by commands that run
no hooks (`dbt compile`: checked where the model renders it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from opening_up.warehouse.dbt_runner import run_dbt
from opening_up.yearbooks.printed import FIRST_YEAR, last_year

NEXT_YEAR = last_year()

INJECTION = "{as_of_vintage: '2025; drop table marts.dim_region; --'}"


def refusal_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith("var ")]


def test_a_crafted_var_is_refused_before_any_sql_runs(built_warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / built_warehouse.name
    shutil.copy(built_warehouse, copy)
    result = run_dbt(copy, "run", "--select", "dim_region", "--vars", INJECTION, work=tmp_path)
    assert result.returncode != 0
    assert refusal_lines(result.stdout) == [
        f'var as_of_vintage must be an integer from 1949 to {NEXT_YEAR}, not "2025; drop table '
        'marts.dim_region; --"'
    ]
    with duckdb.connect(str(copy), read_only=True) as connection:
        assert connection.execute("select count(*) from marts.dim_region").fetchone()[0] > 30


def test_a_vintage_is_what_the_loader_reads_as_one(built_warehouse: Path, tmp_path: Path) -> None:
    """as_of_vintage takes the editions the loader takes (opening_up.yearbooks.printed: 1949 to next year)."""
    copy = tmp_path / built_warehouse.name
    shutil.copy(built_warehouse, copy)
    result = run_dbt(
        copy, "run", "--select", "dim_region", "--vars", f"{{as_of_vintage: {NEXT_YEAR + 1}}}", work=tmp_path
    )
    assert result.returncode != 0
    assert refusal_lines(result.stdout) == [
        f"var as_of_vintage must be an integer from {FIRST_YEAR} to {NEXT_YEAR}, not {NEXT_YEAR + 1}"]


def test_compile_refuses_a_var_of_the_wrong_type_where_it_is_rendered(
    built_warehouse: Path, tmp_path: Path
) -> None:
    copy = tmp_path / built_warehouse.name
    shutil.copy(built_warehouse, copy)
    stages = ("{openness_stages: [{code: x, name: \"缓慢提升'); drop table marts.dim_region; --\", "
              "first_year: 1993, last_year: 2000}]}")
    result = run_dbt(
        copy, "compile", "--select", "fct_region_group_openness", "--vars", stages, work=tmp_path
    )
    assert result.returncode != 0
    assert len(refusal_lines(result.stdout)) == 1
    assert refusal_lines(result.stdout)[0].startswith(
        "var openness_stages must be a list of {code: SQL name, name: text without quotes, first_year, "
        "last_year}"
    )
