"""Columns read with their subject (issue 32): each subject + column rule of ref_indicator_aliases with the
table it comes from (tests/yearbook_tables/, make_subject_tables.py), the titles that name a derived figure
and are no subject, and, through the refresh, the three tables a user's reading must load, a partial real
city table beside sample sectors, and a table whose own sectors do not sum to its GDP, refused naming its
file, line and values."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import PROJECT_ROOT, partial_build
from opening_up.warehouse.refresh import refresh
from opening_up.warehouse.refresh_report import print_outcome
from opening_up.yearbooks.drop_folder import load_drop_folder
from opening_up.yearbooks.loaders import load_reference
from opening_up.yearbooks.sheets import YearbookError

TABLES = PROJECT_ROOT / "tests" / "yearbook_tables"
REFERENCE = load_reference()
# What the refresh rebuilds from the session's warehouse: the drop folder's observations through the
# relations, the panels and the marts that show them, with their tests.
MODELS = (
    "int_drop_folder_observations",
    "int_observations_unioned",
    "int_observations_resolved",
    "int_observation_relations",
    "int_province_panel",
    "int_prefecture_panel",
    "int_coverage_input_cells",
    "rpt_input_coverage",
    "fct_yearbook_observations",
)


def drop(folder: Path, *names: str, subfolder: str = "good") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        for path in (TABLES / subfolder).glob(f"{name}*"):
            shutil.copy(path, folder / path.name)
    return folder


def read(folder: Path) -> tuple[pd.DataFrame, list[str]]:
    rows, report = load_drop_folder(folder)
    return rows, report.notes


def write_csv(folder: Path, name: str, lines: list[str], sidecar: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if sidecar:
        (folder / f"{name}.yml").write_text(sidecar, encoding="utf-8")
    return folder


GROUP_OVER_SECTORS = [
    "3-9  地区生产总值(2010年),,,,,",
    "地区,地区生产总值(亿元),,,,出口额",
    ",合计,第一产业,第二产业,第三产业,",
    "广西,9569.85,1675.06,4511.68,3383.11,…"]


def nation_gdp_table() -> list[str]:
    """中国统计年鉴 3-1 国内生产总值 (the nation's years x 国内生产总值 | 第一产业 | 第二产业 |
    第三产业), with the SAMPLE figures of 全国 for 2000 as the warehouse's sample holds them."""
    sample = pd.read_csv(PROJECT_ROOT / "seeds/sample/sample_yearbook_observations.csv", dtype=str)
    nation = (
        sample[(sample.entity_name == "全国") & (sample.year == "2000")].set_index("indicator_name").value
    )
    return ["3-1  国内生产总值,,,,", "单位：亿元,,,,", "年份,国内生产总值,第一产业,第二产业,第三产业",
            f"2000年,{nation['地区生产总值']},{nation['第一产业增加值']},{nation['第二产业增加值']},{nation['第三产业增加值']}"]


def test_every_subject_rule_is_read_from_a_table_it_comes_from(tmp_path: Path) -> None:
    """Each subject + column rule (an alias `subject/column`) names a known indicator, says where it was
    seen, and is what some table of the corpus or of this module is read as."""
    aliases = pd.read_csv(
        PROJECT_ROOT / "seeds/reference/ref_indicator_aliases.csv", dtype=str, keep_default_na=False
    )
    rules = aliases[aliases.indicator_alias.str.contains("/")]
    assert (rules.seen_in.str.len() > 0).all(), rules[rules.seen_in == ""]
    assert set(rules.indicator_code) <= set(REFERENCE.indicators.values())
    corpus = drop(tmp_path / "corpus", *(p.name for p in (TABLES / "good").iterdir() if p.suffix != ".yml"))
    write_csv(tmp_path / "inline", "group.csv", GROUP_OVER_SECTORS)
    write_csv(tmp_path / "inline", "nation.csv", nation_gdp_table(), sidecar="entity: 全国\n")
    read_as = set(read(corpus)[0].indicator_name) | set(read(tmp_path / "inline")[0].indicator_name)
    assert set(rules.indicator_alias) <= read_as, set(rules.indicator_alias) - read_as


