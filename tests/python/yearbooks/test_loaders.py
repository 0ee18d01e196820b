"""The drop-folder loader on the NBS exports shipped in data/real/nbs/, on exports written in their exact
layout for every indicator the portal publishes, on the merged panel, and on the corpus of bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import require_shared
from opening_up.warehouse.ingest import ingest
from opening_up.yearbooks.drop_folder import SHIPPED_EXPORTS_DIR, load_drop_folder
from opening_up.yearbooks.loaders import REFERENCE_DIR, load_reference
from opening_up.yearbooks.merged_panel import column_map, load_merged_panel
from opening_up.yearbooks.sheets import YearbookError

PROJECT = Path(__file__).resolve().parents[3]
EXPORTS = SHIPPED_EXPORTS_DIR
CORPUS = PROJECT / "tests" / "yearbook_corpus"


def drop(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    return folder


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    return drop(tmp_path, *(path for path in EXPORTS.iterdir() if path.name.startswith("分省年度数据")))


def test_shipped_exports_are_the_shared_files_byte_for_byte() -> None:
    shared_exports = require_shared("data/nbs_exports")
    shipped = sorted(path.name for path in EXPORTS.glob("分省年度数据*.csv"))
    assert shipped == sorted(path.name for path in shared_exports.iterdir())
    for name in shipped:
        assert (EXPORTS / name).read_bytes() == (shared_exports / name).read_bytes(), name
    assert "RenJiyi163/panel_data_analysis_for_thesis" in (EXPORTS / "README.md").read_text(encoding="utf-8")
    assert "MIT License" in (EXPORTS / "LICENSE-RenJiyi163-MIT").read_text(encoding="utf-8")


def test_the_seven_exports_load(exports: Path) -> None:
    rows, report = load_drop_folder(exports)
    assert len(report.files) == 7
    beijing = rows[(rows.entity_name == "北京市") & (rows.year == 2024)].set_index("indicator_name")
    assert beijing.loc["地区生产总值", "value"] == "49670.2"
    assert beijing.loc["地区生产总值", "unit"] == "亿元"
    assert beijing.loc["地区生产总值", "source_row"] == 5
    assert beijing.loc["地区生产总值", "source_cell"] == "B"
    survey_2015 = rows[
        (rows.entity_name == "北京市") & (rows.year == 2015) & (rows.indicator_name == "人口数(人口抽样调查)")
    ]
    assert survey_2015.value.tolist() == ["335775"]
    # Series without a project code are loaded as printed too: dbt's resolver leaves them out and lists them.
    assert {
        "65岁及以上人口数(人口抽样调查)",
        "私营企业和个体就业人员",
        "固定资产投资(不含农户)实际到位资金_比上年增长",
        "公有经济企事业单位专业技术人员数",
    } < set(rows.indicator_name)
    assert set(rows.source_format) == {"nbs_export"}
    assert not rows.is_sample.any()


# The loader checks layouts and reads numbers; names, units and ranges are dbt's resolver's
# (test_resolver_refuses_...). Every other refused file is in test_refusals.py.
LAYOUT_REFUSALS = [
    ("undecodable.csv", "line 2: undecodable bytes"),
    ("non_numeric.csv", "line 5, cell C: value 'abc' is not a number"),
    ("year_out_of_range.csv", "line 4, cell C: year 1900 outside"),
    ("header_shifted.csv", "line 4, cell A: the header is shifted"),
    ("empty.csv", "the file is empty"),
]
RESOLVER_REFUSALS = [
    ("unknown_region.csv", 'line 6, cell A: unknown region name "火星省"'),
    ("unknown_unit.csv", 'line 2, cell A: unknown unit "万英镑" for indicator gdp'),
    ("unknown_indicator.csv", 'line 2, cell D: unknown indicator "幸福指数"'),
    ("negative_value.csv", "line 5, cell C: gdp must be non-negative, got -5"),
    ("indicator_of_another_entity.csv",
     'line 2, cell D: "口岸出口总额" is port_export_value, an indicator of port, not of a region'),
]


@pytest.mark.parametrize(("name", "message"), LAYOUT_REFUSALS)
def test_unreadable_layouts_are_refused_naming_file_line_and_cell(
    tmp_path: Path, name: str, message: str
) -> None:
    with pytest.raises(YearbookError, match=None) as error:
        load_drop_folder(drop(tmp_path, CORPUS / name))
    assert name in str(error.value)
    assert message in str(error.value)


@pytest.fixture
def ingested_copy(built_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Ingest a drop folder into a copy of the built warehouse (same file name, so the same catalog
    its views name); returns a function reading a staging view of the copy."""
    copy = tmp_path / "copy" / built_warehouse.name
    copy.parent.mkdir()
    shutil.copy(built_warehouse, copy)

    def load(folder: Path) -> Path:
        ingest(copy, folder)
        return copy
    return load


