"""End to end: `dbt build` of the shipped project into a temporary DuckDB file, then its key marts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, run_dbt
from opening_up.warehouse.dbt_plugin import load_missing_raw_tables
from opening_up.warehouse.ingest import RAW_TABLES, missing_tables

LAND_BORDER = {"内蒙古", "辽宁", "吉林", "黑龙江", "广西", "云南", "西藏", "甘肃", "新疆"}
REACHES = {
    "lower": {"上海", "江苏", "浙江", "安徽"},
    "middle": {"江西", "湖北", "湖南"},
    "upper": {"重庆", "四川", "贵州", "云南"},
}
SAMPLE_SERIES = {
    "region": {
        "gdp",
        "gdp_real_growth",
        "va_primary",
        "va_secondary",
        "va_tertiary",
        "fixed_asset_investment",
        "trade_total",
        "fdi_utilised",
        "fie_total_investment",
        "population_year_end",
        "retail_sales",
        "gdp_per_capita",
        "exchange_rate_rmb_usd",
    },
    "port": {
        "port_import_value",
        "port_export_value",
        "port_import_freight",
        "port_export_freight",
        "port_inbound_persons",
        "port_outbound_persons",
        "port_vehicles",
    },
    "prefecture": {
        "gdp",
        "va_primary",
        "va_secondary",
        "va_tertiary",
        "fixed_asset_investment",
        "retail_sales",
    },
}
PUBLISHED_MARTS = [
    "fct_published_border_opening",
    "fct_published_gmm_estimates",
    "fct_published_gmm_statistics",
    "fct_published_industry_structure",
    "fct_published_yangtze_openness_index",
    "fct_published_port_grey_relation",
    "fct_published_port_entropy_weights",
    "fct_published_port_coupling_coordination",
    "fct_published_port_fuzzy_partitions",
    "fct_published_stated_figures",
]


def test_schemas_are_exactly_raw_staging_intermediate_marts(warehouse) -> None:
    """The test-only method examples (schema method_examples) are not part of the warehouse."""
    schemas = {row[0] for row in warehouse.execute(
        "select distinct table_schema from information_schema.tables where table_catalog = current_database()"
    ).fetchall()}
    assert schemas == {"raw", "staging", "intermediate", "marts"}
    tables = warehouse.execute(
        "select table_name from information_schema.tables where table_schema = 'staging' and table_type <> "
        "'VIEW'"
    ).fetchall()
    # Staging is views only: the files are loaded into raw before dbt runs (opening_up.warehouse.ingest).
    assert tables == []
    raw = {row[0] for row in warehouse.execute(
        "select table_name from information_schema.tables where table_schema = 'raw' "
        "and table_name like 'yearbook_%'").fetchall()}
    assert raw == {"yearbook_drop_folder", "yearbook_shipped_exports", "yearbook_merged_panel",
                   "yearbook_provincial_accounts", "yearbook_national_series", "yearbook_loads"}


def test_dim_region_flags(warehouse) -> None:
    rows = warehouse.execute(
        "select region_short_name, region_code, is_land_border, yangtze_reach from marts.dim_region"
    )
    rows = rows.fetchall()
    assert len(rows) == 32
    assert {name for name, _, border, _ in rows if border} == LAND_BORDER
    for reach, members in REACHES.items():
        assert {name for name, _, _, r in rows if r == reach} == members
    assert ("全国", "000000", False, None) in rows


def test_dim_port_holds_the_38_units_with_clusters(warehouse) -> None:
    units = warehouse.execute(
        "select evaluation_unit, port_name, cluster_name, is_duplicate_name from marts.dim_port "
        "where is_evaluation_unit order by evaluation_unit").fetchall()
    assert [u[0] for u in units] == list(range(1, 39))
    assert units[0][1] == "桂林港"
    assert units[37][1] == "景洪"
    assert {u[1] for u in units if u[3]} == {"北海港", "河口"}
    clusters = dict(
        warehouse.execute(
            "select cluster_name, count(*) from marts.dim_port where cluster_name is not null group by all"
        ).fetchall()
    )
    assert set(clusters) == {"红河组", "德宏组", "崇左组", "北部湾组"}
    named = {r[0] for r in warehouse.execute("select port_name from marts.dim_port").fetchall()}
    assert {"满洲里", "二连浩特"} <= named


def test_published_tables_are_in_marts_with_citations(warehouse) -> None:
    for mart in PUBLISHED_MARTS:
        n_rows, n_uncited = warehouse.execute(
            "select count(*), count(*) filter (where source_doc is null or source_table is null) from "
            f"marts.{mart}"
        ).fetchone()
        assert n_rows > 0, mart
        assert n_uncited == 0, mart
    # Paper 004 Table 1, 辽宁 2021 and the border total, as printed.
    assert warehouse.execute(
        "select value from marts.fct_published_border_opening "
        "where source_table = '表1' and region_code = '210000' and year = 2021").fetchone()[0] == 1194.77
    # Paper 001 Table 1: ΔlnFAI, 1992-2020.
    assert warehouse.execute(
        "select coefficient, std_error, significance_stars from marts.fct_published_gmm_estimates "
        "where source_table = '表1' and period_label = '1992-2020' and term_code = 'd_ln_fai'"
    ).fetchone() == (5.2329, 1.9176, "***")
    # Paper 000 Table 4's weights sum to one over the eight indicators.
    assert (
        abs(
            warehouse.execute("select sum(weight) from marts.fct_published_port_entropy_weights").fetchone()[
                0
            ]
            - 1
        )
        < 1e-3
    )


def test_paper_inconsistencies_stay_as_printed(warehouse) -> None:
    """Paper 004 Table 3 sums to 28.73 for 2020 where its text says 28.71: both are kept."""
    table = warehouse.execute(
        "select value, recomputed_value from marts.fct_published_border_opening "
        "where source_table = '表3' and row_type = 'border_total' and year = 2020").fetchone()
    text = warehouse.execute(
        "select value from marts.fct_published_stated_figures where figure_code = 'border_odi_2020'"
    ).fetchone()[0]
    assert table[0] == 28.73
    assert abs(table[1] - 28.73) < 1e-9
    assert text == 28.71


def test_observations_cover_every_sample_series_once(warehouse) -> None:
    covered = warehouse.execute(
        "select entity_type, indicator_code, bool_and(is_sample) from marts.fct_yearbook_observations "
        "group by all").fetchall()
    for entity_type, series in SAMPLE_SERIES.items():
        assert series <= {code for kind, code, _ in covered if kind == entity_type}, entity_type
    duplicates = warehouse.execute(
        "select count(*) from (select entity_type, entity_code, year, indicator_code from "
        "marts.fct_yearbook_observations "
        "group by all having count(*) > 1)"
    ).fetchone()[0]
    assert duplicates == 0
    unmarked = warehouse.execute(
        "select count(*) from marts.fct_yearbook_observations "
        "where source = 'opening_up.sample' and not is_sample").fetchone()[0]
    assert unmarked == 0


def test_real_figures_win_over_sample(warehouse) -> None:
    row = warehouse.execute(
        "select value, is_sample, n_candidates, source from marts.fct_yearbook_observations "
        "where entity_code = '450000' and year = 2021 and indicator_code = 'trade_total'").fetchone()
    assert row[0] == 917.02
    assert row[1] is False
    assert row[2] == 2
    assert row[3].startswith("004_")
    panel = warehouse.execute(
        "select trade_total, real_indicators from intermediate.int_province_panel "
        "where region_code = '450000' and year = 2021").fetchone()
    assert panel[0] == 917.02
    assert "trade_total" in panel[1]


def test_units_are_converted(warehouse) -> None:
    """FDI is printed in 万美元 and stored in 亿美元; trade printed in 千美元."""
    rows = warehouse.execute(
        "select indicator_code, printed_unit, unit, value / printed_value::double from "
        "marts.fct_yearbook_observations "
        "where is_sample and indicator_code in ('fdi_utilised', 'trade_total') and printed_value::double > 0 "
        "group by all limit 10"
    ).fetchall()
    factors = {(code, printed, unit): round(ratio, 12) for code, printed, unit, ratio in rows}
    assert factors[("fdi_utilised", "万美元", "亿美元")] == 1e-4
    assert factors[("trade_total", "千美元", "亿美元")] == 1e-5


def _append_row(project: Path, **changes: str) -> int:
    """Append a copy of the sample's first row with `changes`; return its source_row."""
    seed = project / "seeds/sample/sample_yearbook_observations.csv"
    lines = seed.read_text(encoding="utf-8").splitlines()
    header, first = lines[0].split(","), lines[1].split(",")
    row = dict(zip(header, first, strict=True)) | {"source_row": str(len(lines))} | changes
    seed.write_text("\n".join(lines + [",".join(row[h] for h in header)]) + "\n", encoding="utf-8")
    return len(lines)


