"""Writes the tables whose columns a person reads with their subject (tests/yearbook_tables/good/t13-t16 and
bad/sectors_do_not_sum.xls; see README.md here): a column that names part of an indicator (投资总额,
第一产业) under a title or a classifier group (按产业分) that prints the subject. Figures: the shipped
provincial accounts (real) where they exist, else the project's SAMPLE figures (README.md says which).
Run `python tests/yearbook_tables/make_subject_tables.py` to regenerate (needs xlwt, a dev dependency).
"""

from __future__ import annotations

import pandas as pd
from make_corpus import (
    BAD,
    GOOD,
    ROOT,
    cell,
    pad,
    printed,
    sample,
    short_names,
    write_csv,
    write_xls,
    write_xlsx,
)

ACCOUNTS = ROOT / "data/real/provincial_accounts_2002_2011/provincial_accounts_2002_2011.csv"
# Five prefectures of paper 000's ports, and the province each belongs to.
CITIES = {"南宁市": "广西壮族自治区", "防城港市": "广西壮族自治区", "崇左市": "广西壮族自治区",
          "红河哈尼族彝族自治州": "云南省", "德宏傣族景颇族自治州": "云南省"}


def t13_fie_by_region_xls() -> None:
    """中国统计年鉴 11-14 按地区分外商投资企业投资总额: the title prints the subject (外商投资企业), the
    columns its parts: 企业数(户) | 投资总额(亿美元) | 注册资本(亿美元) over 合计, 外方; bilingual, 全国
    row, footnote marks. 投资总额: SAMPLE figures (百万美元 / 100); 注册资本: generated from them (0.55 and
    0.45 of the total, never loaded); 企业数 not printed (…)."""
    frame = sample("region")
    regions = list(dict.fromkeys(short_names()[name] for name in pd.read_csv(
        ROOT / "seeds/reference/ref_regions.csv", dtype=str).region_name if name != "全国"))
    grid = [["11-14  按地区分外商投资企业投资总额(2019年底)", "", "", "", "", ""],
            ["Total Investment of Foreign-funded Enterprises by Region (End of 2019)", "", "", "", "", ""],
            ["地  区", "企业数(户)", "投资总额(亿美元)", "注册资本(亿美元)", "", "Region"],
            ["", "", "", "合计", "外方", ""],
            ["", "Number of Enterprises (unit)", "Total Investment (USD 100 million)",
             "Registered Capital: Total", "Foreign", ""],
            ["全  国", "…", "…", "…", "…", "National Total"]]
    marks = {"河北": "1)", "重庆": "*"}
    for region in regions:
        total = cell(frame, entity_name=region, indicator_name="外商投资企业投资总额", year=2019)
        total = round(total / 100, 2) if isinstance(total, float) else total
        grid.append(
            [
                pad(region) + marks.get(region, ""),
                "…",
                total,
                *(
                    [round(total * 0.55, 2), round(total * 0.45, 2)]
                    if isinstance(total, float)
                    else ["…", "…"]
                ),
                "",
            ]
        )
    grid.append(["注：1)河北省数据含雄安新区。", "", "", "", "", ""])
    write_xls(
        GOOD / "t13_fie_by_region_2019.xls",
        grid,
        [(0, 0, 0, 5), (1, 1, 0, 5), (2, 3, 0, 0), (2, 3, 1, 1), (2, 3, 2, 2), (2, 2, 3, 4), (2, 4, 5, 5)],
    )


def t14_guangxi_gdp_main_years_xlsx() -> None:
    """A province yearbook's 3-1 地区生产总值(主要年份): years as rows, 地区生产总值 | 按产业分 over 第一产业,
    第二产业, 第三产业 | 人均地区生产总值(元), 单位 line; the province in the sidecar (its yearbook's title
    does not print it). GDP and sectors: the shipped provincial accounts of 广西 (REAL); per-capita
    GDP: SAMPLE."""
    accounts = pd.read_csv(ACCOUNTS, dtype=str)
    guangxi = accounts[accounts.entity_name == "广西"].assign(year=lambda f: f.year.astype(int))
    frame = sample("region")
    names = ["地区生产总值", "第一产业增加值", "第二产业增加值", "第三产业增加值"]
    grid = [["3-1  地区生产总值(主要年份)", "", "", "", "", ""],
            ["单位：亿元", "", "", "", "", ""],
            ["年  份", "地区生产总值", "按产业分", "", "", "人均地区生产总值(元)"],
            ["", "", "第一产业", "第二产业", "第三产业", ""]]
    for year in (2002, 2005, 2008, 2010, 2011):
        grid.append([f"{year}年", *[float(cell(guangxi, indicator_name=name, year=year)) for name in names],
                     cell(frame, entity_name="广西壮族自治区", indicator_name="人均地区生产总值", year=year)])
    grid.append(["注：本表按当年价格计算。", "", "", "", "", ""])
    path = GOOD / "t14_guangxi_gdp_main_years.xlsx"
    write_xlsx(path, grid, [(0, 0, 0, 5), (2, 3, 0, 0), (2, 3, 1, 1), (2, 2, 2, 4), (2, 3, 5, 5)])
    path.with_name(path.name + ".yml").write_text(
        "# 广西统计年鉴 prints its own tables without the province's name.\nentity: 广西\n", encoding="utf-8"
    )


