"""Deterministic SAMPLE yearbooks for opening_up.

The real data shipped with the project (data/real/) does not cover every input the methods need, so
this module generates plausible series (trends, a 2009 dip, a 2020 shock, industries summing to GDP)
in the raw form a yearbook prints them: names as aliases, units as printed. Every row is marked
``is_sample = true`` and ``source = 'opening_up.sample'``. The sample meets real magnitudes wherever a
real anchor exists, so that real and sample cells in one panel do not jump (`opening_up.sample.real_anchors`):
GDP equals the shipped export's (2006 on) and is scaled continuously before; the secondary industry's
share, fixed-asset investment and trade meet the shipped merged panel's accepted cells; population
shares out national year-end magnitudes by the provinces' sample-survey shares; where the papers
publish a figure (paper 004 Tables 1-2: trade and utilised FDI of the nine land-border provinces and
the nation) the series passes within about 1 % of it; the primary share follows paper 001 Table 2.
Ports: each province's evaluation-unit port trade stays below its total trade, crossings are of the
order the papers state (瑞丽 about 1,700 万人次 a year before 2020), and a unit paper 000 prints twice
(北海港, 河口) repeats its physical port's figures.

Run ``python -m opening_up.sample --out seeds/sample/sample_yearbook_observations.csv``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from opening_up.sample.local import port_series, prefecture_series
from opening_up.sample.paths import anchor, meet, shock, walk
from opening_up.sample.real_anchors import real_province_panel, wide
from opening_up.settings import PROJECT_ROOT

SEED = 20261122
SOURCE = "opening_up.sample"
PROVINCE_YEARS = np.arange(1992, 2023)
REFERENCE_DIR = PROJECT_ROOT / "seeds" / "reference"
PUBLISHED_DIR = PROJECT_ROOT / "seeds" / "published"
COLUMNS = [
    "source_row",
    "entity_type",
    "entity_name",
    "year",
    "indicator_name",
    "unit",
    "value",
    "vintage",
    "source",
    "is_sample",
]

# Relative size of each province's GDP around 2022 and 1992 (sample calibration, not data).
SIZE_2022 = {
    "110000": 4.2, "120000": 1.3, "130000": 3.5, "140000": 2.1, "150000": 1.9, "210000": 2.3,
    "220000": 1.1, "230000": 1.3, "310000": 3.7, "320000": 10.2, "330000": 6.4, "340000": 3.7,
    "350000": 4.4, "360000": 2.6, "370000": 7.3, "410000": 5.1, "420000": 4.4, "430000": 4.0,
    "440000": 10.8, "450000": 2.2, "460000": 0.57, "500000": 2.4, "510000": 4.7, "520000": 1.7,
    "530000": 2.4, "540000": 0.18, "610000": 2.7, "620000": 0.93, "630000": 0.3, "640000": 0.42,
    "650000": 1.5,
}
METROPOLES = {"110000", "120000", "310000"}
# Magnitudes of China's published year-end population (万人) the sample's national path passes through
# (calibration knots, interpolated log-linearly; 141,175 is 2022's); the provinces' shares come from the
# shipped sample-survey counts.
NATIONAL_POPULATION = {1992: 117171, 2000: 126743, 2010: 134091, 2020: 141212, 2022: 141175}
MACRO_SIZE_1992 = {"east": 0.9, "central": 1.05, "west": 1.0, "northeast": 1.8}
# Trade / GDP around 2006 (both in yuan), coastal provinces high (sample calibration).
TRADE_INTENSITY = {
    "310000": 1.6, "440000": 1.5, "320000": 1.0, "330000": 0.7, "110000": 1.3, "120000": 0.9,
    "350000": 0.6, "370000": 0.35, "210000": 0.4, "460000": 0.25, "450000": 0.15, "530000": 0.12,
    "650000": 0.25, "230000": 0.15, "220000": 0.15, "150000": 0.1, "540000": 0.08, "620000": 0.08,
}
NATIONAL_NOMINAL_GROWTH = dict(zip(range(1993, 2023), [
    0.31, 0.36, 0.26, 0.17, 0.11, 0.07, 0.06, 0.10, 0.10, 0.10, 0.13, 0.18, 0.16, 0.17, 0.23,
    0.18, 0.09, 0.18, 0.18, 0.10, 0.10, 0.08, 0.07, 0.08, 0.11, 0.10, 0.07, 0.03, 0.13, 0.05,
], strict=True))
DEFLATOR = dict(zip(range(1993, 2023), [
    0.15, 0.20, 0.13, 0.06, 0.02, -0.01, -0.01, 0.02, 0.02, 0.01, 0.03, 0.07, 0.04, 0.04, 0.08,
    0.08, 0.00, 0.07, 0.08, 0.02, 0.02, 0.01, 0.00, 0.01, 0.04, 0.03, 0.01, 0.01, 0.05, 0.02,
], strict=True))
def _population(anchors: pd.DataFrame) -> pd.DataFrame:
    """Year x province population (万人): the national knots shared out by each province's share of the
    shipped sample-survey persons (shares are scale-free, so 2015's 1 % survey counts too; interpolated
    across the census years 2010 and 2020, held before 2006 and after the last survey)."""
    survey = wide(anchors, "population_survey_sample").reindex(PROVINCE_YEARS)
    shares = survey.div(survey.sum(axis=1, min_count=1), axis=0)
    shares = shares.interpolate(limit_area="inside").bfill().ffill()
    knots = pd.Series(np.log(list(NATIONAL_POPULATION.values())), index=list(NATIONAL_POPULATION))
    national = np.exp(knots.reindex(PROVINCE_YEARS).interpolate(limit_area="inside").bfill().ffill())
    return shares.mul(national, axis=0)


def _trade_targets(code: str, anchors: pd.DataFrame, rate: pd.Series, published: pd.DataFrame) -> pd.Series:
    """Trade (亿美元) a province's sample meets: paper 004's printed figures, else the real trade in dollars,
    else the real trade in yuan at the sample's exchange rate."""
    usd = wide(anchors, "trade_total").get(code, pd.Series(dtype=float))
    yuan = wide(anchors, "trade_total_rmb").get(code, pd.Series(dtype=float)) / rate
    printed = published[(published.indicator_code == "trade_total") & (published.row_type == "province")
                        & (published.region_code == code)].set_index("year").value.astype(float)
    return printed.combine_first(usd).combine_first(yuan.dropna())