@pytest.mark.parametrize(("name", "message"), RESOLVER_REFUSALS)
def test_resolver_refuses_unknown_names_units_and_values_naming_file_line_and_cell(
        ingested_copy, tmp_path: Path, name: str, message: str) -> None:
    """The loader loads these files as printed; reading the drop folder's staging view (as dbt build
    does) raises the resolver's error, naming the file, the line and the cell."""
    database = ingested_copy(drop(tmp_path, CORPUS / name))
    with duckdb.connect(str(database), read_only=True) as connection:
        with pytest.raises(duckdb.Error) as error:
            connection.sql("select * from intermediate.int_drop_folder_observations").fetchall()
    assert name in str(error.value)
    assert message in str(error.value)


def test_conflicting_values_fail_the_staging_test(
    ingested_copy, built_warehouse: Path, tmp_path: Path
) -> None:
    """北京市 and 北京 are one region: two values for its 2024 GDP of one vintage fail a data test
    that returns both rows with their files and lines (the test as dbt compiled it, run on the copy)."""
    database = ingested_copy(drop(tmp_path, CORPUS / "duplicate_conflict.csv"))
    compiled = (
        built_warehouse.parent / "target" / "compiled" / "opening_up" / "models" / "intermediate" / "yearbook"
    )
    test_sql = next(compiled.rglob("drop_folder_values_do_not_conflict.sql")).read_text(encoding="utf-8")
    with duckdb.connect(str(database), read_only=True) as connection:
        failures = connection.sql(
            f"select source_row, printed_entity_name, value from ({test_sql})"
        ).fetchall()
    assert sorted(failures) == [(2, "北京市", 49670.2), (3, "北京", 49000.0)]


def test_full_width_digits_and_blanks_are_accepted_with_notes(tmp_path: Path) -> None:
    rows, report = load_drop_folder(drop(tmp_path, CORPUS / "fullwidth_and_separators.csv"))
    assert sorted(rows.value) == ["47353.7", "49670.2"]
    assert len(report.notes) == 2
    assert "read as 49670.2" in report.notes[0]


def test_xlsx_and_manifest_vintage(tmp_path: Path) -> None:
    from openpyxl import Workbook

    folder = tmp_path / "drop"
    folder.mkdir()
    book = Workbook()
    sheet = book.active
    sheet.title = "gdp"
    for row in (["entity_type", "entity_name", "year", "indicator_name", "unit", "value"],
                ["region", "辽宁", 2021, "进出口总额", "亿美元", 1194.77]):
        sheet.append(row)
    book.save(folder / "trade.xlsx")
    (folder / "manifest.csv").write_text("file,vintage\ntrade.xlsx,2022\n", encoding="utf-8")
    rows, _ = load_drop_folder(folder)
    assert rows.vintage.tolist() == [2022]
    assert rows.source_file.tolist() == ["trade.xlsx#gdp"]


def test_a_workbook_is_read_from_the_sheets_that_hold_a_table(tmp_path: Path) -> None:
    """An empty first sheet and a sheet of notes are left out, the table on the third sheet is read, and
    the load says which sheets it read; a workbook with no cell at all is empty."""
    from openpyxl import Workbook

    folder = tmp_path / "drop"
    folder.mkdir()
    book = Workbook()
    book.active.title = "封面"
    notes = book.create_sheet("说明")
    notes.append(["本表数据来源：辽宁统计年鉴。"])
    table = book.create_sheet("表1")
    for row in (["entity_type", "entity_name", "year", "indicator_name", "unit", "value"],
                ["region", "辽宁", 2021, "进出口总额", "亿美元", 1194.77]):
        table.append(row)
    book.save(folder / "trade.xlsx")
    rows, report = load_drop_folder(folder)
    assert rows.source_file.tolist() == ["trade.xlsx#表1"]
    assert rows.value.tolist() == ["1194.77"]
    assert report.notes == [
        f"{folder / 'trade.xlsx'}: read the sheets that hold a table: 表1 (no table in 封面, 说明)"
    ]
    Workbook().save(folder / "trade.xlsx")
    with pytest.raises(YearbookError, match="the workbook is empty"):
        load_drop_folder(folder)