SAMPLE_PATH = ["sample_yearbook_observations", "int_sample_observations", "int_observations_unioned"]


def test_unknown_region_fails_the_build_naming_it(project_copy: Path, copied_warehouse: Path) -> None:
    row = _append_row(project_copy, entity_name="火星省")
    result = run_dbt(project_copy, copied_warehouse, "build", "--select", *SAMPLE_PATH)
    assert result.returncode != 0
    assert 'unknown region name "火星省"' in result.stdout
    assert f"seeds/sample/sample_yearbook_observations.csv, row {row}" in result.stdout


def test_every_mart_column_is_documented(warehouse, manifest: dict) -> None:
    documented = {
        node["name"]: {
            name for name, column in node["columns"].items() if column.get("description", "").strip()
        }
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }
    columns = warehouse.execute(
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'"
    ).fetchall()
    undocumented = sorted(
        f"{table}.{column}" for table, column in columns if column not in documented.get(table, set())
    )
    assert {table for table, _ in columns} == set(documented)
    assert undocumented == []


def test_the_papers_inconsistencies_and_nothing_else_warn(built_warehouse: Path) -> None:
    import json

    results = json.loads((built_warehouse.parent / "target" / "run_results.json").read_text(encoding="utf-8"))
    warned = {result["unique_id"].split(".")[2]: result["failures"]
              for result in results["results"] if result["status"] == "warn"}
    expected = {
        "expression_is_true_pub_industry_structure_abs_primary_share_pct_secondary_share_pct_"
        "tertiary_share_pct_100_0_2": 2,
        "expression_is_true_fct_published_industry_structure_abs_share_sum_pct_100_0_2": 2,
        "not_null_pub_border_opening_printed_value": 2,
        "published_checks_pass_or_are_the_papers_own": 11,
        "yangtze_average_annual_change_matches_endpoints": 1,
        "expression_is_true_fct_published_port_fuzzy_partitions_implied_n_classes_n_classes_printed": 19,
        "assert_fuzzy_partitions_nested": 10,
        # Paper 004's own series jump (黑龙江 FDI 2018-2019, tourism in 2020: 23), and the shipped
        # export's 2015 1 % population survey among 1 ‰ ones (31 provinces, into and out of 2015: 62).
        "assert_no_jumps_in_real_series": 23 + 62,
    }
    assert warned == expected


