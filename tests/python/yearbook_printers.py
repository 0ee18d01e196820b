"""How each yearbook a needs line names prints its table (ref_indicator_sources: yearbook, yearbook_table,
table_layout, table_header, table_unit), with its quirks, from the figures to print: the 中国口岸年鉴's port
tables (a group over 进口/出口 or 入境/出境, province group rows, a 合计 row, footnote marks), the
中国城市统计年鉴's city tables (a group over 全市/市辖区, province rows), a statistical yearbook's 主要年份
table of one entity (bilingual, an unknown column beside, the entity in a sidecar as the yearbook's own
title does not print it) and the 商务部 bulletin's provinces x years. Test code: the needs round trip
(test_needs_round_trip.py) prints every needed cell with them, make_needs_tables.py one example each
into tests/yearbook_tables/needs/.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from opening_up.settings import PROJECT_ROOT

SIBLING = {"进口": "出口", "出口": "进口", "入境": "出境", "出境": "入境"}
REFERENCE = PROJECT_ROOT / "seeds" / "reference"


@dataclass
class Printed:
    """One table as printed: its file name, cells (row by row), merged ranges (first row, last row, first
    column, last column; 0-based, inclusive) and sidecar text."""

    name: str
    grid: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    sidecar: str | None = None


def _provinces_of(entity_scope: str) -> dict[str, str]:
    """{entity code: the full name of its province} for ports and prefectures."""
    regions = pd.read_csv(REFERENCE / "ref_regions.csv", dtype=str).set_index("region_code").region_name
    table = {
        "ports": ("ref_ports.csv", "port_code"),
        "prefectures": ("ref_prefectures.csv", "prefecture_code"),
    }
    if entity_scope not in table:
        return {}
    seed, key = table[entity_scope]
    frame = pd.read_csv(REFERENCE / seed, dtype=str)
    return {code: regions[region] for code, region in zip(frame[key], frame.region_code, strict=True)}


def _grouped_rows(cells: pd.DataFrame, provinces: dict[str, str], width: int, values) -> list[list[str]]:
    """Entity rows under their province's group row (a name only), the first entity with a footnote mark."""
    rows, current = [], None
    for n, row in enumerate(cells.sort_values(["entity_code"]).itertuples()):
        province = provinces.get(row.entity_code)
        if province and province != current:
            rows.append([province, *[""] * (width - 1)])
            current = province
        rows.append([row.entity_name + ("1)" if n == 0 else ""), *values(row)])
    return rows


def port_yearbook(line, cells: pd.DataFrame, year: int, number: int) -> Printed:
    """中国口岸年鉴: 口  岸 | <group>(<unit>) over its two sub-columns (the needed one filled, the other …),
    or one column (交通工具); province rows; a 合计 row; 注."""
    group, _, sub = line.table_header.partition("/")
    if sub:
        subs = [sub, SIBLING[sub]] if sub in ("进口", "入境") else [SIBLING[sub], sub]
        header = [["口  岸", f"{group}({line.table_unit})", ""], ["", *subs]]
        merges = [(1, 2, 0, 0), (1, 1, 1, 2)]
        values = (lambda row: [row.text, "…"]) if subs[0] == sub else (lambda row: ["…", row.text])
    else:
        header = [["口  岸", f"{group}({line.table_unit})", ""], ["", "", ""]]
        merges, values = [(1, 2, 0, 0), (1, 2, 1, 1)], (lambda row: [row.text, ""])
    total = f"{sum(float(text) for text in cells.text):.4f}".rstrip("0").rstrip(".")
    grid = [[f"3-{number}  {line.yearbook_table}({year}年)", "", ""], *header,
            *_grouped_rows(cells, _provinces_of("ports"), 3, values),
            ["合  计", *([total, "…"] if sub and subs[0] == sub else ["…", total] if sub else [total, ""])],
            ["注：1)含临时开放期间的数据。", "", ""]]
    return Printed(f"port_{number:02d}_{year}.xls", grid, [(0, 0, 0, 2), *merges])


def city_yearbook(line, cells: pd.DataFrame, year: int, number: int) -> Printed:
    """中国城市统计年鉴: 城  市 | <indicator>(<unit>) over 全市 | 市辖区 (市辖区 not printed here: …);
    a province's row before its cities; 注."""
    grid = [[f"2-{number}  {line.table_header}({year}年)", "", ""],
            ["城  市", f"{line.table_header}({line.table_unit})", ""], ["", "全市", "市辖区"],
            *_grouped_rows(cells, _provinces_of("prefectures"), 3, lambda row: [row.text, "…"]),
            ["注：1)全市含市辖县。", "", ""]]
    return Printed(f"city_{number:02d}_{year}.xls", grid, [(0, 0, 0, 2), (1, 2, 0, 0), (1, 1, 1, 2)])