def test_thousands_of_unknown_columns_are_named_by_the_first_few_and_counted(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    extra = [f"列{i}" for i in range(5000)]
    header = ["entity_type", "entity_name", "year", "indicator_name", "unit", "value", *extra]
    (folder / "wide.csv").write_text(
        ",".join(header)
        + "\n"
        + ",".join(["region", "辽宁", "2021", "进出口总额", "亿美元", "1194.77", *[""] * 5000])
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(YearbookError) as error:
        load_drop_folder(folder)
    message = str(error.value)
    assert "5,000 unknown columns 列0, 列1, 列2, 列3, 列4 and 4,995 more (the template's columns:" in message
    assert len(message) < 500


def test_gdp_at_current_prices_is_gdp(tmp_path: Path) -> None:
    """The portal's 地区生产总值(当年价格) is 地区生产总值 (current prices); 可比价格 (an index) is not."""
    reference = load_reference()
    assert reference.indicators["地区生产总值(当年价格)"] == "gdp"
    assert not any("可比价格" in alias and code == "gdp" for alias, code in reference.indicators.items())
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "分省年度数据.csv").write_bytes(
        _portal_export("地区生产总值(当年价格)(亿元)", ["北京市"], [2024], [["49670.2"]])
    )
    rows, _ = load_drop_folder(folder)
    assert rows.indicator_name.tolist() == ["地区生产总值(当年价格)"]
    assert rows.unit.tolist() == ["亿元"]


def _portal_export(
    indicator_line: str, regions: list[str], years: list[int], values: list[list[str]]
) -> bytes:
    """A file in the NBS portal's exact layout: GBK, CRLF, 数据库/指标/时间 lines, 地区 x 年 (newest
    first), 注 and 数据来源 footers."""
    lines = ["数据库：分省年度数据", f"指标：{indicator_line}", "时间：最近20年",
             ",".join(["地区"] + [f"{year}年" for year in years])]
    lines += [",".join([region] + cells) for region, cells in zip(regions, values, strict=True)]
    lines += ["注：本表数据为测试用的虚构数字。", "数据来源：国家统计局"]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def test_every_portal_indicator_loads_on_its_indicator_unit_and_conversion(tmp_path: Path) -> None:
    """One made-up export per ref_indicator_sources row the portal publishes: each lands on the
    indicator it loads as, in a unit the warehouse knows, converted by the seed's factor."""
    sources = pd.read_csv(REFERENCE_DIR / "ref_indicator_sources.csv", dtype=str, keep_default_na=False)
    portal = sources[sources.export_indicator_line != ""]
    conversions = pd.read_csv(REFERENCE_DIR / "ref_unit_conversions.csv", dtype={"factor": float})
    canonical = (
        pd.read_csv(REFERENCE_DIR / "ref_indicators.csv", dtype=str)
        .set_index("indicator_code")
        .canonical_unit
    )
    reference = load_reference()
    assert len(portal) >= 15
    for row in portal.itertuples():
        folder = tmp_path / f"{row.indicator_code}-{row.entity_scope}"
        folder.mkdir()
        regions = ["全国"] if row.entity_scope == "nation" else ["北京市", "广西壮族自治区"]
        values = [["12345.6", "", "234.5"]] * len(regions)
        (folder / "分省年度数据.csv").write_bytes(_portal_export(row.export_indicator_line, regions,
                                                              [2024, 2023, 2022], values))
        rows, _ = load_drop_folder(folder)
        assert len(rows) == 2 * len(regions)  # the blank 2023 cells are not loaded
        assert set(rows.unit) == {row.export_unit}
        codes = {reference.indicators[name] for name in rows.indicator_name}
        assert codes == {row.loads_as}, row.export_indicator_line
        factor = conversions[(conversions.unit_alias == row.export_unit)
                             & (conversions.canonical_unit == canonical[row.loads_as])].factor
        assert len(factor) == 1, (row.export_unit, canonical[row.loads_as])
        assert float(rows.value.iloc[0]) * factor.iloc[0] == pytest.approx(12345.6 * factor.iloc[0])


def test_merged_panel_columns_are_all_mapped_or_refused(tmp_path: Path) -> None:
    rows = load_merged_panel()
    columns = column_map()
    assert set(rows.indicator_name) == set(columns.indicator_code[columns.is_loaded])
    assert not rows.is_sample.any()
    assert rows.vintage.isna().all()
    cell = rows[(rows.entity_name == "四川") & (rows.year == 2006) & (rows.indicator_name == "trade_total")]
    assert cell[["value", "unit", "source_row", "source_cell"]].values.tolist() == [
        ["3110468.965", "万美元", 103, "S"]
    ]
    # A column the seed does not name is refused, naming it.
    text = (PROJECT / "data/real/merged_panel/分省年度数据_整合.csv").read_text(encoding="utf-8-sig")
    header, rest = text.split("\n", 1)
    changed = tmp_path / "panel.csv"
    changed.write_text(header + ",新列_亿元\n" + rest, encoding="utf-8")
    with pytest.raises(
        YearbookError, match="新列_亿元 are not in seeds/reference/ref_merged_panel_columns.csv"
    ):
        load_merged_panel(changed)