def _published_industry_shares() -> tuple[dict[str, pd.DataFrame], list[int]]:
    """Paper 001 Table 2's primary and secondary shares (national, border_9), interpolated to every year,
    and the years it prints.

    The tertiary share is not used: its 1992 cells are misprinted; it follows as the remainder.
    """
    table = pd.read_csv(PUBLISHED_DIR / "border_growth" / "pub_industry_structure.csv")
    paths = {}
    for area, rows in table.groupby("area_code"):
        known = rows.set_index("year")[["primary_share_pct", "secondary_share_pct"]] / 100
        path = known.reindex(PROVINCE_YEARS).interpolate(limit_area="inside").ffill().bfill()
        paths[area] = path.rename(
            columns={"primary_share_pct": "primary", "secondary_share_pct": "secondary"}
        )
    return paths, sorted(table.year.unique())


def _national_gdp() -> pd.Series:
    level = [27000.0]
    for year in PROVINCE_YEARS[1:]:
        level.append(level[-1] * (1 + NATIONAL_NOMINAL_GROWTH[int(year)]))
    return pd.Series(level, index=PROVINCE_YEARS)


def _exchange_rate(rng: np.random.Generator) -> pd.Series:
    """Sample annual RMB per USD: unified 1994, peg to 2005, appreciation to 2014, drift after."""
    knots = {1992: 5.5, 1993: 5.8, 1994: 8.6, 1997: 8.29, 2005: 8.19, 2008: 6.95, 2010: 6.77, 2012: 6.31,
             2014: 6.14, 2015: 6.23, 2016: 6.64, 2017: 6.75, 2018: 6.62, 2019: 6.9, 2020: 6.9, 2021: 6.45,
             2022: 6.73}
    path = pd.Series(knots).reindex(PROVINCE_YEARS).interpolate()
    return path * (1 + 0.002 * rng.standard_normal(len(path)))