def main_years(line, cells: pd.DataFrame, entity: str, number: int) -> Printed:
    """A statistical yearbook's 主要年份 table of one entity (the nation's 中国统计年鉴, or a province's own
    yearbook): bilingual title and header, years as rows (`2015年`), the needed column beside one the
    project does not know (…); the entity in the sidecar, as the yearbook's title does not print it."""
    subject = line.yearbook_table.split(": ")[-1].split("(")[0].strip()
    english = (
        pd.read_csv(REFERENCE / "ref_indicators.csv", dtype=str).set_index("indicator_code").indicator_name_en
    )
    grid = [
        [f"11-{number}  {subject}(主要年份)", "", ""],
        [f"{english[line.indicator_code].title()} (Main Years)", "", ""],
        ["年  份", f"{line.table_header}({line.table_unit})", "比上年增长(%)"],
        ["Year", english[line.indicator_code].title(), "Growth Rate (%)"],
    ]
    grid += [[f"{row.year}年", row.text, "…"] for row in cells.sort_values("year").itertuples()]
    grid.append(["资料来源：商务部、国家外汇管理局。", "", ""])
    return Printed(f"main_years_{number:02d}_{entity}.xlsx", grid, [(0, 0, 0, 2)],
                   sidecar=f"# The yearbook's own title does not print the entity.\nentity: {entity}\n")


def bulletin(line, cells: pd.DataFrame, number: int) -> Printed:
    """The 商务部 bulletin: provinces x years, the indicator in the title, a 单位 line, a 合计 row."""
    years = sorted(cells.year.unique())
    table = cells.pivot_table(index="entity_name", columns="year", values="text", aggfunc="first")
    grid = [[line.yearbook_table, *[""] * len(years)], [f"单位：{line.table_unit}", *[""] * len(years)],
            ["地  区", *[f"{year}年" for year in years]]]
    grid += [
        [name, *[("…" if pd.isna(table.at[name, y]) else table.at[name, y]) for y in years]]
        for name in table.index
    ]
    grid.append(["合  计", *["…"] * len(years)])
    return Printed(f"bulletin_{number:02d}.csv", grid)


def print_line(line, cells: pd.DataFrame, number: int) -> list[Printed]:
    """Every table the line's yearbook prints for `cells` (entity_code, entity_name, year, text in the
    line's unit): one per year (port and city tables), per entity (主要年份) or one (bulletin)."""
    if line.table_layout == "entities_x_indicators":
        printer = port_yearbook if line.yearbook == "中国口岸年鉴" else city_yearbook
        return [printer(line, of_year, int(year), number) for year, of_year in cells.groupby("year")]
    if line.table_layout == "years_x_indicators":
        return [main_years(line, of_entity, of_entity.entity_name.iloc[0], number)
                for _, of_entity in cells.groupby("entity_code")]
    if line.table_layout == "entities_x_years":
        return [bulletin(line, cells, number)]
    raise ValueError(f"no printer for {line.yearbook} {line.table_layout}")


def write(folder: Path, printed: Printed) -> Path:
    """The table in its file's format (.xls with merges, .xlsx with merges, .csv in GBK), and its sidecar."""
    path = folder / printed.name
    if path.suffix == ".xls":
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Sheet1")
        covered = {
            (i, j) for r0, r1, c0, c1 in printed.merges for i in range(r0, r1 + 1) for j in range(c0, c1 + 1)
        }
        for r0, r1, c0, c1 in printed.merges:
            sheet.write_merge(r0, r1, c0, c1, printed.grid[r0][c0])
        for i, row in enumerate(printed.grid):
            for j, value in enumerate(row):
                if (i, j) not in covered and value != "":
                    sheet.write(i, j, value)
        book.save(str(path))
    elif path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for i, row in enumerate(printed.grid):
            for j, value in enumerate(row):
                if value != "":
                    book.active.cell(i + 1, j + 1, value)
        for r0, r1, c0, c1 in printed.merges:
            book.active.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        book.save(path)
    else:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(printed.grid)
        path.write_bytes(buffer.getvalue().encode("gbk"))
    if printed.sidecar:
        path.with_name(path.name + ".yml").write_text(printed.sidecar, encoding="utf-8")
    return path