def test_dbt_build_alone_works_on_a_fresh_file(tmp_path: Path) -> None:
    """The design card's first user: a bare `dbt build` on a new DuckDB file loads the raw tables
    itself (opening_up.warehouse.dbt_plugin) instead of failing on `yearbook_shipped_exports does not
    exist`."""
    database = tmp_path / "fresh.duckdb"
    # The source's own tests (keys, loads) are what failed on a fresh file; the whole build is make build's.
    result = run_dbt(PROJECT_ROOT, database, "build", "--select", "source:yearbook_files")
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"Done\. PASS=([1-9]\d*) WARN=0 ERROR=0", result.stdout), result.stdout[-2000:]
    with duckdb.connect(str(database), read_only=True) as connection:
        loads = dict(connection.execute("select table_name, n_rows from raw.yearbook_loads").fetchall())
    assert set(loads) == set(RAW_TABLES)
    assert loads["yearbook_shipped_exports"] > 0


def test_the_readmes_dbt_build_works_verbatim_in_the_root(tmp_path: Path) -> None:
    """README: "`dbt build` alone works too, in the project's root with its environment active": the
    command as written (no --profiles-dir: dbt finds profiles.yml in the root), on a fresh file."""
    import os
    import subprocess
    import sys

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "`dbt build` alone works too, in the project's root with its environment active" in readme
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        "OPENING_UP_DEV_DB": str(tmp_path / "fresh.duckdb"),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    result = subprocess.run(
        ["dbt", "build"], cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=1800
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"Done\. PASS=\d+ WARN=\d+ ERROR=0 SKIP=0", result.stdout), result.stdout[-2000:]
    with duckdb.connect(str(tmp_path / "fresh.duckdb"), read_only=True) as connection:
        assert (
            connection.execute("select count(*) from marts.fct_yearbook_observations").fetchone()[0] > 20000
        )


