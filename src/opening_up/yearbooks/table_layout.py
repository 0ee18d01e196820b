"""Where the parts of a printed yearbook table are: title lines, unit line, header rows, label column,
data rows and footers (docs/yearbook_template.md, "Yearbook tables as printed").

A table as the 中国统计年鉴, 中国城市统计年鉴, 中国口岸年鉴 or a province's yearbook prints it: title
lines (`11-14 按地区分外商投资企业投资总额`, an English title, `(2022年)`, `单位：万美元`), one to three
header rows with merged group cells (`货物进出口总额 / 出口 / 进口`; `全市 / 市辖区`), an optional units
row and English header row, then one row per entity (or year, or indicator) and 注/资料来源 footers.
Nothing here decides what a cell means (opening_up.yearbooks.yearbook_tables does); this module only finds the
parts, and refuses a table whose header it cannot find unambiguously, saying which sidecar key
(`header_rows`) settles it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from opening_up.yearbooks.printed import BLANKS, FIRST_YEAR, NotANumber, last_year, plain_number
from opening_up.yearbooks.sheets import Merge, Rows, YearbookError

MAX_HEADER_ROWS = 3
# What a table prints over its row labels.
HEADER_WORDS = {
    "地区",
    "年份",
    "年",
    "指标",
    "项目",
    "城市",
    "口岸",
    "省份",
    "地区名称",
    "城市名称",
    "口岸名称",
    "单位",
    "Region",
    "Year",
    "Item",
    "City",
    "Port",
}
CJK = re.compile(r"[\u3400-\u9fff]")
FOOTER = re.compile(r"^\s*(注|资料来源|数据来源|说明|Notes?\b|Sources?\b)")
UNIT_LINE = re.compile(r"单位\s*[:：]\s*(?P<unit>[^\s,，;；)）]+)")
YEAR_LABEL = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年?$")
# A name as printed: footnote marks after it (`河北1)`, `重庆*`, `①`), spaces inside (`北  京`, `北　京`).
FOOTNOTE_MARK = re.compile(r"(?:\d\)|[(（]\d[)）]|[*＊]+|[①-⑳]+)$")


def normal(text: str) -> str:
    """A printed cell without width differences, footnote marks and the spaces that pad Chinese names
    (`北　京1)` -> `北京`); a space beside Latin letters or digits stays single (`X12 北海港`)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    text = re.sub(r"(?<=[\u3400-\u9fff(（)）]) (?=[\u3400-\u9fff(（)）])", "", text)
    while FOOTNOTE_MARK.search(text) and FOOTNOTE_MARK.sub("", text):
        text = FOOTNOTE_MARK.sub("", text)
    return text


def is_number(text: str) -> bool:
    try:
        plain_number(text)
    except NotANumber:
        return False
    return True


def is_english(text: str) -> bool:
    """English text of a bilingual table (no Chinese character, not a number or a year)."""
    stripped = text.strip()
    return bool(stripped) and not CJK.search(stripped) and bool(re.search(r"[A-Za-z]", stripped))


@dataclass(frozen=True)
class Layout:
    """The parts of a table, as 0-based row indices and the label column."""

    title_rows: list[int]
    header_rows: list[int]
    units_row: int | None
    data_rows: list[int]
    label_column: int
    english_columns: frozenset[int]


def filled(rows: Rows, merges: list[Merge] | None) -> Rows:
    """Rows padded to one width with each merged range's text in all its cells. Without merge
    information (a CSV as printed), the caller fills header groups from the left (group_filled)."""
    width = max((len(row) for row in rows), default=0)
    out = [list(row) + [""] * (width - len(row)) for row in rows]
    for first_row, end_row, first_column, end_column in merges or []:
        text = out[first_row][first_column] if first_row < len(out) and first_column < width else ""
        for i in range(first_row, min(end_row, len(out))):
            for j in range(first_column, min(end_column, width)):
                out[i][j] = text
    return out


def group_filled(header: list[list[str]], label_column: int) -> list[list[str]]:
    """Header rows of a CSV as printed: a group cell (`货物进出口总额`) stands over the blank cells to its
    right in every header row but the last (the merged cell as a CSV prints it)."""
    out = [list(row) for row in header]
    for row in out[:-1]:
        for j in range(label_column + 2, len(row)):
            if not row[j].strip() and row[j - 1].strip() and j - 1 > label_column:
                row[j] = row[j - 1]
    return out


def _distinct(row: list[str]) -> list[str]:
    return list(dict.fromkeys(cell.strip() for cell in row if cell.strip()))


def _is_title_row(row: list[str]) -> bool:
    texts = _distinct(row)
    return len(texts) <= 1 or (len(texts) == 2 and any(UNIT_LINE.search(t) for t in texts))