def test_the_title_gives_the_subject_of_investment_total(tmp_path: Path) -> None:
    """中国统计年鉴 11-14 按地区分外商投资企业投资总额: 投资总额 under that title is 外商投资企业投资总额;
    企业数 and 注册资本 (合计, 外方) name nothing the project knows, and say so."""
    rows, notes = read(drop(tmp_path, "t13_fie_by_region_2019"))
    assert set(rows.indicator_name) == {"外商投资企业/投资总额"}
    assert len(rows) == 31
    assert set(rows.year) == {2019}
    assert REFERENCE.indicators["外商投资企业/投资总额"] == "fie_total_investment"
    assert set(rows.indicator_location) == {"line 1 (title) and lines 3-4, cell C"}
    assert set(rows.unit) == {"亿美元"}
    skipped = [note.split(": ", 1)[1] for note in notes]
    assert skipped == [f"column {name!r} names nothing the project knows (ref_indicator_aliases): skipped"
                       for name in ("企业数(户)", "注册资本/合计", "注册资本/外方")]


def test_a_classifier_group_leaves_the_subject_to_the_title(tmp_path: Path) -> None:
    """A province's 3-1 地区生产总值(主要年份): 按产业分 over 第一/二/三产业 read as the sectors' value
    added."""
    rows, notes = read(drop(tmp_path, "t14_guangxi_gdp_main_years"))
    codes = rows.indicator_name.map(REFERENCE.indicators)
    assert codes.value_counts().to_dict() == {"gdp": 5, "va_primary": 5, "va_secondary": 5, "va_tertiary": 5,
                                              "gdp_per_capita": 5}
    assert notes == []
    secondary = rows[codes == "va_secondary"].set_index("year")
    assert secondary.loc[2010, "value"] == "4511.68"
    assert secondary.loc[2010, "unit"] == "亿元"
    assert secondary.loc[2010, "indicator_location"] == "line 1 (title) and lines 3-4, cell D"


def test_a_column_marked_as_a_part_is_read_with_the_subject(tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path / "drop",
        "gdp.csv",
        [
            "3-1  地区生产总值(主要年份),,",
            "单位：亿元,,",
            "年份,地区生产总值,其中：第三产业",
            "2010年,9569.85,3383.11",
        ],
        sidecar="entity: 广西\n",
    )
    rows, _ = read(folder)
    assert rows.indicator_name.tolist() == ["地区生产总值", "地区生产总值/第三产业"]


@pytest.mark.parametrize("group", ["按产业分", "按三次产业分", "三次产业", "其中"])
def test_every_classifier_group_leaves_the_subject_to_the_title(tmp_path: Path, group: str) -> None:
    folder = write_csv(
        tmp_path / "drop",
        "gdp.csv",
        [
            "地区生产总值(2010年),,",
            "单位：亿元,,",
            f"地区,{group},",
            ",第一产业,第二产业",
            "广西,1675.06,4511.68",
        ],
    )
    rows, _ = read(folder)
    assert rows.indicator_name.tolist() == ["地区生产总值/第一产业", "地区生产总值/第二产业"]


def test_a_group_header_is_the_nearest_subject(tmp_path: Path) -> None:
    """中国统计年鉴 3-9's layout: 地区生产总值(亿元) over 第一产业 … (the group, not the title, is the
    subject); a group that names no subject the project knows with a column skips the column."""
    folder = write_csv(tmp_path / "drop", "gdp_by_sector.csv", GROUP_OVER_SECTORS)
    rows, notes = read(folder)
    assert dict(zip(rows.indicator_name, rows.value, strict=True)) == {
        "地区生产总值": "9569.85",
        "地区生产总值/第一产业": "1675.06",
        "地区生产总值/第二产业": "4511.68",
        "地区生产总值/第三产业": "3383.11",
    }
    assert set(rows.indicator_location) == {"lines 2-3, cell B", "lines 2-3, cell C", "lines 2-3, cell D",
                                            "lines 2-3, cell E"}
    assert any("cell F: column '出口额' names nothing the project knows" in note for note in notes)


def test_the_nations_gdp_table_reads_its_sectors(tmp_path: Path) -> None:
    """中国统计年鉴 3-1 国内生产总值: the nation's sectors under the title's subject 国内生产总值."""
    folder = write_csv(tmp_path / "drop", "gdp_nation.csv", nation_gdp_table(), sidecar="entity: 全国\n")
    rows, _ = read(folder)
    assert rows.indicator_name.map(REFERENCE.indicators).tolist() == [
        "gdp",
        "va_primary",
        "va_secondary",
        "va_tertiary",
    ]
    assert set(rows.entity_name) == {"全国"}
    assert set(rows.unit) == {"亿元"}