def test_a_fresh_file_with_a_refused_drop_folder_stops_naming_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(
        PROJECT_ROOT / "tests" / "yearbook_corpus" / "header_shifted.csv", folder / "header_shifted.csv"
    )
    with duckdb.connect(str(tmp_path / "fresh.duckdb")) as connection:
        with pytest.raises(RuntimeError, match="header_shifted.csv, line 4, cell A: the header is shifted"):
            load_missing_raw_tables(connection, folder)
        assert missing_tables(connection) == list(RAW_TABLES)


def test_a_loaded_file_is_left_as_it_is(built_warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "loaded.duckdb"
    shutil.copy(built_warehouse, copy)
    with duckdb.connect(str(copy)) as connection:
        assert load_missing_raw_tables(connection, tmp_path) == []


def test_a_province_row_without_its_index_says_what_it_lacks(warehouse) -> None:
    """2023-2024 hold only what the real exports print (GDP, trade): no FIE investment, so no composite
    index; such a row is not sample, and missing_inputs says why its index is empty."""
    lacking = dict(warehouse.execute(
        "select missing_inputs, count(*) from marts.fct_province_openness "
        "where composite_openness_index is null group by all").fetchall())
    assert None not in lacking
    assert lacking
    assert warehouse.execute(
        "select count(*) from marts.fct_province_openness where year = 2023 and region_code = '110000' "
        "and missing_inputs = 'fie_total_investment' and trade_openness_index is not null and not is_sample"
    ).fetchone()[0] == 1
    assert (
        warehouse.execute(
            "select count(*) from marts.fct_province_openness where missing_inputs is not null "
            "and composite_openness_index is not null"
        ).fetchone()[0]
        == 0
    )


def test_make_build_ends_with_the_refresh_and_loads_the_development_file_quietly(tmp_path: Path) -> None:
    """`make build` runs the refresh (whose last line is the real share) and then `ingest --quiet`, which
    prints nothing unless it refuses: the real share stays the last line."""
    import subprocess
    import sys

    recipe = subprocess.run(
        ["make", "-n", "--no-print-directory", "build"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.splitlines()
    commands = [line for line in recipe if "-m opening_up" in line]
    assert commands[-2].endswith("-m opening_up refresh")
    assert commands[-1].endswith("-m opening_up ingest --quiet")
    folder = tmp_path / "drop"
    folder.mkdir()
    quiet = subprocess.run(
        [
            sys.executable,
            "-m",
            "opening_up",
            "ingest",
            "--quiet",
            "--db",
            str(tmp_path / "dev.duckdb"),
            "--drop-folder",
            str(folder),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert quiet.stdout == "", quiet.stdout + quiet.stderr