def is_year(text: str) -> bool:
    """A year as a header or a row label prints it (`2022`, `2022年`), FIRST_YEAR to next year."""
    match = YEAR_LABEL.match(normal(text))
    return bool(match) and FIRST_YEAR <= int(match.group("year")) <= last_year()


def _is_year_header(row: list[str]) -> bool:
    """A header of years (`地区, 2019, 2020`; `指标, 单位, 2019年, 2020年`): every number after the row's
    first cell is a year, two at least, or one under a first cell that is blank or a header word
    (`年份`; never a name: `芒市, 2044` is a figure)."""
    cells = [cell.strip() for cell in row if cell.strip()]
    first = normal(row[next(j for j, c in enumerate(row) if c.strip())]) if cells else ""
    texts = _distinct(row)[1:] if cells and row[0].strip() else _distinct(row)
    years = [t for t in texts if is_year(t)]
    numbers = [t for t in texts if is_number(t) or YEAR_LABEL.match(normal(t))]
    header_word = not row[0].strip() or first in HEADER_WORDS
    return bool(years) and len(years) == len(numbers) and (len(years) >= 2 or header_word)


def _is_data_row(row: list[str]) -> bool:
    cells = [cell for cell in row if cell.strip()]
    return (len(cells) >= 2 and not _is_year_header(row)
            # A row of blanks (全国 …) is a data row without figures.
            and any(is_number(cell) or cell.strip() in BLANKS for cell in cells[1:]))


def footer_start(rows: Rows, start: int) -> int:
    """Index of the first 注/资料来源 line at or after `start` (len(rows) without one)."""
    for i in range(start, len(rows)):
        texts = _distinct(rows[i])
        if texts and FOOTER.match(texts[0]):
            return i
    return len(rows)


def find_layout(path: str, rows: Rows, header_lines: list[int] | None, unit_aliases: set[str]) -> Layout:
    """The parts of `rows` (already filled). `header_lines` (1-based, from a sidecar's header_rows)
    overrides the search for the header."""
    first_table = next((i for i, row in enumerate(rows) if not _is_title_row(row)), None)
    if first_table is None:
        raise YearbookError(f"{path}: no table (every line holds one text at most)")
    if header_lines:
        header = [line - 1 for line in header_lines]
        first_data = max(header) + 1
        title = [i for i in range(min(header)) if any(c.strip() for c in rows[i])]
    else:
        first_data = next((i for i in range(first_table, len(rows)) if _is_data_row(rows[i])), None)
        if first_data is None:
            raise YearbookError(f"{path}, line {first_table + 1}: no line of figures below the header "
                                "(a number in a cell after the row's name)")
        title = [i for i in range(first_table) if any(c.strip() for c in rows[i])]
        header = [i for i in range(first_table, first_data) if any(c.strip() for c in rows[i])]
    end = footer_start(rows, first_data)
    data = [i for i in range(first_data, end) if any(c.strip() for c in rows[i])]
    label_column = next(j for j, cell in enumerate(rows[first_data]) if cell.strip())
    # A row above the first figures with a name only (a province over its cities) is no header row.
    header = [i for i in header if any(c.strip() for j, c in enumerate(rows[i]) if j != label_column)]
    units_row = next((i for i in header if _is_units_row(rows[i], label_column, unit_aliases)), None)
    english = [i for i in header if i != units_row and all(is_english(c) or is_year(c)
                                                        for c in rows[i] if c.strip())
               and not _is_year_header(rows[i])]
    header = [i for i in header if i != units_row and i not in english]
    if len(header) > MAX_HEADER_ROWS or not header:
        lines = f"lines {header[0] + 1}-{header[-1] + 1}" if header else f"line {first_data + 1}"
        raise YearbookError(f"{path}, {lines}: {len(header)} header rows where a yearbook prints one to "
                            f"{MAX_HEADER_ROWS}: which are the header? (sidecar key header_rows, e.g. "
                            f"header_rows: [{(header or [first_data])[-1] + 1}])")
    english_columns = frozenset(
        j
        for j in range(len(rows[first_data]))
        if j != label_column
        and any(rows[i][j].strip() for i in data)
        and all(is_english(rows[i][j]) for i in data if rows[i][j].strip())
    )
    return Layout(title, header, units_row, data, label_column, english_columns)


def _is_units_row(row: list[str], label_column: int, unit_aliases: set[str]) -> bool:
    cells = [normal(c).strip("()（）") for j, c in enumerate(row) if j != label_column and c.strip()]
    return bool(cells) and all(cell in unit_aliases for cell in cells)