def test_an_indented_row_is_read_with_the_row_above(tmp_path: Path) -> None:
    """A province's 主要指标 as indicators x years: `　第一产业` indented under 地区生产总值 is its value
    added (广西's provincial accounts, real); an indented row naming nothing known is skipped, noted."""
    folder = write_csv(tmp_path / "drop", "main.csv", [
        "1-2  广西壮族自治区主要经济指标,,,", "指标,单位,2010年,2011年",
        "地区生产总值,亿元,9569.85,11720.87", "\u3000第一产业,亿元,1675.06,2047.23",
        "\u3000第二产业,亿元,4511.68,5675.32", "\u3000#工业,亿元,…,…", "其中：第三产业,亿元,3383.11,3998.33",
        "人均地区生产总值,元,…,…"])
    rows, notes = read(folder)
    read_as = rows.groupby("indicator_name").value.apply(list).to_dict()
    assert read_as == {
        "地区生产总值": ["9569.85", "11720.87"],
        "地区生产总值/第一产业": ["1675.06", "2047.23"],
        "地区生产总值/第二产业": ["4511.68", "5675.32"],
        "地区生产总值/第三产业": ["3383.11", "3998.33"],
    }
    assert set(rows.entity_name) == {"广西壮族自治区"}
    assert set(rows.unit) == {"亿元"}
    assert notes == []


@pytest.mark.parametrize(
    "title",
    [
        "3-3  地区生产总值构成(地区生产总值=100)",
        "3-4  地区生产总值指数(上年=100)",
        "3-5  地区生产总值增长速度(%)",
    ],
)
def test_a_title_naming_a_derived_figure_is_no_subject(tmp_path: Path, title: str) -> None:
    """Shares, indices and growth rates of the sectors are not the sectors' value added: skipped, noted."""
    folder = write_csv(
        tmp_path / "drop",
        "derived.csv",
        [f"{title},,,", "单位：%,,,", "年份,地区生产总值,第一产业,第二产业", "2010年,…,17.5,47.1"],
        sidecar="entity: 广西\n",
    )
    with pytest.raises(Exception, match="no figure of a known indicator"):
        read(folder)
    (folder / "derived.csv").write_text(
        (folder / "derived.csv").read_text(encoding="utf-8").replace("2010年,…", "2010年,100"),
        encoding="utf-8",
    )
    rows, notes = read(folder)
    assert rows.indicator_name.tolist() == ["地区生产总值"]
    assert [note.rsplit(": column ", 1)[1] for note in notes] == [
        f"{name!r} names nothing the project knows (ref_indicator_aliases): skipped"
        for name in ("第一产业", "第二产业")
    ]


def test_a_title_naming_two_subjects_reads_a_column_once_or_refuses(tmp_path: Path, monkeypatch) -> None:
    """地区生产总值 and 国内生产总值 both name the sectors' value added: one reading. Two subjects whose rules
    name two indicators for one column are refused, naming the sidecar key that settles it."""
    lines = [
        "地区生产总值和国内生产总值(2010年),,",
        "单位：亿元,,",
        "地区,第一产业,第二产业",
        "广西,1675.06,4511.68",
    ]
    rows, _ = read(write_csv(tmp_path / "one", "two.csv", lines))
    assert rows.indicator_name.map(REFERENCE.indicators).tolist() == ["va_primary", "va_secondary"]
    other = dataclasses.replace(
        REFERENCE, indicators={**REFERENCE.indicators, "外商投资企业/第一产业": "fie_total_investment"}
    )
    monkeypatch.setattr("opening_up.yearbooks.drop_folder.load_reference", lambda: other)
    lines[0] = "地区生产总值和外商投资企业(2010年),,"
    with pytest.raises(
        YearbookError,
        match=r"line 3, cell B: the title '地区生产总值和外商投资企业\(2010年\)' with the "
        r"column '第一产业' could be .* \(say it in the sidecar two.csv.yml: columns",
    ):
        read(write_csv(tmp_path / "two", "two.csv", lines))


def _refresh(built_warehouse: Path, tmp_path: Path, folder: Path, capsys=None):
    published = tmp_path / "published" / "opening_up.duckdb"
    log: list[str] = []
    report = refresh(published, folder, validate=False, log=log.append,
                     dbt_step=partial_build(built_warehouse, folder, *MODELS))
    return published, report, log


