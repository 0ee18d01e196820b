"""The drop-folder loader on the shared NBS exports (../shared/data) and on the corpus of bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from opening_up.loaders import YearbookError, load_drop_folder

PROJECT = Path(__file__).resolve().parents[2]
EXPORTS = PROJECT.parent / "shared" / "data" / "nbs_exports"
CORPUS = PROJECT / "tests" / "yearbook_corpus"


def drop(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    for file in files:
        shutil.copy(file, folder / file.name)
    return folder


@pytest.fixture()
def exports(tmp_path: Path) -> Path:
    if not EXPORTS.exists():
        pytest.skip("../shared/data is not beside the project")
    return drop(tmp_path, *EXPORTS.iterdir())


def test_the_seven_exports_load(exports: Path) -> None:
    rows, report = load_drop_folder(exports)
    assert len(report.files) == 7
    beijing = rows[(rows.entity_name == "北京市") & (rows.year == 2024)].set_index("indicator_name")
    assert beijing.loc["地区生产总值", "value"] == "49670.2"
    assert beijing.loc["地区生产总值", "unit"] == "亿元"
    assert beijing.loc["地区生产总值", "source_row"] == 5 and beijing.loc["地区生产总值", "source_cell"] == "B"
    survey_2015 = rows[(rows.entity_name == "北京市") & (rows.year == 2015) & (rows.indicator_name == "人口数(人口抽样调查)")]
    assert survey_2015.value.tolist() == ["335775"]
    assert sorted(report.skipped_indicators.values()) == sorted([
        "65岁及以上人口数(人口抽样调查)", "私营企业和个体就业人员", "固定资产投资(不含农户)实际到位资金_比上年增长",
        "公有经济企事业单位专业技术人员数"])
    assert not rows.is_sample.any()


@pytest.mark.parametrize(("name", "message"), [
    ("undecodable.csv", "line 2: undecodable bytes"),
    ("unknown_region.csv", "line 6, cell A: unknown region '火星省'"),
    ("unknown_unit.csv", "line 2, cell A: unknown unit '万英镑'"),
    ("unknown_indicator.csv", "line 2, cell D: unknown indicator '幸福指数'"),
    ("non_numeric.csv", "line 5, cell C: 'abc' is not a number"),
    ("year_out_of_range.csv", "line 4, cell C: year 1900 outside"),
    ("negative_value.csv", "line 5, cell C: gdp must be non-negative"),
    ("duplicate_conflict.csv", "given twice with different values"),
    ("header_shifted.csv", "line 4, cell A: the header is shifted"),
    ("empty.csv", "the file is empty"),
])
def test_bad_files_are_refused_naming_file_line_and_cell(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(YearbookError, match=None) as error:
        load_drop_folder(drop(tmp_path, CORPUS / name))
    assert name in str(error.value) and message in str(error.value)


def test_full_width_digits_and_blanks_are_accepted_with_notes(tmp_path: Path) -> None:
    rows, report = load_drop_folder(drop(tmp_path, CORPUS / "fullwidth_and_separators.csv"))
    assert sorted(rows.value) == ["47353.7", "49670.2"]
    assert len(report.notes) == 2 and "read as 49670.2" in report.notes[0]


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
    assert rows.source_file.tolist() == [f"{folder / 'trade.xlsx'}#gdp"]
