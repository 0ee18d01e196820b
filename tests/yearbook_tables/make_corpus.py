"""Writes the corpus of yearbook tables (tests/yearbook_tables/good/ and bad/) in the layouts yearbooks
print, filled with figures the project already holds: paper 004's Table 1 (real), the shipped NBS
exports (real), and, for the port and city tables, the project's SAMPLE figures under the real names of
paper 000's and paper 002's ports and cities (see README.md here: those tables are test fixtures, never
shipped data). Run `python tests/yearbook_tables/make_corpus.py` to regenerate (needs xlwt, a dev
dependency); the tests read the committed files.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
GOOD, BAD = HERE / "good", HERE / "bad"
# A merged range, inclusive: (first row, last row, first column, last column), 0-based.
Merges = list[tuple[int, int, int, int]]


def write_xls(path: Path, grid: list[list], merges: Merges = ()) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    covered = {(i, j) for r0, r1, c0, c1 in merges for i in range(r0, r1 + 1) for j in range(c0, c1 + 1)}
    for r0, r1, c0, c1 in merges:
        sheet.write_merge(r0, r1, c0, c1, grid[r0][c0])
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if (i, j) not in covered and value not in (None, ""):
                sheet.write(i, j, value)
    book.save(str(path))


def write_xlsx(path: Path, grid: list[list], merges: Merges = ()) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if value not in (None, ""):
                sheet.cell(i + 1, j + 1, value)
    for r0, r1, c0, c1 in merges:
        sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    book.save(path)


def write_csv(path: Path, grid: list[list], encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if encoding == "gbk" else "\n")
    for row in grid:
        writer.writerow(["" if v is None else (printed(v) if isinstance(v, float) else v) for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))


def printed(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def pad(name: str, full_width: bool = False) -> str:
    """A two-character name as yearbooks print it, padded to the width of three (`北  京`, `北　京`)."""
    return (name[0] + ("\u3000" if full_width else "  ") + name[1]) if len(name) == 2 else name


def table_004() -> pd.DataFrame:
    frame = pd.read_csv(ROOT / "seeds/published/border_opening/pub_border_opening.csv", dtype=str)
    frame = frame[frame.row_type.isin(["province", "national", "border_total"])]
    return frame.assign(value=frame.printed_value)


def nbs(file: str) -> pd.DataFrame:
    """A shipped NBS export as (region, year, value): the 地区 x 年 table below its header lines."""
    text = (ROOT / "data/real/nbs" / file).read_bytes().decode("gbk")
    rows = list(csv.reader(io.StringIO(text)))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "地区")
    years = [int(c.replace("年", "")) for c in rows[header][1:] if c.strip()]
    out = [
        (r[0], year, r[k + 1])
        for r in rows[header + 1 :]
        if r and r[0] and not r[0].startswith(("注", "数据来源"))
        for k, year in enumerate(years)
        if k + 1 < len(r) and r[k + 1].strip()
    ]
    return pd.DataFrame(out, columns=["region", "year", "value"])


def short_names() -> dict[str, str]:
    """Province full name as the NBS exports print it -> short name (北京市 -> 北京)."""
    aliases = pd.read_csv(ROOT / "seeds/reference/ref_region_aliases.csv", dtype=str)
    regions = pd.read_csv(ROOT / "seeds/reference/ref_regions.csv", dtype=str).set_index("region_code")
    return {alias: regions.region_short_name[code] for alias, code in aliases.itertuples(index=False)}


def sample(entity_type: str) -> pd.DataFrame:
    frame = pd.read_csv(ROOT / "seeds/sample/sample_yearbook_observations.csv", dtype=str)
    frame = frame[frame.entity_type == entity_type]
    return frame.assign(year=frame.year.astype(int))


def cell(frame: pd.DataFrame, **keys) -> float | str:
    hit = frame
    for key, value in keys.items():
        hit = hit[hit[key] == value]
    if not len(hit):
        return "…"
    try:
        value = float(hit.value.iloc[0])
        return value if value == value else "—"
    except (ValueError, TypeError):
        return str(hit.value.iloc[0])  # a blank as the source prints it (—)


BORDER = ["内蒙古", "辽宁", "吉林", "黑龙江", "广西", "西藏", "云南", "甘肃", "新疆"]
ENGLISH = {
    "内蒙古": "Inner Mongolia",
    "辽宁": "Liaoning",
    "吉林": "Jilin",
    "黑龙江": "Heilongjiang",
    "广西": "Guangxi",
    "西藏": "Tibet",
    "云南": "Yunnan",
    "甘肃": "Gansu",
    "新疆": "Xinjiang",
    "全国": "National Total",
}
T004 = [("trade_total", "货物进出口总额", "Total Value of Imports and Exports"),
        ("fdi_utilised", "实际使用外资", "Foreign Capital Actually Used"),
        ("odi_nonfinancial", "对外非金融类直接投资", "Outward Non-financial Direct Investment"),
        ("inbound_tourists", "入境游客", "Inbound Visitors"),
        ("inbound_tourism_income", "国际旅游外汇收入", "Foreign Exchange Earnings from Tourism")]


def t01_004_bilingual_xls() -> None:
    """Entities x indicators, one year in the title, bilingual (English header row and region column),
    units in the header, a 全国 row and an aggregate row, a 注 footer: .xls with merged title cells."""
    frame = table_004()
    units = {"trade_total": "亿美元", "fdi_utilised": "亿美元", "odi_nonfinancial": "亿美元",
             "inbound_tourists": "万人次", "inbound_tourism_income": "亿美元"}
    grid = [["表1  2020年沿边省区对外开放主要指标", *[""] * 6],
            ["Main Indicators of Opening-up of the Border Provinces (2020)", *[""] * 6],
            ["地  区", *[f"{name}({units[code]})" for code, name, _ in T004], "Region"],
            ["", *[english for _, _, english in T004], ""]]
    for label in [*BORDER, "沿边地区合计", "全国"]:
        values = [cell(frame, row_label=label, indicator_code=code, year="2020") for code, _, _ in T004]
        grid.append([pad(label), *values, ENGLISH.get(label, "Border Total")])
    grid.append(["注：数据来源于各省区统计公报和商务部、文化和旅游部统计。", *[""] * 6])
    write_xls(
        GOOD / "t01_004_border_opening_2020.xls",
        grid,
        [(0, 0, 0, 6), (1, 1, 0, 6), (len(grid) - 1, len(grid) - 1, 0, 6)],
    )


def t02_004_tourists_by_year_xlsx() -> None:
    """Entities x years for one indicator named in the title, unit line, full-width padded names."""
    frame = table_004()
    years = ["2017", "2018", "2019", "2020"]
    grid = [["18-12 沿边省区入境游客", "", "", "", ""], ["", "", "", "", "单位：万人次"],
            ["地区", *[f"{y}年" for y in years]]]
    for label in BORDER:
        grid.append(
            [
                pad(label, full_width=True),
                *[cell(frame, row_label=label, indicator_code="inbound_tourists", year=y) for y in years],
            ]
        )
    write_xlsx(GOOD / "t02_004_inbound_tourists_by_year.xlsx", grid, [(0, 0, 0, 4)])


def t03_nbs_gdp_2022_gbk_csv() -> None:
    """The 中国统计年鉴's 3-9 layout as a GBK CSV: title with year, bilingual header, English region
    column, padded names, footnote marks, a 全国 row without figures, a column the project does not
    know (65岁及以上人口数, from the shipped export (2)), 注 and 资料来源 footers."""
    gdp, employment, old = nbs("分省年度数据.csv"), nbs("分省年度数据 (3).csv"), nbs("分省年度数据 (2).csv")
    regions = list(dict.fromkeys(gdp.region))
    grid = [
        ["3-9  地区生产总值和就业人员(2022年)", "", "", ""],
        ["Gross Regional Product and Employment (2022)", "", "", ""],
        ["地  区", "地区生产总值(亿元)", "城镇单位就业人员(万人)", "65岁及以上人口数(人)"],
        [
            "Region",
            "Gross Regional Product (100 million yuan)",
            "Employed Persons in Urban Units (10 000 persons)",
            "Population Aged 65 and Over (persons)",
        ],
        ["全  国", "…", "…", "…"],
    ]
    marks = {"河北": "1)", "重庆": "*"}
    short = short_names()
    for region in regions:
        grid.append([pad(short[region]) + marks.get(short[region], ""),
                     *[cell(f, region=region, year=2022) for f in (gdp, employment, old)]])
    grid += [
        ["注：1)河北省数据含雄安新区。*重庆市为直辖市。", "", "", ""],
        ["资料来源：国家统计局。", "", "", ""],
    ]
    for row in grid[5:-2]:
        row[1:4] = [v if isinstance(v, str) else printed(v) for v in row[1:4]]
    write_csv(GOOD / "t03_nbs_gdp_employment_2022.csv", grid, encoding="gbk")


def t04_nbs_gdp_main_years_xls() -> None:
    """Entities x years (主要年份), indicator in the title, unit line, 注 footer: .xls."""
    gdp = nbs("分省年度数据.csv")
    years = [2010, 2015, 2020, 2023]
    grid = [["3-10 各地区地区生产总值(主要年份)", "", "", "", ""], ["单位：亿元", "", "", "", ""],
            ["地区", *[str(y) for y in years]]]
    for region in dict.fromkeys(gdp.region):
        grid.append([region, *[cell(gdp, region=region, year=y) for y in years]])
    grid.append(["注：本表按当年价格计算。", "", "", "", ""])
    write_xls(GOOD / "t04_nbs_gdp_main_years.xls", grid, [(0, 0, 0, 4)])


def t05_guangxi_years_x_indicators_xlsx() -> None:
    """One province's own table: years x indicators, the province named in the title only."""
    gdp, employment = nbs("分省年度数据.csv"), nbs("分省年度数据 (3).csv")
    grid = [
        ["1-3 广西壮族自治区国民经济主要指标", "", ""],
        ["年份", "地区生产总值(亿元)", "城镇单位就业人员(万人)"],
    ]
    for year in range(2015, 2024):
        grid.append([f"{year}年", *[cell(f, region="广西壮族自治区", year=year) for f in (gdp, employment)]])
    write_xlsx(GOOD / "t05_guangxi_main_indicators.xlsx", grid)


