"""The BI guide (docs/bi.md, "Connect your BI tool"), run as written against a built warehouse; the dbt
docs and the exposures; the bilingual labels a dashboard switches between."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
import sqlalchemy

from conftest import PROJECT_ROOT

BI_GUIDE = PROJECT_ROOT / "docs" / "bi.md"


def bi_section() -> str:
    text = BI_GUIDE.read_text(encoding="utf-8")
    return text.split("## Connect your BI tool", 1)[1].split("\n## ", 1)[0]


def example_queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", bi_section(), re.S)


def test_readme_names_the_pinned_duckdb_version() -> None:
    pinned = re.search(r"^duckdb==([^\s\\]+)", (PROJECT_ROOT / "requirements.txt").read_text(), re.M).group(1)
    assert pinned == duckdb.__version__
    assert f"**DuckDB {pinned}**" in bi_section()


def test_five_example_queries_run_read_only(built_warehouse: Path) -> None:
    queries = example_queries()
    assert len(queries) == 5
    connection = duckdb.connect(str(built_warehouse), read_only=True)
    try:
        for query in queries:
            rows = connection.execute(query).fetchall()
            assert rows, query
            assert all(any(value is not None for value in row) for row in rows)
        with pytest.raises(duckdb.Error, match="read-only"):
            connection.execute("create table marts.scratch as select 1 as x")
    finally:
        connection.close()


def test_superset_uri_and_engine_parameters_as_written(built_warehouse: Path) -> None:
    section = bi_section()
    uri = re.search(r"`(duckdb:////abs/path/warehouse/opening_up\.duckdb)`", section).group(1)
    engine_parameters = json.loads(re.search(r"Engine parameters\* `(\{.*?\})`", section).group(1))
    engine = sqlalchemy.create_engine(
        uri.replace("/abs/path/warehouse/opening_up.duckdb", str(built_warehouse)), **engine_parameters
    )
    try:
        with engine.connect() as connection:
            rows = connection.execute(sqlalchemy.text(example_queries()[0])).fetchall()
            assert len(rows) > 20
            with pytest.raises(sqlalchemy.exc.DBAPIError, match="read-only"):
                connection.execute(sqlalchemy.text("create table marts.scratch as select 1 as x"))
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def docs(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make docs-static` as a user runs it (`make docs` without serving), on a copy of the built warehouse
    standing in for the published file (dbt opens its copy for writing, which would lock out the other
    test process's readers)."""
    published = tmp_path_factory.mktemp("docs") / "opening_up.duckdb"
    shutil.copy(built_warehouse, published)
    result = subprocess.run(["make", "--no-print-directory", "docs-static", f"OPENING_UP_DB={published}"],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return PROJECT_ROOT / "target"


def test_docs_generate_offline_with_exposures(docs: Path) -> None:
    manifest = json.loads((docs / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((docs / "catalog.json").read_text(encoding="utf-8"))
    assert manifest["metadata"]["send_anonymous_usage_stats"] is False
    assert set(manifest["exposures"]) == {"exposure.opening_up.opening_up_report",
                                          "exposure.opening_up.bi_opening_up_dashboard"}
    assert (docs / "static_index.html").stat().st_size > 1_000_000
    marts = [node["unique_id"] for node in manifest["nodes"].values()
             if node["resource_type"] == "model" and node["schema"] == "marts"]
    assert len(marts) > 30
    assert set(marts) <= set(catalog["nodes"])
    # Relations as readers name them (the published file's catalog), not as the copy dbt read.
    assert {catalog["nodes"][uid]["metadata"]["database"] for uid in marts} == {"opening_up"}
    assert all(manifest["nodes"][uid]["relation_name"].startswith('"opening_up"."marts".') for uid in marts)
    observations = manifest["nodes"]["model.opening_up.fct_yearbook_observations"]["description"]
    assert "merged province panel" in observations
    assert "provincial accounts" in observations
    assert "the real rows are paper 004's" not in observations


def test_dashboard_exposure_lists_what_the_example_queries_read(manifest: dict) -> None:
    exposure = manifest["exposures"]["exposure.opening_up.bi_opening_up_dashboard"]
    declared = {node.rsplit(".", 1)[1] for node in exposure["depends_on"]["nodes"]}
    queried = {name for query in example_queries() for name in re.findall(r"\bmarts\.(\w+)", query)}
    assert declared == queried


BILINGUAL_LABELS = [
    ("dim_region", "region_name", "region_name_en"),
    ("dim_prefecture", "prefecture_name", "prefecture_name_en"),
    ("dim_port", "port_name", "port_name_en"),
    ("dim_port", "cluster_name", "cluster_name_en"),
    ("dim_indicator", "indicator_name", "indicator_name_en"),
    ("dim_coordination_grade", "grade_name", "grade_name_en"),
    ("fct_region_group_openness", "group_name", "group_name_en"),
    ("fct_openness_dispersion", "group_name", "group_name_en"),
]


def test_every_label_is_tested_in_both_languages(manifest: dict) -> None:
    """Each Chinese label column has a bilingual_label test in zh and its English twin one in en
    (the tests themselves run, and pass, in `dbt build`)."""
    tested = {
        (
            node["attached_node"].rsplit(".", 1)[1],
            node["column_name"],
            node["test_metadata"]["kwargs"]["language"],
        )
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test" and node.get("test_metadata", {}).get("name") == "bilingual_label"
    }
    for mart, chinese, english in BILINGUAL_LABELS:
        assert (mart, chinese, "zh") in tested
        assert (mart, english, "en") in tested


def test_the_parquet_example_runs_as_written(built_warehouse: Path, capsys: pytest.CaptureFixture) -> None:
    """The BI section leads with the Parquet marts; its pandas example runs on a fresh build's files."""
    from opening_up.warehouse.parquet_export import write_parquet
    from opening_up.warehouse.publication import parquet_link

    section = bi_section()
    assert section.index("**Parquet first.**") < section.index("**The DuckDB file, for DuckDB 2.0 readers.**")
    for tool in ("pandas", "arrow::read_parquet", "DuckDB 1.x", "Apache Superset", "Metabase", "DBeaver"):
        assert tool in section.split("**The DuckDB file")[0], tool
    if not parquet_link(built_warehouse).exists():
        write_parquet(built_warehouse, parquet_link(built_warehouse))
    example = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(example.replace("/abs/path/warehouse", str(built_warehouse.parent)), {})
    printed = capsys.readouterr().out
    assert "上海市" in printed
    assert "composite_openness_index" in printed
    # vintage (empty for the papers' and the sample's rows) reads as an integer, not a float.
    assert re.search(r"^Int64 [1-9]\d* observations without a vintage$", printed, re.M), printed


def test_every_period_label_is_spelled_one_way(warehouse: duckdb.DuckDBPyConnection) -> None:
    """A join on period_label across marts finds its rows: first and last year with an ASCII hyphen
    (the paper's em dash and the report's en dash were three spellings of one label)."""
    marts = [table for (table,) in warehouse.execute(
        "select table_name from information_schema.columns where table_schema = 'marts' "
        "and column_name = 'period_label' order by all").fetchall()]
    assert {"fct_border_growth_gmm", "fct_published_gmm_estimates", "rpt_gmm_against_published"} <= set(marts)
    for mart in marts:
        labels = warehouse.execute(
            f"select distinct period_label, period_start::varchar || '-' || period_end::varchar "
            f"from marts.{mart}").fetchall()
        assert labels, (mart, labels)
        assert all(label == expected for label, expected in labels), (mart, labels)
    estimated = {label for (label,) in warehouse.execute(
        "select distinct period_label from marts.fct_border_growth_gmm").fetchall()}
    printed = {label for (label,) in warehouse.execute(
        "select distinct period_label from marts.fct_published_gmm_estimates").fetchall()}
    assert printed == estimated == {"1992-2020", "1992-2013", "2014-2020"}