def province_series(regions: pd.DataFrame, published: pd.DataFrame, anchors: pd.DataFrame,
                    rng: np.random.Generator) -> pd.DataFrame:
    """Wide province-year sample panel in canonical units (亿元, 亿美元, 万人, 元, %), meeting the real
    anchors (opening_up.sample.real_anchors) wherever they exist."""
    provinces = regions[regions.region_level == "province"].set_index("region_code")
    years = PROVINCE_YEARS
    n = len(years)
    t = (years - years[0]) / (years[-1] - years[0])
    national_gdp = _national_gdp()
    rate = _exchange_rate(rng)
    weights = {}
    for code, row in provinces.iterrows():
        start = SIZE_2022[code] * MACRO_SIZE_1992[row.macro_region]
        log_w = np.log(start) * (1 - t) + np.log(SIZE_2022[code]) * t + walk(rng, n, 0, 0.012)
        weights[code] = np.exp(log_w)
    weights = pd.DataFrame(weights, index=years)
    gdp = weights.div(weights.sum(axis=1), axis=0).mul(national_gdp, axis=0)
    real_gdp, real_fai = wide(anchors, "gdp"), wide(anchors, "fixed_asset_investment")
    # The sectors' shares: the merged panel's secondary share, else the provincial accounts' (value added
    # over their own GDP); the accounts' primary share.
    real_secondary = (wide(anchors, "secondary_industry_share") / 100).combine_first(
        wide(anchors, "va_secondary_share"))
    real_primary = wide(anchors, "va_primary_share")
    gdp = gdp.apply(lambda column: meet(column, real_gdp.get(column.name)))
    population = _population(anchors)

    shares, printed_share_years = _published_industry_shares()
    frames = []
    for code, row in provinces.iterrows():
        g = gdp[code]
        target = shares["border_9" if row.is_land_border == "true" else "national"]
        primary_level = 0.1 if code in METROPOLES else np.exp(0.12 * rng.standard_normal())
        primary_share = pd.Series(
            np.clip(target.primary * primary_level * np.exp(walk(rng, n, 0, 0.01)), 0.002, 0.5), index=years
        )
        # The accounts' share where shipped (2002-2011); Table 2's path in its printed years outside them.
        real_primary_share = real_primary.get(code, pd.Series(dtype=float)).dropna()
        outside = [y for y in printed_share_years if real_primary_share.empty
                   or not real_primary_share.index.min() <= y <= real_primary_share.index.max()]
        primary_share = meet(
            primary_share, real_primary_share.combine_first(primary_share.loc[outside])
        ).to_numpy()
        secondary_share = pd.Series(np.clip(
            target.secondary * np.exp(0.06 * rng.standard_normal() + walk(rng, n, 0, 0.01)), 0.15, 0.6),
            index=years)
        # The real share where shipped; Table 2's path in its printed years before that.
        real_share = real_secondary.get(code, pd.Series(dtype=float)).dropna()
        printed_years = [y for y in printed_share_years if real_share.empty or y < real_share.index.min()]
        secondary_share = meet(secondary_share, real_share.combine_first(secondary_share.loc[printed_years]))
        primary = (g * primary_share).round(2)
        secondary = (g * secondary_share).round(2)
        gdp_r = g.round(2)
        tertiary = (gdp_r - primary - secondary).round(2)
        # 1992 has no previous year in the panel: it takes 1993's nominal growth and deflator.
        inflation = np.array([DEFLATOR[1993]] + [DEFLATOR[int(y)] for y in years[1:]])
        nominal_growth = g.pct_change().fillna(NATIONAL_NOMINAL_GROWTH[1993]).to_numpy()
        real_growth = 100 * ((1 + nominal_growth) / (1 + inflation) - 1) + 0.3 * rng.standard_normal(n)
        fai_ratio = np.clip(
            0.3 + 0.55 * t + 0.05 * rng.standard_normal(n) - 0.15 * (years >= 2018), 0.15, 1.3
        )
        retail_ratio = np.clip(0.36 + 0.04 * t + 0.01 * rng.standard_normal(n), 0.2, 0.6)
        openness_path = 0.35 + 0.65 * np.exp(-((years - 2006) / 9.0) ** 2)
        trade_usd = TRADE_INTENSITY.get(code, 0.07) * openness_path * g / rate * np.exp(walk(rng, n, 0, 0.04))
        trade_usd = meet(
            trade_usd * shock(years, 0.14, 0.0, 0.0), _trade_targets(code, anchors, rate, published)
        )
        fai = meet(g * fai_ratio, real_fai.get(code))
        fdi_ratio = 0.06 * (1 + 0.5 * (row.macro_region != "east")) * np.exp(walk(rng, n, 0, 0.03))
        fdi = trade_usd * fdi_ratio
        frames.append(pd.DataFrame({
            "region_code": code, "year": years, "gdp": gdp_r.to_numpy(), "va_primary": primary.to_numpy(),
            "va_secondary": secondary.to_numpy(), "va_tertiary": tertiary.to_numpy(),
            "gdp_real_growth": real_growth.round(1), "fixed_asset_investment": fai.round(2).to_numpy(),
            "retail_sales": (g * retail_ratio).round(2).to_numpy(),
            "population_year_end": population[code].round(0).to_numpy(),
            "trade_total": trade_usd.to_numpy(), "fdi_utilised": fdi.to_numpy(),
        }))
    panel = pd.concat(frames, ignore_index=True)
    panel = _anchor_to_published(panel, published, "fdi_utilised", rng)
    panel["fie_total_investment"] = panel.groupby("region_code")["fdi_utilised"].cumsum() * 2.2
    panel["gdp_per_capita"] = (panel.gdp * 1e8 / (panel.population_year_end * 1e4)).round(0)
    national = panel.drop(columns=["region_code", "gdp_real_growth", "gdp_per_capita"]).groupby("year").sum()
    national["gdp_real_growth"] = (
        panel.assign(w=panel.gdp * panel.gdp_real_growth).groupby("year").w.sum() / national.gdp
    ).round(1)
    national["gdp_per_capita"] = (national.gdp * 1e8 / (national.population_year_end * 1e4)).round(0)
    national["exchange_rate_rmb_usd"] = rate.round(4)
    national = national.reset_index().assign(region_code="000000")
    return pd.concat([panel, national], ignore_index=True)