def t06_yunnan_indicators_x_years_csv() -> None:
    """Indicators x years for one province, with a 单位 column, UTF-8 CSV."""
    gdp, employment = nbs("分省年度数据.csv"), nbs("分省年度数据 (3).csv")
    years = [2019, 2020, 2021, 2022]
    grid = [["云南省主要经济指标", "", *[""] * len(years)], ["指标", "单位", *[str(y) for y in years]],
            ["地区生产总值", "亿元", *[cell(gdp, region="云南省", year=y) for y in years]],
            ["城镇单位就业人员", "万人", *[cell(employment, region="云南省", year=y) for y in years]]]
    write_csv(GOOD / "t06_yunnan_indicators_by_year.csv", grid)


def t07_004_three_header_rows_xlsx() -> None:
    """Three header rows (a group over names over a units row), no year printed: the sidecar says 2019."""
    frame = table_004()
    codes = ["trade_total", "fdi_utilised", "odi_nonfinancial"]
    grid = [["沿边省区对外经济贸易", "", "", ""],
            ["地区", "对外经济贸易", "", ""],
            ["", "货物进出口总额", "实际使用外资", "对外非金融类直接投资"],
            ["", "亿美元", "亿美元", "亿美元"]]
    for label in BORDER:
        grid.append(
            [label, *[cell(frame, row_label=label, indicator_code=code, year="2019") for code in codes]]
        )
    write_xlsx(GOOD / "t07_004_trade_investment.xlsx", grid, [(0, 0, 0, 3), (1, 1, 1, 3), (1, 3, 0, 0)])
    (GOOD / "t07_004_trade_investment.xlsx.yml").write_text(
        "# The table prints no year: 中国统计年鉴 2020 edition, figures of 2019.\nyear: 2019\n",
        encoding="utf-8",
    )