def test_the_three_tables_a_person_reads_load_and_publish(built_warehouse: Path, tmp_path: Path) -> None:
    """11-14 外商投资企业投资总额, a province's 3-1 地区生产总值(主要年份) and a city table of GDP and
    tertiary value added only (its figures not the sample's): the refresh publishes, every figure in
    fct_yearbook_observations from its drop-folder file; the city's GDP beside sample sectors is counted."""
    folder = drop(tmp_path / "drop", "t13_fie_by_region_2019", "t14_guangxi_gdp_main_years",
                  "t15_city_gdp_tertiary_2018")
    published, report, log = _refresh(built_warehouse, tmp_path, folder)
    assert report.published_new, "\n".join(report.failures + log)
    assert any(line.startswith("sectors_sum_to_gdp: ") and "real figures beside sample ones" in line
               for line in report.relations_unchecked), report.relations_unchecked
    with duckdb.connect(str(published), read_only=True) as connection:
        landed = connection.execute(
            "select source, indicator_code, count(*) from marts.fct_yearbook_observations "
            "where source like 'drop folder: t1%' group by all order by all").fetchall()
        relations = connection.execute(
            "select terms_provenance, holds, count(*) from intermediate.int_observation_relations "
            "where entity_type = 'prefecture' and year = 2018 and entity_code in "
            "('450100', '450600', '451400', '532500', '533100') group by all").fetchall()
        coverage = connection.execute(
            "select sum(n_relations_unchecked) from marts.rpt_input_coverage where entity_set = "
            "'seed002_prefectures' "
            "or entity_set like 'seed000_cluster_prefectures'"
        ).fetchone()[0]
    assert landed == [
        ("drop folder: t13_fie_by_region_2019.xls#Sheet1", "fie_total_investment", 31),
        ("drop folder: t14_guangxi_gdp_main_years.xlsx#Sheet", "gdp", 5),
        ("drop folder: t14_guangxi_gdp_main_years.xlsx#Sheet", "gdp_per_capita", 5),
        ("drop folder: t14_guangxi_gdp_main_years.xlsx#Sheet", "va_primary", 5),
        ("drop folder: t14_guangxi_gdp_main_years.xlsx#Sheet", "va_secondary", 5),
        ("drop folder: t14_guangxi_gdp_main_years.xlsx#Sheet", "va_tertiary", 5),
        ("drop folder: t15_city_gdp_tertiary_2018.xls#Sheet1", "gdp", 5),
        ("drop folder: t15_city_gdp_tertiary_2018.xls#Sheet1", "va_tertiary", 5)]
    # The real city GDP no longer equals the sample sectors' sum: counted, not refused.
    assert relations == [("real_beside_sample", False, 5)]
    assert coverage > 0


def test_a_table_whose_sectors_do_not_sum_is_refused_naming_file_line_and_values(
        built_warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = drop(tmp_path / "drop", "sectors_do_not_sum", subfolder="bad")
    published, report, _ = _refresh(built_warehouse, tmp_path, folder)
    assert not report.published_new
    failure = next(f for f in report.failures if "observed_figures_keep_their_relations" in f)
    # 南宁市 is on line 5 of the table (title, two header lines, 广西壮族自治区's group row).
    said = ("sectors_sum_to_gdp, prefecture, 450100, 2018 (4000 against 3990, beyond 0.05): "
            "gdp = 40000000 万元 (sectors_do_not_sum.xls#Sheet1, line 5, cell B); "
            "va_primary = 9045100 万元 (sectors_do_not_sum.xls#Sheet1, line 5, cell D); "
            "va_secondary = 13425700 万元 (sectors_do_not_sum.xls#Sheet1, line 5, cell F); "
            "va_tertiary = 17429200 万元 (sectors_do_not_sum.xls#Sheet1, line 5, cell H)")
    assert said in failure, failure
    assert "… and" not in failure
    assert failure.count("sectors_sum_to_gdp, prefecture") == 1
    print_outcome(report)
    last = capsys.readouterr().out.splitlines()[-6:]
    assert any("sectors_do_not_sum.xls#Sheet1, line 5" in line for line in last), last


def test_a_column_of_another_kind_of_entity_is_skipped_not_loaded(tmp_path: Path) -> None:
    """出口总额 names a port's export value (口岸出口总额, ports only): in a province's table it is skipped
    with a note, never loaded onto the province; the trade beside it loads."""
    folder = write_csv(tmp_path / "drop", "trade.csv", [
        "表1  2020年沿边省区货物进出口,,", "单位：亿美元,,", "地区,货物进出口总额,出口总额",
        "辽宁,949.4,383.1", "广西,700.1,390.4"])
    rows, notes = read(folder)
    assert set(rows.indicator_name) == {"货物进出口总额"}
    assert len(rows) == 2
    assert [note.split(": ", 1)[1] for note in notes] == [
        "'出口总额' is port_export_value, an indicator of ports, not of a region: skipped"]