def _anchor_to_published(panel: pd.DataFrame, published: pd.DataFrame, indicator: str,
                         rng: np.random.Generator) -> pd.DataFrame:
    """Anchor border provinces to their published values and the rest so that the sum meets the national
    total."""
    pub = published[published.indicator_code == indicator]
    table = panel.pivot(index="year", columns="region_code", values=indicator)
    for code, rows in pub[pub.row_type == "province"].groupby("region_code"):
        table[code] = anchor(table[code], rows.set_index("year").value.astype(float), rng)
    national = pub[pub.row_type == "national"].set_index("year").value.astype(float)
    border = sorted(pub[pub.row_type == "province"].region_code.unique())
    others = [c for c in table.columns if c not in border]
    rest_target = national - table[border].sum(axis=1).reindex(national.index)
    scale = anchor(table[others].sum(axis=1), rest_target, rng) / table[others].sum(axis=1)
    table[others] = table[others].mul(scale, axis=0)
    long = table.stack().rename(indicator).reset_index()
    return panel.drop(columns=indicator).merge(long, on=["year", "region_code"])


# How each canonical series is printed in the raw sample: (Chinese name, unit as printed, factor from
# canonical).
PRINTED = {
    "gdp": ("地区生产总值", "亿元", 1),
    "va_primary": ("第一产业增加值", "亿元", 1),
    "va_secondary": ("第二产业增加值", "亿元", 1),
    "va_tertiary": ("第三产业增加值", "亿元", 1),
    "gdp_real_growth": ("地区生产总值增长率(按可比价格计算)", "%", 1),
    "fixed_asset_investment": ("全社会固定资产投资", "亿元", 1),
    "retail_sales": ("社会消费品零售总额", "亿元", 1),
    "gdp_per_capita": ("人均地区生产总值", "元", 1),
    "population_year_end": ("年末常住人口", "万人", 1),
    "trade_total": ("进出口总额(按经营单位所在地分)", "千美元", 1e5),
    "fdi_utilised": ("实际利用外商直接投资额", "万美元", 1e4),
    "fie_total_investment": ("外商投资企业投资总额", "百万美元", 100),
    "exchange_rate_rmb_usd": ("人民币对美元汇率(年平均价)", "元/100美元", 100),
    "port_import_value": ("口岸进口总额", "万美元", 1e4),
    "port_export_value": ("口岸出口总额", "万美元", 1e4),
    "port_import_freight": ("口岸进口货运量", "吨", 1e4),
    "port_export_freight": ("口岸出口货运量", "吨", 1e4),
    "port_inbound_persons": ("口岸入境人员", "人次", 1e4),
    "port_outbound_persons": ("口岸出境人员", "人次", 1e4),
    "port_vehicles": ("交通工具出入境量", "辆次", 1e4),
}
DECIMALS = {"亿元": 2, "%": 1, "元": 0, "万人": 0, "千美元": 0, "万美元": 0, "百万美元": 0, "元/100美元": 2,
            "吨": 0, "人次": 0, "辆次": 0}


