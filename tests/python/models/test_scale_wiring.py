"""The scale benchmark's wiring (`make bench-scale`, docs/scaling.md) at a tiny size: the synthetic
yearbook resolves through the warehouse's own resolution and precedence (the same macros), every row it feeds
is
flagged as sample, and the panel, entropy and coupling models cover every unit and year."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import duckdb

from conftest import PROJECT_ROOT, run_dbt

sys.path.insert(0, str(PROJECT_ROOT / "benchmarks"))
from bench_scale import SQL_STEPS, YEARS, scale_indicators, write_synthetic_yearbook  # noqa: E402


def test_the_scale_models_run_on_a_tiny_synthetic_yearbook(built_warehouse: Path, tmp_path: Path) -> None:
    database = tmp_path / "tiny.duckdb"
    shutil.copy(built_warehouse, database)
    indicators = scale_indicators(database)
    write_synthetic_yearbook(database, 4, indicators)
    variables = json.dumps({"scale_schema": "scale", "scale_indicators": [code for code, *_ in indicators]})
    result = run_dbt(PROJECT_ROOT, database, "run", "--select", *SQL_STEPS, "--vars", variables)
    assert result.returncode == 0, result.stdout[-3000:]
    years = YEARS[1] - YEARS[0] + 1
    with duckdb.connect(str(database), read_only=True) as connection:
        resolved = connection.execute(
            "select count(*), bool_and(is_sample), min(source), max(source) from "
            "intermediate.int_scale_observations_resolved "
            "where entity_type = 'county'"
        ).fetchone()
        coupling = connection.execute(
            "select count(*), count(d_standard) from intermediate.int_scale_coupling"
        ).fetchone()
        weights = connection.execute(
            "select pool_key, sum(weight) from intermediate.int_scale_entropy_weights group by pool_key"
        ).fetchall()
    assert resolved == (4 * years * len(indicators), True, "opening_up.bench_scale", "opening_up.bench_scale")
    assert coupling == (4 * years, 4 * years)
    assert len(weights) == years
    assert all(abs(total - 1) < 1e-9 for _, total in weights)
