"""The marts as Parquet: every mart, its manifest, the same content in DuckDB 1.x and pandas as in
the DuckDB 2.0 warehouse, types and Chinese text unchanged, and a folder replaced only once complete."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from opening_up.files import file_hash
from opening_up.warehouse.parquet_export import MANIFEST, export_marts, write_parquet
from parquet_readers import read_with_duckdb1, warehouse_checksums


@pytest.fixture(scope="module")
def parquet_build(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """What the refresh's publish step writes into a build: the marts as Parquet with their manifest."""
    return write_parquet(built_warehouse, tmp_path_factory.mktemp("parquet") / "parquet")


def manifest_nodes(built_warehouse: Path) -> list[dict]:
    """The models of the dbt manifest the build of `built_warehouse` wrote (descriptions rendered)."""
    manifest = json.loads((built_warehouse.parent / "target" / "manifest.json").read_text(encoding="utf-8"))
    return [node for node in manifest["nodes"].values() if node["resource_type"] == "model"]


def test_every_mart_is_written_with_its_manifest(
    built_warehouse: Path, parquet_build: tuple[Path, dict]
) -> None:
    build_dir, manifest = parquet_build
    link = build_dir
    on_disk = json.loads((link / MANIFEST).read_text(encoding="utf-8"))
    assert on_disk == manifest
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        marts = {row[0]: row[1] for row in connection.execute(
            "select table_name, estimated_size from duckdb_tables() where schema_name = 'marts'").fetchall()}
        types = connection.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' order by table_name, ordinal_position"
        ).fetchall()
    assert sorted(m["mart"] for m in manifest["marts"]) == sorted(marts)
    assert sorted(link.glob("*.parquet")) == sorted(link / f"{mart}.parquet" for mart in marts)
    for entry in manifest["marts"]:
        assert entry["sha256"] == file_hash(link / entry["file"])
        assert [(entry["mart"], c["name"], c["type"]) for c in entry["columns"]] == \
            [row for row in types if row[0] == entry["mart"]]
    assert manifest["warehouse_sha256"] == file_hash(built_warehouse)
    # Each mart and column carries its dbt description, so Parquet-only readers see what it means.
    descriptions = {
        node["name"]: node for node in manifest_nodes(built_warehouse) if node["schema"] == "marts"
    }
    for entry in manifest["marts"]:
        documented = descriptions[entry["mart"]]
        assert entry["description"], entry["mart"]
        assert entry["description"] == documented["description"].strip(), entry["mart"]
        for column in entry["columns"]:
            assert column["description"] == documented["columns"][column["name"]]["description"].strip(), \
                (entry["mart"], column["name"])
    observations = next(m for m in manifest["marts"] if m["mart"] == "fct_yearbook_observations")
    assert (
        "vintage" in next(c for c in observations["columns"] if c["name"] == "vintage")["description"].lower()
    )
    assert manifest["duckdb_version"] == duckdb.__version__
    assert manifest["built_at"]
    assert manifest["git_commit"] is None or len(manifest["git_commit"]) == 40


def test_duckdb_1x_reads_the_same_content(built_warehouse: Path, parquet_build: tuple[Path, dict]) -> None:
    build_dir, _ = parquet_build
    expected = warehouse_checksums(built_warehouse)
    read = read_with_duckdb1(sorted(build_dir.glob("*.parquet")))
    assert read["duckdb"].startswith("1.")
    got = {Path(path).stem: (entry["rows"], entry["sha256"]) for path, entry in read["files"].items()}
    assert got == expected
    assert sum(rows for rows, _ in got.values()) > 30_000