CITIES = [
    "南宁市",
    "柳州市",
    "桂林市",
    "梧州市",
    "北海市",
    "防城港市",
    "钦州市",
    "贵港市",
    "百色市",
    "崇左市",
]


def t08_city_yearbook_xls() -> None:
    """中国城市统计年鉴: cities x indicators, each indicator over 全市 / 市辖区 (merged), a province's
    group row, year in the title: .xls. SAMPLE figures under real city names; 市辖区 not available."""
    frame = sample("prefecture")
    names = [
        ("地区生产总值", "地区生产总值"),
        ("第二产业增加值", "第二产业增加值"),
        ("社会消费品零售总额", "社会消费品零售总额"),
    ]
    grid = [["2-5  地区生产总值和社会消费品零售总额(2018年)", *[""] * 6],
            ["城  市", "地区生产总值(亿元)", "", "第二产业增加值(亿元)", "", "社会消费品零售总额(亿元)", ""],
            ["", "全市", "市辖区", "全市", "市辖区", "全市", "市辖区"],
            ["广西壮族自治区", *[""] * 6]]
    for city in CITIES:
        row = [city]
        for _, indicator in names:
            row += [cell(frame, entity_name=city, indicator_name=indicator, year=2018), "…"]
        grid.append(row)
    write_xls(GOOD / "t08_city_yearbook_2018.xls", grid,
              [(0, 0, 0, 6), (1, 2, 0, 0), (1, 1, 1, 2), (1, 1, 3, 4), (1, 1, 5, 6)])


