"""Yearbook tables as printed (tests/yearbook_tables/, made by its make_corpus.py): every table of the
corpus loads onto the cells its figures come from (paper 004's Table 1 and the shipped NBS exports:
real; the port and city tables: the sample's figures under real names), in the drop-folder loader and
then in the warehouse's observations mart; every bad variant is refused naming file, sheet, line
and cell (the refresh's refusal, with the published file unchanged, is in test_refusals.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import PROJECT_ROOT, run_dbt
from opening_up.warehouse.ingest import ingest
from opening_up.yearbooks.drop_folder import load_drop_folder, load_shipped_exports
from opening_up.yearbooks.loaders import load_reference
from opening_up.yearbooks.provincial_accounts import load_provincial_accounts
from opening_up.yearbooks.sheets import YearbookError
from opening_up.yearbooks.sidecar import read_sidecar

CORPUS = PROJECT_ROOT / "tests" / "yearbook_tables"
GOOD = sorted(p.name for p in (CORPUS / "good").iterdir() if p.suffix != ".yml")
REFERENCE = load_reference()

# table -> (where its figures come from, entity type, cells it holds); figures printed in 万元 from the
# sample's 亿元 are rounded to the 万元 (RELATIVE), t15's are the sample's x 1.08 (SCALED).
EXPECTED = {
    "t01_004_border_opening_2020.xls": ("004", "region", 48),
    "t02_004_inbound_tourists_by_year.xlsx": ("004", "region", 35),
    "t03_nbs_gdp_employment_2022.csv": ("nbs", "region", 62),
    "t04_nbs_gdp_main_years.xls": ("nbs", "region", 124),
    "t05_guangxi_main_indicators.xlsx": ("nbs", "region", 18),
    "t06_yunnan_indicators_by_year.csv": ("nbs", "region", 8),
    "t07_004_trade_investment.xlsx": ("004", "region", 27),
    "t08_city_yearbook_2018.xls": ("sample", "prefecture", 30),
    "t09_city_retail_by_year.csv": ("sample", "prefecture", 40),
    "t10_port_yearbook_2016.xls": ("sample", "port", 70),
    "t11_port_inbound_by_year.xlsx": ("sample", "port", 40),
    "t12_national_main_indicators.xlsx": ("004", "region", 16),
    "t13_fie_by_region_2019.xls": ("sample", "region", 31),
    "t14_guangxi_gdp_main_years.xlsx": ("accounts", "region", 25),
    "t15_city_gdp_tertiary_2018.xls": ("sample", "prefecture", 10),
    "t16_city_primary_investment_2018.csv": ("sample", "prefecture", 10),
}
RELATIVE = {"t15_city_gdp_tertiary_2018.xls": 1e-6, "t16_city_primary_investment_2018.csv": 1e-6}
SCALED = {"t15_city_gdp_tertiary_2018.xls": 1.08}
CONFLICTING = {"t14_guangxi_gdp_main_years.xlsx", "t15_city_gdp_tertiary_2018.xls"}
# bad variant -> what the refusal says after the file (and sheet)
BAD = {
    "ambiguous_header.xlsx": "#Sheet, lines 2-3, cell B: the header '货物进出口总额/实际使用外资' could be",
    "figures_under_blank_header.csv": ", line 3, cell C: a figure under a blank header (a shifted row?",
    "shifted_row.xls": "#Sheet1, line 4, cell C: a figure under a blank header (a shifted row?",
    "no_year.csv": ", line 1: no year in the title or the header",
    "two_years_in_title.csv": ", line 1: the title names the years [2019, 2020]",
    "too_many_header_rows.csv": ", lines 2-5: 4 header rows where a yearbook prints one to 3",
}


def canonical(rows: pd.DataFrame) -> dict[tuple, float]:
    """Raw rows resolved as dbt's resolver does (aliases, unit factors): (type, code, year, indicator) ->
    value."""
    out = {}
    aliases = {"region": REFERENCE.regions, "prefecture": REFERENCE.prefectures, "port": REFERENCE.ports}
    for row in rows.itertuples():
        code = REFERENCE.indicators.get(row.indicator_name.strip())
        if code is None:  # an export's series without a project code (left out by the resolver too)
            continue
        key = (row.entity_type, aliases[row.entity_type][row.entity_name.strip()], int(row.year), code)
        out[key] = float(row.value) * REFERENCE.factors[(code, row.unit.strip())]
    return out


def source_cells(source: str) -> dict[tuple, float]:
    if source == "nbs":
        return canonical(load_shipped_exports()[0])
    if source == "004":
        frame = pd.read_csv(PROJECT_ROOT / "seeds/published/border_opening/pub_border_opening.csv", dtype=str)
        frame = frame[frame.row_type.isin(["province", "national"]) & frame.value.notna()]
        return {("region", row.region_code, int(row.year), row.indicator_code): float(row.value)
                for row in frame.itertuples()}
    frame = pd.read_csv(PROJECT_ROOT / "seeds/sample/sample_yearbook_observations.csv", dtype=str)
    if source == "accounts":
        # The provincial accounts (real), and the sample for the per-capita GDP beside them.
        accounts = load_provincial_accounts()
        accounts = accounts[accounts.entity_name == "广西"]
        return canonical(frame[frame.entity_name == "广西壮族自治区"]) | canonical(accounts)
    return canonical(frame)


def drop(tmp_path: Path, *names: str, subfolder: str = "good") -> Path:
    folder = tmp_path / "drop"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / subfolder / name, folder / name)
        sidecar = CORPUS / subfolder / f"{name}.yml"
        if sidecar.exists():
            shutil.copy(sidecar, folder / sidecar.name)
    return folder


def test_the_corpus_covers_the_layouts() -> None:
    """16 tables at least, in .xls, .xlsx and CSV (GBK among them), of provinces, cities and ports."""
    assert sorted(EXPECTED) == GOOD
    assert len(GOOD) >= 16
    assert {Path(name).suffix for name in GOOD} == {".xls", ".xlsx", ".csv"}
    assert {entity_type for _, entity_type, _ in EXPECTED.values()} == {"region", "prefecture", "port"}
    gbk = [name for name in GOOD if name.endswith(".csv") and not _is_utf8(CORPUS / "good" / name)]
    assert gbk


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("name", GOOD)
def test_each_table_loads_onto_the_cells_of_its_source(tmp_path: Path, name: str) -> None:
    source, entity_type, n_cells = EXPECTED[name]
    rows, report = load_drop_folder(drop(tmp_path, name))
    assert set(rows.entity_type) == {entity_type}
    assert (rows.source_format == "yearbook_table").all()
    loaded, expected = canonical(rows), source_cells(source)
    assert len(loaded) == len(rows) == n_cells
    for key, value in loaded.items():
        assert value == pytest.approx(expected[key] * SCALED.get(name, 1), rel=RELATIVE.get(name, 1e-12)), key
    assert rows.entity_location.str.match(r"line \d+, cell [A-Z]|line \d+ \(title\)|sidecar ").all()


def test_the_notes_name_what_was_skipped(tmp_path: Path) -> None:
    _, report = load_drop_folder(
        drop(
            tmp_path,
            "t01_004_border_opening_2020.xls",
            "t03_nbs_gdp_employment_2022.csv",
            "t08_city_yearbook_2018.xls",
            "t07_004_trade_investment.xlsx",
        )
    )
    notes = "\n".join(report.notes)
    assert "line 14, cell A: row '沿边地区合计' (an aggregate) skipped" in notes
    assert "line 3, cell D: column '65岁及以上人口数' names nothing the project knows" in notes
    assert "lines 2-3, cell C: 市辖区 (city districts) column skipped; 全市 (whole city) is loaded" in notes
    assert any(
        entry.startswith("t07_004_trade_investment.xlsx.yml: the sidecar of") for entry in report.skipped
    )


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_variant_is_refused_naming_the_cell(tmp_path: Path, name: str) -> None:
    folder = drop(tmp_path, name, subfolder="bad")
    with pytest.raises(YearbookError) as error:
        load_drop_folder(folder)
    assert f"{folder / name}{BAD[name]}" in str(error.value)


def test_a_sidecar_settles_what_the_table_does_not_say(tmp_path: Path) -> None:
    folder = drop(tmp_path, "no_year.csv", subfolder="bad")
    (folder / "no_year.csv.yml").write_text("year: 2020\n", encoding="utf-8")
    rows, _ = load_drop_folder(folder)
    assert set(rows.year) == {2020}
    assert len(rows) == 4
    assert set(rows.indicator_location) == {"line 2, cell B"}
    (folder / "no_year.csv.yml").write_text("year: 2020\ncolour: red\n", encoding="utf-8")
    with pytest.raises(YearbookError, match=r"no_year.csv.yml: unknown keys colour"):
        read_sidecar(folder / "no_year.csv")
    (folder / "orphan.csv.yml").write_text("year: 2020\n", encoding="utf-8")
    (folder / "no_year.csv.yml").unlink()
    with pytest.raises(
        YearbookError, match=r"orphan.csv.yml: the sidecar of orphan.csv, which is not in the folder"
    ):
        load_drop_folder(folder)


# bad variant -> the sidecar that settles it, and what the table then loads (cells, indicators as read)
SETTLED = {
    "ambiguous_header.xlsx": (
        "columns: {B: {indicator: 货物进出口总额, unit: 亿美元}}\n",
        4,
        {"货物进出口总额"},
    ),
    "figures_under_blank_header.csv": ("columns: {C: skip}\n", 4, {"货物进出口总额"}),
    "two_years_in_title.csv": ("year: 2020\n", 4, {"货物进出口总额"}),
    "too_many_header_rows.csv": ("header_rows: [5, 6]\n", 4, {"货物进出口总额"}),
}


@pytest.mark.parametrize("name", sorted(SETTLED))
def test_the_sidecar_key_a_refusal_names_settles_it(tmp_path: Path, name: str) -> None:
    """Each refusal names a sidecar key (docs/yearbook_template.md, "Sidecar"); with it, the table loads."""
    text, n_cells, indicators = SETTLED[name]
    folder = drop(tmp_path, name, subfolder="bad")
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    rows, _ = load_drop_folder(folder)
    assert len(rows) == n_cells
    assert set(rows.indicator_name) == indicators
    assert set(rows.year) == {2020}
    assert set(rows.entity_name) == {"内蒙古", "辽宁", "吉林", "黑龙江"}


def test_a_one_entity_table_takes_its_entity_and_type_from_the_sidecar(tmp_path: Path) -> None:
    exports = load_shipped_exports()[0]
    gdp = exports[(exports.entity_name == "广西壮族自治区") & (exports.indicator_name == "地区生产总值")
                  & exports.year.isin([2021, 2022])].sort_values("year")
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "main.csv").write_text(
        "主要指标\n年份,地区生产总值(亿元)\n"
        + "".join(f"{row.year}年,{row.value}\n" for row in gdp.itertuples()),
        encoding="utf-8",
    )
    with pytest.raises(
        YearbookError, match=r"main.csv, line 1: a table of one entity, but the title names none"
    ):
        load_drop_folder(folder)
    (folder / "main.csv.yml").write_text("entity: 广西\n", encoding="utf-8")
    rows, _ = load_drop_folder(folder)
    assert set(rows.entity_name) == {"广西"}
    assert set(rows.entity_type) == {"region"}
    assert len(rows) == 2
    assert set(rows.entity_location) == {"sidecar main.csv.yml: entity"}


def test_the_corpus_lands_on_the_marts_cells(built_warehouse: Path, tmp_path: Path) -> None:
    """All the tables dropped together, loaded and resolved by dbt: every figure is the resolved
    observation of its cell in marts.fct_yearbook_observations, from its table, as real."""
    copy = tmp_path / "corpus.duckdb"
    shutil.copy(built_warehouse, copy)
    # Two tables of one load (one vintage) holding a cell with two figures are a conflict: t14's GDP as
    # first published meets t04's revised 2010 GDP, and t15 prints t08's cities' figures x 1.08. They
    # land in tests/python/yearbooks/test_subject_rules.py.
    tables = [name for name in GOOD if name not in CONFLICTING]
    folder = drop(tmp_path, *tables)
    ingest(copy, folder)
    result = run_dbt(PROJECT_ROOT, copy, "run", "--select", "int_drop_folder_observations",
                     "int_observations_unioned", "int_observations_resolved", "fct_yearbook_observations")
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(copy), read_only=True) as connection:
        marts = connection.execute(
            "select entity_type, entity_code, year, indicator_code, value, source, is_sample "
            "from marts.fct_yearbook_observations where source like 'drop folder: t%'").fetchall()
    landed = {tuple(row[:4]): row[4:] for row in marts}
    expected: dict[tuple, float] = {}
    for name in tables:
        # Two tables may hold the same cell (the nation's 2020 figures of paper 004): the same figure.
        expected |= canonical(load_drop_folder(drop(tmp_path / name, name))[0])
    assert set(landed) == set(expected)
    for key, value in expected.items():
        assert landed[key][0] == pytest.approx(value, rel=1e-12), key
        assert not landed[key][2], key


SOURCES = pd.read_csv(
    PROJECT_ROOT / "seeds/reference/ref_indicator_sources.csv", dtype=str, keep_default_na=False
)
YEARBOOK_SOURCES = SOURCES[SOURCES.table_layout != "nbs_export"]


@pytest.mark.parametrize(
    "key", [f"{row.indicator_code}__{row.entity_scope}" for row in YEARBOOK_SOURCES.itertuples()]
)
def test_every_yearbook_table_a_needs_line_names_is_in_the_corpus(tmp_path: Path, key: str) -> None:
    """tests/yearbook_tables/needs/ (make_needs_tables.py) holds each yearbook table ref_indicator_sources
    names, as that yearbook prints it; it loads onto the line's indicator (loads_as) and entity scope
    (the round trip, test_needs_round_trip.py, prints every needed cell the same way)."""
    line = YEARBOOK_SOURCES.set_index(
        YEARBOOK_SOURCES.indicator_code + "__" + YEARBOOK_SOURCES.entity_scope
    ).loc[key]
    names = [p.name for p in (CORPUS / "needs").glob(f"{key}.*") if p.suffix != ".yml"]
    assert len(names) == 1, names
    rows, _ = load_drop_folder(drop(tmp_path, names[0], subfolder="needs"))
    codes = set(rows.indicator_name.map(REFERENCE.indicators))
    assert codes == {line.loads_as or line.indicator_code}
    entity_type = {"provinces": "region", "nation": "region", "prefectures": "prefecture", "ports": "port"}
    assert set(rows.entity_type) == {entity_type[line.entity_scope]}
    nation = set(rows.entity_name.map(REFERENCE.regions)) == {"000000"}
    assert nation == (line.entity_scope == "nation")
    assert len(rows) >= 3
    assert set(rows.unit) == {line.table_unit}