def test_pandas_with_pyarrow_reads_every_mart(
    built_warehouse: Path, parquet_build: tuple[Path, dict]
) -> None:
    build_dir, manifest = parquet_build
    for entry in manifest["marts"]:
        frame = pd.read_parquet(build_dir / entry["file"], engine="pyarrow")
        assert list(frame.columns) == [c["name"] for c in entry["columns"]]
        assert len(frame) == entry["rows"]
    regions = pd.read_parquet(build_dir / "dim_region.parquet", engine="pyarrow").set_index("region_code")
    assert regions.loc["450000", "region_name"] == "广西壮族自治区"
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        expected = dict(
            connection.execute("select region_code, region_name from marts.dim_region").fetchall()
        )
    assert regions["region_name"].to_dict() == expected


def test_decimals_dates_booleans_and_chinese_survive(tmp_path: Path) -> None:
    """The marts hold varchar, double, bigint, integer and boolean today; a future decimal, date or
    timestamp column must read back with its type in DuckDB 1.x too."""
    database = tmp_path / "types.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema marts")
        connection.execute("""create table marts.typed as select * from (values
            (1::integer, 12345.678::decimal(18, 3), date '2022-12-31', timestamp '2023-01-01 08:00:00',
             true, '广西壮族自治区 凭祥（友谊关）', 0.1::double, 9007199254740993::bigint),
            (2, null, null, null, false, null, null, null))
            as t(id, amount, day, moment, flag, label, ratio, big)""")
    manifest = export_marts(database, tmp_path / "build", "types")
    assert [c["type"] for c in manifest["marts"][0]["columns"]] == \
        ["INTEGER", "DECIMAL(18,3)", "DATE", "TIMESTAMP", "BOOLEAN", "VARCHAR", "DOUBLE", "BIGINT"]
    read = read_with_duckdb1([tmp_path / "build" / "typed.parquet"])
    entry = next(iter(read["files"].values()))
    assert [t for _, t in entry["types"]] == \
        ["INTEGER", "DECIMAL(18,3)", "DATE", "TIMESTAMP", "BOOLEAN", "VARCHAR", "DOUBLE", "BIGINT"]
    assert (entry["rows"], entry["sha256"]) == warehouse_checksums(database)["typed"]
    frame = pd.read_parquet(tmp_path / "build" / "typed.parquet", engine="pyarrow")
    assert frame.loc[0, "label"] == "广西壮族自治区 凭祥（友谊关）"
    assert str(frame.loc[0, "amount"]) == "12345.678"
    assert bool(frame.loc[0, "flag"]) is True


def test_a_new_export_replaces_the_folder_whole(built_warehouse: Path, tmp_path: Path) -> None:
    """`python -m opening_up parquet` writes a new folder beside the old one and swaps it in when it
    is complete: no mix of two exports, no staging folder left behind."""
    out = tmp_path / "dev-parquet"
    first, first_manifest = write_parquet(built_warehouse, out, "20260101T000000000000")
    (out / "stale.parquet").write_bytes(b"PAR1")
    second, manifest = write_parquet(built_warehouse, out, "20260102T000000000000")
    assert first == second == out
    assert not (out / "stale.parquet").exists()
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["build_id"] == "20260102T000000000000"
    assert [m["sha256"] for m in manifest["marts"]] == [m["sha256"] for m in first_manifest["marts"]]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dev-parquet"]


def test_the_cli_refuses_a_published_build_and_a_file_without_marts(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture) -> None:
    """`python -m opening_up parquet` never writes into a published build (its Parquet is part of it),
    and says what to run first on a file that has no marts yet."""
    from opening_up.cli import parquet

    empty = tmp_path / "dev.duckdb"
    duckdb.connect(str(empty)).close()
    published = tmp_path / "builds" / "20260101T000000000000" / "opening_up.duckdb"
    published.parent.mkdir(parents=True)
    duckdb.connect(str(published)).close()
    for database, message in (
        (empty, "has no marts yet: run `dbt build` first"),
        (published, "is a published build"),
    ):
        with pytest.raises(SystemExit) as exit_code:
            parquet(["--db", str(database)])
        assert exit_code.value.code == 2
        assert message in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["builds", "dev.duckdb"]