def t09_city_retail_by_year_gbk_csv() -> None:
    """Cities x years for one indicator in the title and unit line, as a GBK CSV. SAMPLE figures."""
    frame = sample("prefecture")
    years = [2014, 2015, 2016, 2017]
    grid = [
        ["广西主要城市社会消费品零售总额", "", "", "", ""],
        ["单位：亿元", "", "", "", ""],
        ["城市", *map(str, years)],
    ]
    for city in CITIES:
        grid.append(
            [
                city,
                *[
                    printed(cell(frame, entity_name=city, indicator_name="社会消费品零售总额", year=y))
                    for y in years
                ],
            ]
        )
    write_csv(GOOD / "t09_city_retail_by_year.csv", grid, encoding="gbk")


PORTS = ["东兴", "凭祥", "友谊关", "水口", "爱店", "河口", "磨憨", "瑞丽", "畹町", "满洲里", "二连浩特"]


def t10_port_yearbook_xls() -> None:
    """中国口岸年鉴: ports x (persons, freight, value) each over 入境/出境 or 进口/出口 (merged groups),
    province group rows, year in the title, vehicles in 辆次: .xls. SAMPLE figures under real port names."""
    frame = sample("port")
    groups = [("出入境人员(人次)", [("入境", "口岸入境人员"), ("出境", "口岸出境人员")]),
              ("货运量(吨)", [("进口", "口岸进口货运量"), ("出口", "口岸出口货运量")]),
              ("货值(万美元)", [("进口", "口岸进口总额"), ("出口", "口岸出口总额")])]
    grid = [["口岸出入境情况(2016年)", *[""] * 7],
            ["口  岸", *[g for g, subs in groups for _ in subs], "交通工具(辆次)"],
            ["", *[s for _, subs in groups for s, _ in subs], ""]]
    province_of = {
        "满洲里": "内蒙古",
        "二连浩特": "内蒙古",
        "河口": "云南",
        "磨憨": "云南",
        "瑞丽": "云南",
        "畹町": "云南",
    }
    current = None
    for port in PORTS:
        province = province_of.get(port, "广西")
        if province != current:
            grid.append([province, *[""] * 7])
            current = province
        grid.append(
            [
                port,
                *[
                    cell(frame, entity_name=port, indicator_name=name, year=2016)
                    for _, subs in groups
                    for _, name in subs
                ],
                cell(frame, entity_name=port, indicator_name="交通工具出入境量", year=2016),
            ]
        )
    write_xls(GOOD / "t10_port_yearbook_2016.xls", grid,
              [(0, 0, 0, 7), (1, 2, 0, 0), (1, 1, 1, 2), (1, 1, 3, 4), (1, 1, 5, 6), (1, 2, 7, 7)])


def t11_port_persons_by_year_xlsx() -> None:
    """Ports x years for one indicator named in the header's group cell (入境人员, 人次) over the years."""
    frame = sample("port")
    years = [2012, 2013, 2014, 2015]
    grid = [
        ["边境口岸入境人员", "", "", "", ""],
        ["口岸", "入境人员(人次)", "", "", ""],
        ["", *map(str, years)],
    ]
    for port in PORTS:
        grid.append(
            [port, *[cell(frame, entity_name=port, indicator_name="口岸入境人员", year=y) for y in years]]
        )
    write_xlsx(GOOD / "t11_port_inbound_by_year.xlsx", grid, [(0, 0, 0, 4), (1, 1, 1, 4), (1, 2, 0, 0)])


