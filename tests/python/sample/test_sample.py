"""The sample yearbooks: deterministic, marked as sample, plausible, and close to the published facts."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from opening_up.sample import generate as sample
from opening_up.settings import PROJECT_ROOT
from opening_up.sample.real_anchors import quarantined_cells, real_province_panel, wide

SHIPPED = sample.PROJECT_ROOT / "seeds/sample/sample_yearbook_observations.csv"


@pytest.fixture(scope="module")
def quarantined(built_warehouse: Path) -> pd.DataFrame:
    return quarantined_cells(built_warehouse)


@pytest.fixture(scope="module")
def generated(quarantined: pd.DataFrame) -> pd.DataFrame:
    return sample.generate(quarantined)


def test_shipped_seed_is_the_generator_output(tmp_path: Path, quarantined: pd.DataFrame) -> None:
    regenerated = tmp_path / "sample.csv"
    sample.write(regenerated, quarantined)
    assert regenerated.read_bytes() == SHIPPED.read_bytes(), "run `make sample` and commit the seed"


def test_every_row_is_marked_sample(generated: pd.DataFrame) -> None:
    assert (generated.is_sample == "true").all()
    assert (generated.source == sample.SOURCE).all()
    assert generated.source_row.is_unique


def test_covers_every_listed_series(generated: pd.DataFrame) -> None:
    printed = {name for name, _, _ in sample.PRINTED.values()}
    assert set(generated.indicator_name) == printed
    regions = generated[generated.entity_type == "region"]
    assert regions.entity_name.nunique() >= 32
    assert (regions.year.min(), regions.year.max()) == (1992, 2022)
    ports = generated[generated.entity_type == "port"]
    assert (ports.year.min(), ports.year.max()) == (2006, 2022)


def test_three_industries_sum_to_gdp(generated: pd.DataFrame) -> None:
    wide = generated.assign(value=generated.value.astype(float)).pivot_table(
        index=["entity_type", "entity_name", "year"], columns="indicator_name", values="value")
    wide = wide.dropna(subset=["地区生产总值", "第一产业增加值"])
    gap = wide["第一产业增加值"] + wide["第二产业增加值"] + wide["第三产业增加值"] - wide["地区生产总值"]
    assert len(wide) > 1000
    assert gap.abs().max() <= 0.011


def test_shocks_of_2009_and_2020_are_visible(generated: pd.DataFrame) -> None:
    persons = generated[generated.indicator_name == "口岸入境人员"].assign(
        value=lambda d: d.value.astype(float)
    )
    by_year = persons.groupby("year").value.sum()
    assert by_year[2020] < 0.3 * by_year[2019]
    trade = generated[(generated.entity_name == "全国") & generated.indicator_name.str.startswith("进出口")]
    national = trade.set_index("year").value.astype(float)
    assert national[2009] < national[2008]


def test_close_to_the_published_border_figures(generated: pd.DataFrame) -> None:
    """Paper 004 Table 1 (trade, 亿美元): the sample passes within 1.5 % of every published cell."""
    published = pd.read_csv(
        sample.PUBLISHED_DIR / "border_opening" / "pub_border_opening.csv", dtype={"region_code": str}
    )
    regions = pd.read_csv(sample.REFERENCE_DIR / "ref_regions.csv", dtype=str)
    short = dict(zip(regions.region_code, regions.region_short_name, strict=True))
    table1 = published[(published.source_table == "表1") & published.row_type.isin(["province", "national"])]
    trade = generated[generated.indicator_name == "进出口总额(按经营单位所在地分)"]
    trade = trade.assign(value=trade.value.astype(float) / 1e5).set_index(["entity_name", "year"]).value
    for row in table1.itertuples():
        assert trade[(short[row.region_code], row.year)] == pytest.approx(row.value, rel=0.015)


def _series(generated: pd.DataFrame, indicator_name: str, entity_type: str = "region") -> pd.DataFrame:
    """One printed series as year x entity_name (values as printed)."""
    rows = generated[(generated.indicator_name == indicator_name) & (generated.entity_type == entity_type)]
    return rows.assign(value=rows.value.astype(float)).pivot(
        index="year", columns="entity_name", values="value"
    )


@pytest.fixture(scope="module")
def real(quarantined: pd.DataFrame) -> pd.DataFrame:
    """The real anchors shipped in data/real/ (canonical units), with province full names."""
    regions = pd.read_csv(sample.REFERENCE_DIR / "ref_regions.csv", dtype=str)
    panel = real_province_panel(quarantined)
    return panel.assign(
        entity_name=panel.region_code.map(dict(zip(regions.region_code, regions.region_name, strict=True)))
    )


def test_border_industry_shares_follow_paper_001_table_2_before_real_shares(generated: pd.DataFrame) -> None:
    """Aggregated over the nine border provinces, primary and secondary shares pass within 1.5 points of
    Table 2 in the years no real secondary share is shipped (1992, 2002); later the real shares rule."""
    regions = pd.read_csv(sample.REFERENCE_DIR / "ref_regions.csv", dtype=str)
    border = set(regions.loc[regions.is_land_border == "true", "region_name"])
    rows = generated[generated.entity_name.isin(border)].assign(value=lambda d: d.value.astype(float))
    totals = rows.pivot_table(index="year", columns="indicator_name", values="value", aggfunc="sum")
    table = pd.read_csv(sample.PUBLISHED_DIR / "border_growth" / "pub_industry_structure.csv")
    for row in table[table.area_code == "border_9"].itertuples():
        gdp = totals.loc[row.year, "地区生产总值"]
        assert 100 * totals.loc[row.year, "第一产业增加值"] / gdp == pytest.approx(
            row.primary_share_pct, abs=1.5
        )
        if row.year < 2005:
            assert 100 * totals.loc[row.year, "第二产业增加值"] / gdp == pytest.approx(
                row.secondary_share_pct, abs=1.5
            )


def test_secondary_share_meets_the_real_share(generated: pd.DataFrame, real: pd.DataFrame) -> None:
    shares = 100 * _series(generated, "第二产业增加值") / _series(generated, "地区生产总值")
    target = wide(real, "secondary_industry_share")
    target.columns = target.columns.map(dict(zip(real.region_code, real.entity_name, strict=True)))
    years = [year for year in target.index if year in shares.index]
    gap = (shares.loc[years, target.columns] - target.loc[years]).abs()
    assert gap.notna().sum().sum() > 500
    assert gap.max().max() < 0.05  # the value added is printed to 0.01 亿元


def test_population_meets_national_and_provincial_magnitudes(
    generated: pd.DataFrame, real: pd.DataFrame
) -> None:
    """2022: the nation within 10 % of 141,175 万, every province within 15 % of its share of the shipped
    sample-survey count times that total (the survey's shares are the real relative sizes)."""
    population = _series(generated, "年末常住人口")
    assert population.loc[2022, "全国"] == pytest.approx(141175, rel=0.10)
    survey = real[(real.indicator_code == "population_survey_sample") & (real.year == 2022)]
    magnitude = (survey.set_index("entity_name").value / survey.value.sum() * 141175)
    ratio = population.loc[2022, magnitude.index] / magnitude
    assert len(ratio) == 31, ratio[~ratio.between(0.85, 1.15)]
    assert ratio.between(0.85, 1.15).all(), ratio[~ratio.between(0.85, 1.15)]
    # Beijing and Shanghai are not twice, nor Guangxi and Yunnan half, their size.
    for name, size in {"北京市": 2184, "上海市": 2475, "广西壮族自治区": 5047, "云南省": 4693}.items():
        assert population.loc[2022, name] == pytest.approx(size, rel=0.15)


def test_gdp_equals_the_real_gdp_and_meets_it_without_a_jump(
    generated: pd.DataFrame, real: pd.DataFrame
) -> None:
    """The sample's GDP is the real GDP wherever one is shipped (the provincial accounts from 2002, the
    portal export from 2006), and grows into the first real year (2002) as GDP grew then, without a jump;
    its three industries sum to it."""
    gdp = _series(generated, "地区生产总值").drop(columns="全国")
    target = wide(real, "gdp")
    target.columns = target.columns.map(dict(zip(real.region_code, real.entity_name, strict=True)))
    shared = [year for year in range(2002, 2023) if year in target.index]
    gap = (gdp.loc[shared, target.columns] - target.loc[shared]).abs()
    assert gap.notna().sum().sum() > 600
    assert gap.max().max() < 0.006
    growth_2002 = gdp.loc[2002] / gdp.loc[2001]
    assert growth_2002.between(1.03, 1.30).all(), growth_2002.sort_values()
    industries = (_series(generated, "第一产业增加值") + _series(generated, "第二产业增加值")
                  + _series(generated, "第三产业增加值")).drop(columns="全国")
    assert (industries - gdp).abs().max().max() <= 0.011


def test_trade_meets_the_real_trade(generated: pd.DataFrame, real: pd.DataFrame) -> None:
    """Dollar trade equals the merged panel's accepted cells (2005, 2007-2014)."""
    trade = _series(generated, "进出口总额(按经营单位所在地分)", "region") / 1e5
    short = pd.read_csv(sample.REFERENCE_DIR / "ref_regions.csv", dtype=str)
    trade.columns = trade.columns.map(dict(zip(short.region_short_name, short.region_name, strict=True)))
    target = wide(real, "trade_total")
    target.columns = target.columns.map(dict(zip(real.region_code, real.entity_name, strict=True)))
    border = set(short.loc[short.is_land_border == "true", "region_name"])
    others = [name for name in target.columns if name not in border]
    years = [2005, *range(2007, 2015)]
    assert (trade.loc[years, others] / target.loc[years, others] - 1).abs().max().max() < 1e-6


def test_the_anchors_leave_out_every_cell_the_warehouse_quarantines(quarantined: pd.DataFrame) -> None:
    """The rules live in SQL (int_merged_panel_checks); the sample reads what they refused from the
    built warehouse: the merged panel's 2006 trade column is met only without them."""
    keys = ["region_code", "year", "indicator_code"]
    assert ("450000", 2006, "trade_total") in set(quarantined[keys].itertuples(index=False, name=None))
    kept = real_province_panel(quarantined)
    unfiltered = real_province_panel(quarantined.iloc[0:0])
    compared = unfiltered.merge(kept, how="left", indicator=True)
    dropped = set(compared.loc[compared._merge == "left_only", keys].itertuples(index=False, name=None))
    assert dropped
    assert dropped <= set(quarantined[keys].itertuples(index=False, name=None))


def test_ports_stay_below_provincial_trade_and_of_the_stated_order(generated: pd.DataFrame) -> None:
    ports = pd.read_csv(sample.REFERENCE_DIR / "ref_ports.csv", dtype=str)
    aliases = pd.read_csv(sample.REFERENCE_DIR / "ref_port_aliases.csv", dtype=str)
    code_of = dict(zip(aliases.port_alias, aliases.port_code, strict=True))
    value = (_series(generated, "口岸进口总额", "port") + _series(generated, "口岸出口总额", "port")) / 1e4
    value.columns = value.columns.map(code_of)
    counted = ports[ports.evaluation_unit.notna() & (ports.port_code == ports.physical_port_code)]
    trade = _series(generated, "进出口总额(按经营单位所在地分)") / 1e5
    for region, short in [("450000", "广西"), ("530000", "云南"), ("150000", "内蒙古")]:
        units = [code for code in ports.loc[ports.region_code == region, "port_code"]
                 if code in set(counted.port_code) | {"nm_manzhouli", "nm_erenhot"} and code in value.columns]
        assert (value[units].sum(axis=1) <= trade[short].loc[value.index] * 1.0001).all(), region
    persons = (_series(generated, "口岸入境人员", "port") + _series(generated, "口岸出境人员", "port")) / 1e4
    persons.columns = persons.columns.map(code_of)
    ruili = persons.loc[2016:2019, "yn_ruili"]
    assert ruili.mean() == pytest.approx(1700, rel=0.3), ruili
    # A unit printed twice repeats its physical port.
    for twin, port in [("gx_beihai_x03", "gx_beihai"), ("yn_hekou_x37", "yn_hekou")]:
        assert value[twin].equals(value[port])
        assert persons[twin].equals(persons[port])


def test_the_sample_passes_the_real_figures_it_overlaps_as_documented(built_warehouse: Path) -> None:
    """analyses/sample_against_published_figures.sql (every cell where a real figure beat a sample
    candidate) run on the built warehouse: the sample equals the real GDP and fixed-asset investment,
    passes within 1 % of paper 004's trade and FDI, and within 2 % of the provincial accounts' sectors at
    the median (docs/data.md); the sectors' levels differ by the GDP revision between editions."""
    sql = (PROJECT_ROOT / "analyses" / "sample_against_published_figures.sql").read_text(encoding="utf-8")
    sql = re.sub(r"\{\{ ref\('(\w+)'\) \}\}", r"intermediate.\1", sql)
    with duckdb.connect(str(built_warehouse), read_only=True) as connection:
        gaps = connection.execute(sql).df().assign(gap=lambda d: d.relative_gap.abs())
    by = gaps.groupby("indicator_code").gap
    assert by.max()[["gdp", "fixed_asset_investment"]].max() < 1e-6
    assert by.max()[["trade_total", "fdi_utilised"]].max() < 0.01
    assert by.median()[["va_primary", "va_secondary", "va_tertiary"]].max() < 0.02
    assert by.count()[["va_primary", "va_secondary", "va_tertiary"]].min() >= 300