def _city_grid(title: str, columns: list[tuple[str, str]], year: int, scale: float,
               changed: dict[tuple[str, str], float] | None = None) -> list[list]:
    """中国城市统计年鉴: cities x indicators in 万元, each over 全市 / 市辖区, a province's group row before
    its cities, a footnote mark; `scale` multiplies the SAMPLE figures (so that they differ from the
    sample beside them in a warehouse), `changed` replaces single figures."""
    frame = sample("prefecture")
    width = 1 + 2 * len(columns)
    grid = [[title, *[""] * (width - 1)],
            ["城  市", *[part for header, _ in columns for part in (f"{header}(万元)", "")]],
            ["", *[scope for _ in columns for scope in ("全市", "市辖区")]]]
    current = None
    for city, province in CITIES.items():
        if province != current:
            grid.append([province, *[""] * (width - 1)])
            current = province
        row = [city + ("*" if city == "崇左市" else "")]
        for _, name in columns:
            value = (changed or {}).get((city, name))
            if value is None:
                value = round(cell(frame, entity_name=city, indicator_name=name, year=year) * scale * 10000)
            row += [printed(float(value)), "…"]
        grid.append(row)
    grid.append(["注：*崇左市数据为快报数。", *[""] * (width - 1)])
    return grid


def _city_merges(n_columns: int) -> list[tuple[int, int, int, int]]:
    return [(0, 0, 0, 2 * n_columns), (1, 2, 0, 0), *[(1, 1, 1 + 2 * k, 2 + 2 * k) for k in range(n_columns)]]


def t15_city_gdp_tertiary_xls() -> None:
    """A 中国城市统计年鉴 table of GDP and tertiary value added only (the other sectors stay sample in a
    warehouse): SAMPLE figures x 1.08, so that the city's GDP no longer equals the sample sectors' sum."""
    columns = [("地区生产总值", "地区生产总值"), ("第三产业增加值", "第三产业增加值")]
    write_xls(
        GOOD / "t15_city_gdp_tertiary_2018.xls",
        _city_grid("2-4  地区生产总值和第三产业增加值(2018年)", columns, 2018, 1.08),
        _city_merges(len(columns)),
    )


def t16_city_primary_investment_csv() -> None:
    """A 中国城市统计年鉴 table of primary value added and fixed-asset investment as a GBK CSV (merged
    groups as a CSV prints them: the group once, blank to its right). SAMPLE figures."""
    columns = [("第一产业增加值", "第一产业增加值"), ("固定资产投资(不含农户)", "全社会固定资产投资")]
    write_csv(GOOD / "t16_city_primary_investment_2018.csv",
              _city_grid("2-7  第一产业增加值和固定资产投资(2018年)", columns, 2018, 1.0), encoding="gbk")


def bad_sectors_do_not_sum() -> None:
    """A city table whose own sectors do not sum to its GDP (南宁市's tertiary printed 10 亿元 short):
    SAMPLE figures; loads, then dbt's relation test refuses it naming the file, line and values."""
    columns = [("地区生产总值", "地区生产总值"), ("第一产业增加值", "第一产业增加值"),
               ("第二产业增加值", "第二产业增加值"), ("第三产业增加值", "第三产业增加值")]
    frame = sample("prefecture")
    tertiary = cell(frame, entity_name="南宁市", indicator_name="第三产业增加值", year=2018)
    write_xls(
        BAD / "sectors_do_not_sum.xls",
        _city_grid(
            "2-4  地区生产总值(2018年)",
            columns,
            2018,
            1.0,
            {("南宁市", "第三产业增加值"): round((tertiary - 10) * 10000)},
        ),
        _city_merges(len(columns)),
    )


def main() -> None:
    for make in (t13_fie_by_region_xls, t14_guangxi_gdp_main_years_xlsx, t15_city_gdp_tertiary_xls,
                 t16_city_primary_investment_csv, bad_sectors_do_not_sum):
        make()
    print("wrote t13-t16 and bad/sectors_do_not_sum.xls")


if __name__ == "__main__":
    main()
