"""The sample yearbooks: deterministic, marked as sample, plausible, and close to the published facts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from opening_up import sample

SHIPPED = sample.PROJECT_ROOT / "seeds/sample/sample_yearbook_observations.csv"


@pytest.fixture(scope="module")
def generated() -> pd.DataFrame:
    return sample.generate()


def test_shipped_seed_is_the_generator_output(tmp_path: Path) -> None:
    regenerated = tmp_path / "sample.csv"
    sample.write(regenerated)
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
    persons = generated[generated.indicator_name == "口岸入境人员"].assign(value=lambda d: d.value.astype(float))
    by_year = persons.groupby("year").value.sum()
    assert by_year[2020] < 0.3 * by_year[2019]
    trade = generated[(generated.entity_name == "全国") & generated.indicator_name.str.startswith("进出口")]
    national = trade.set_index("year").value.astype(float)
    assert national[2009] < national[2008]


def test_close_to_the_published_border_figures(generated: pd.DataFrame) -> None:
    """Seed 004 Table 1 (trade, 亿美元): the sample passes within 1.5 % of every published cell."""
    published = pd.read_csv(sample.PUBLISHED_DIR / "pub_004_border_opening.csv", dtype={"region_code": str})
    regions = pd.read_csv(sample.REFERENCE_DIR / "ref_regions.csv", dtype=str)
    short = dict(zip(regions.region_code, regions.region_short_name))
    table1 = published[(published.source_table == "表1") & published.row_type.isin(["province", "national"])]
    trade = generated[generated.indicator_name == "进出口总额(按经营单位所在地分)"]
    trade = trade.assign(value=trade.value.astype(float) / 1e5).set_index(["entity_name", "year"]).value
    for row in table1.itertuples():
        assert trade[(short[row.region_code], row.year)] == pytest.approx(row.value, rel=0.015)


def test_border_industry_shares_follow_seed_001_table_2(generated: pd.DataFrame) -> None:
    """Aggregated over the nine border provinces, primary and secondary shares pass within 1.5 points of Table 2."""
    regions = pd.read_csv(sample.REFERENCE_DIR / "ref_regions.csv", dtype=str)
    border = set(regions.loc[regions.is_land_border == "true", "region_name"])
    rows = generated[generated.entity_name.isin(border)].assign(value=lambda d: d.value.astype(float))
    totals = rows.pivot_table(index="year", columns="indicator_name", values="value", aggfunc="sum")
    table = pd.read_csv(sample.PUBLISHED_DIR / "pub_001_industry_structure.csv")
    for row in table[table.area_code == "border_9"].itertuples():
        gdp = totals.loc[row.year, "地区生产总值"]
        assert 100 * totals.loc[row.year, "第一产业增加值"] / gdp == pytest.approx(row.primary_share_pct, abs=1.5)
        assert 100 * totals.loc[row.year, "第二产业增加值"] / gdp == pytest.approx(row.secondary_share_pct, abs=1.5)