def to_printed_rows(wide: pd.DataFrame, entity_type: str, key: str, names: dict[str, str]) -> pd.DataFrame:
    """Melt a wide panel to the raw yearbook form: printed names, printed units, the next year's edition."""
    long = wide.melt(id_vars=[key, "year"], var_name="indicator_code", value_name="canonical").dropna()
    printed = long.indicator_code.map(PRINTED)
    long["indicator_name"] = printed.str[0]
    long["unit"] = printed.str[1]
    raw = long.canonical * printed.str[2]
    long["value"] = [f"{v:.{DECIMALS[u]}f}" for v, u in zip(raw, long.unit, strict=True)]
    long["entity_type"] = entity_type
    long["entity_name"] = long[key].map(names)
    long["vintage"] = long.year + 1
    return long[["entity_type", "entity_name", "year", "indicator_name", "unit", "value", "vintage"]]


def generate(quarantined: pd.DataFrame) -> pd.DataFrame:
    """All sample rows in the raw yearbook form, in a stable order, meeting the real anchors but for the
    `quarantined` cells (real_anchors.quarantined_cells)."""
    rng = np.random.default_rng(SEED)
    regions = pd.read_csv(REFERENCE_DIR / "ref_regions.csv", dtype=str)
    prefectures = pd.read_csv(REFERENCE_DIR / "ref_prefectures.csv", dtype=str)
    ports = pd.read_csv(REFERENCE_DIR / "ref_ports.csv", dtype={"region_code": str, "prefecture_code": str})
    port_aliases = pd.read_csv(REFERENCE_DIR / "ref_port_aliases.csv", dtype=str)
    published = pd.read_csv(
        PUBLISHED_DIR / "border_opening" / "pub_border_opening.csv", dtype={"region_code": str}
    )
    ports = ports[~ports.is_excluded_for_missing_data]

    provinces = province_series(regions, published, real_province_panel(quarantined), rng)
    # Yearbooks print full names (广西壮族自治区) in some tables and short names (广西) in others.
    full = dict(zip(regions.region_code, regions.region_name, strict=True))
    short = dict(zip(regions.region_code, regions.region_short_name, strict=True))
    by_full = to_printed_rows(
        provinces[
            [
                "region_code",
                "year",
                "gdp",
                "va_primary",
                "va_secondary",
                "va_tertiary",
                "gdp_real_growth",
                "gdp_per_capita",
                "population_year_end",
                "retail_sales",
                "fixed_asset_investment",
            ]
        ],
        "region",
        "region_code",
        full,
    )
    by_short = to_printed_rows(provinces[["region_code", "year", "trade_total", "fdi_utilised",
                                          "fie_total_investment", "exchange_rate_rmb_usd"]],
                               "region", "region_code", short)
    prefecture_names = dict(zip(prefectures.prefecture_code, prefectures.prefecture_name, strict=True))
    by_prefecture = to_printed_rows(prefecture_series(prefectures, rng), "prefecture", "prefecture_code",
                                    prefecture_names)
    # A port printed twice in paper 000 (北海港, 河口) is named by its evaluation unit, e.g. "X3 北海港".
    unique_alias = port_aliases.groupby("port_code").port_alias.agg(
        lambda a: next((x for x in a if not x.startswith("X") and not x.endswith("口岸")), a.iloc[-1]))
    province_trade = provinces.pivot(index="year", columns="region_code", values="trade_total")
    by_port = to_printed_rows(
        port_series(ports, province_trade, rng), "port", "port_code", unique_alias.to_dict()
    )

    rows = pd.concat([by_full, by_short, by_prefecture, by_port], ignore_index=True)
    order = {"region": 0, "prefecture": 1, "port": 2}
    rows = rows.sort_values(
        ["entity_type", "entity_name", "indicator_name", "year"],
        key=lambda s: s.map(order) if s.name == "entity_type" else s,
    ).reset_index(drop=True)
    rows.insert(0, "source_row", np.arange(1, len(rows) + 1))
    rows["source"] = SOURCE
    rows["is_sample"] = "true"
    return rows[COLUMNS]


def write(path: Path, quarantined: pd.DataFrame) -> int:
    """Write the sample CSV (UTF-8, LF) and return the number of rows."""
    rows = generate(quarantined)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return len(rows)