def t12_national_years_x_indicators_xlsx() -> None:
    """The nation's years x indicators, 全国 named in the title, units in a units row under the header."""
    frame = table_004()
    codes = ["trade_total", "fdi_utilised", "odi_nonfinancial", "inbound_tourists"]
    grid = [["全国对外经济主要指标", "", "", "", ""],
            ["年份", "货物进出口总额", "实际使用外资", "对外非金融类直接投资", "入境游客"],
            ["", "亿美元", "亿美元", "亿美元", "万人次"]]
    for year in ["2017", "2018", "2019", "2020"]:
        grid.append(
            [year, *[cell(frame, row_label="全国", indicator_code=code, year=year) for code in codes]]
        )
    write_xlsx(GOOD / "t12_national_main_indicators.xlsx", grid, [(0, 0, 0, 4)])


def bad_variants() -> None:
    """Tables that must be refused, each naming the file, line and cell
    (tests/python/yearbooks/test_yearbook_tables.py)."""
    frame = table_004()
    rows = [
        [label, cell(frame, row_label=label, indicator_code="trade_total", year="2020")]
        for label in BORDER[:4]
    ]
    # A header that could be two indicators (a group and a sub-column that each name one).
    write_xlsx(
        BAD / "ambiguous_header.xlsx",
        [["沿边省区主要指标(2020年)", ""], ["地区", "货物进出口总额"], ["", "实际使用外资(亿美元)"], *rows],
        [(1, 2, 0, 0)],
    )
    # Figures under a blank header cell.
    write_csv(BAD / "figures_under_blank_header.csv",
              [["沿边省区货物进出口总额(2020年)", "", ""], ["地区", "货物进出口总额(亿美元)", ""],
               *[[label, printed(value), printed(value)] for label, value in rows]])
    # A row shifted one cell to the right (its name lands in the figures' column).
    shifted = [["沿边省区货物进出口总额(2020年)", ""], ["地区", "货物进出口总额(亿美元)"], *rows]
    shifted[3] = ["", rows[1][0], rows[1][1]]
    write_xls(BAD / "shifted_row.xls", shifted)
    # No year in the title, the header or a sidecar.
    write_csv(BAD / "no_year.csv", [["沿边省区货物进出口总额", ""], ["地区", "货物进出口总额(亿美元)"],
                                     *[[label, printed(value)] for label, value in rows]])
    # A title naming two years.
    write_csv(BAD / "two_years_in_title.csv", [["沿边省区货物进出口总额(2019年和2020年)", ""],
                                               ["地区", "货物进出口总额(亿美元)"],
                                               *[[label, printed(value)] for label, value in rows]])
    # Five header rows: which is the header?
    write_csv(
        BAD / "too_many_header_rows.csv",
        [
            ["沿边省区货物进出口总额(2020年)", "", ""],
            ["地区", "对外", ""],
            ["", "经济", ""],
            ["", "贸易", ""],
            ["", "货物进出口总额", ""],
            ["", "亿美元", ""],
            *[[label, printed(value), ""] for label, value in rows],
        ],
    )


def main() -> None:
    GOOD.mkdir(exist_ok=True)
    BAD.mkdir(exist_ok=True)
    for make in (
        t01_004_bilingual_xls,
        t02_004_tourists_by_year_xlsx,
        t03_nbs_gdp_2022_gbk_csv,
        t04_nbs_gdp_main_years_xls,
        t05_guangxi_years_x_indicators_xlsx,
        t06_yunnan_indicators_x_years_csv,
        t07_004_three_header_rows_xlsx,
        t08_city_yearbook_xls,
        t09_city_retail_by_year_gbk_csv,
        t10_port_yearbook_xls,
        t11_port_persons_by_year_xlsx,
        t12_national_years_x_indicators_xlsx,
        bad_variants,
    ):
        make()
    print(f"wrote {len(list(GOOD.iterdir()))} good and {len(list(BAD.iterdir()))} bad files")


if __name__ == "__main__":
    main()
