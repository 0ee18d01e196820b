"""Yearbook tables into raw rows, before dbt: the parsers of the two layouts the drop folder takes
(opening_up.yearbooks.drop_folder reads the folder and the files; opening_up.warehouse.ingest writes the rows
into `raw`).

Formats: the National Bureau of Statistics data-portal export (分省年度数据 …) exactly as downloaded
(GBK or UTF-8 with or without BOM, CRLF, the 数据库/指标/时间 header lines, a 地区 x 年 table, blank
cells, 注 and 数据来源 footers), and the canonical long CSV (docs/yearbook_template.md); each also as
.xlsx (the sheets that hold a table). The indicator and unit of an NBS export come from its 指标 line, never
from
the file name. The parsers check the layout (header lines, year cells, one cell per header cell,
blanks) and read each number strictly (opening_up.yearbooks.printed); names and units stay as printed, with
file, line and cell, for dbt's resolver (`resolve_yearbook_rows`), which checks them and the
indicator's plausible range and whose errors name the same file, line and cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from opening_up.settings import PROJECT_ROOT
from opening_up.usage import some
from opening_up.yearbooks.printed import BLANKS, FIRST_YEAR, NotANumber, edition_year, last_year, plain_number
from opening_up.yearbooks.sheets import Rows, YearbookError

REFERENCE_DIR = PROJECT_ROOT / "seeds" / "reference"
CANONICAL_COLUMNS = ["entity_type", "entity_name", "year", "indicator_name", "unit", "value"]
CANONICAL_OPTIONAL = ["vintage", "note"]
INDICATOR_LINE = re.compile(r"^指标[:：]\s*(?P<name>.+?)\s*[(（](?P<unit>[^()（）]+)[)）]\s*$")
YEAR_CELL = re.compile(r"^(?P<year>\d{4})\s*年?$")
FOOTERS = ("注", "数据来源", "\u3000")


@dataclass
class LoadReport:
    """What a load read and normalised, for the refresh report."""

    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Entries of the drop folder not loaded, each with the reason ("README.md: documentation").
    skipped: list[str] = field(default_factory=list)
    # {file: sha256 of the bytes that were read} (opening_up.warehouse.ingest records it).
    sha256: dict[str, str] = field(default_factory=dict)
    # Rows written into the warehouse (set by opening_up.warehouse.ingest).
    n_rows: int = 0


@dataclass(frozen=True)
class Reference:
    """The alias tables of the project's seeds (the sample generator reads real anchors through them)."""

    regions: dict[str, str]
    prefectures: dict[str, str]
    ports: dict[str, str]
    indicators: dict[str, str]
    units: dict[str, set[str]]
    non_negative: frozenset[str]
    # (indicator_code, printed unit) -> factor to the indicator's canonical unit.
    factors: dict[tuple[str, str], float] = field(default_factory=dict)
    # indicator_code -> the entity types it is observed for (ref_indicators.entity_types: region, prefecture,
    # port).
    entity_types: dict[str, frozenset[str]] = field(default_factory=dict)


def load_reference(directory: Path = REFERENCE_DIR) -> Reference:
    """Read the alias seeds: region, prefecture and port spellings, indicator names and their units."""
    read = lambda name: pd.read_csv(directory / name, dtype=str, keep_default_na=False)  # noqa: E731
    indicators = read("ref_indicators.csv")
    aliases = read("ref_indicator_aliases.csv")
    conversions = read("ref_unit_conversions.csv")
    canonical = dict(zip(indicators.indicator_code, indicators.canonical_unit, strict=True))
    factors = {(code, row.unit_alias): float(row.factor) for code, unit in canonical.items()
               for row in conversions[conversions.canonical_unit == unit].itertuples()}
    units = {code: {alias for key, alias in factors if key == code} for code in canonical}
    return Reference(
        regions=dict(read("ref_region_aliases.csv").itertuples(index=False)),
        prefectures=dict(read("ref_prefecture_aliases.csv").itertuples(index=False)),
        ports=dict(read("ref_port_aliases.csv").itertuples(index=False)),
        indicators=dict(zip(aliases.indicator_alias, aliases.indicator_code, strict=True)),
        units=units,
        non_negative=frozenset(indicators.loc[indicators.is_non_negative == "true", "indicator_code"]),
        factors=factors,
        entity_types={
            code: frozenset(types.split("|"))
            for code, types in zip(indicators.indicator_code, indicators.entity_types, strict=True)
        },
    )


def cell_name(column: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def value_text(path: Path, line: int, cell: str, text: str, report: LoadReport) -> str | None:
    """The number in a value cell as plain ASCII (opening_up.yearbooks.printed), None for a documented blank
    (empty, —, …, 空); a cell in any other format is refused, naming file, line, cell and value."""
    stripped = text.strip()
    if stripped in BLANKS:
        return None
    try:
        plain = plain_number(stripped)
    except NotANumber as error:
        raise YearbookError(f"{path}, line {line}, cell {cell}: value {error}") from None
    if plain != stripped:
        report.notes.append(f"{path}, line {line}, cell {cell}: {stripped!r} read as {plain}")
    return plain


def _check_year(path: Path, line: int, cell: str, text: str) -> int:
    match = YEAR_CELL.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        raise YearbookError(f"{path}, line {line}, cell {cell}: {text!r} is not a year")
    year = int(match.group("year"))
    if not FIRST_YEAR <= year <= last_year():
        raise YearbookError(
            f"{path}, line {line}, cell {cell}: year {year} outside {FIRST_YEAR}-{last_year()}"
        )
    return year


def _check_width(path: Path, line: int, row: list[str], width: int) -> None:
    """A table row has as many cells as its header (cells past the header that are all blank aside)."""
    cells = len(row) if len(row) <= width else width + sum(1 for c in row[width:] if c.strip())
    if cells != width:
        raise YearbookError(
            f"{path}, line {line}: {cells} cells where the header has {width} "
            f"({'a cell too many: an unquoted comma?' if cells > width else 'cells missing'})"
        )


def _check_header(path: Path, line: int, header: list[str], rows: Rows, first_data: int) -> list[int]:
    """Positions of the header's named cells. A blank header cell over a non-blank value and a name
    printed twice are refused (either would put figures under the wrong column)."""
    named = []
    for j, text in enumerate(header):
        if text.strip():
            named.append(j)
        elif any(j < len(row) and row[j].strip() for row in rows[first_data:]):
            raise YearbookError(f"{path}, line {line}, cell {cell_name(j)}: a blank header cell over values "
                                "(the values would land under the wrong column)")
    seen: dict[str, int] = {}
    for j in named:
        key = unicodedata.normalize("NFKC", header[j]).strip()
        if key in seen:
            raise YearbookError(f"{path}, line {line}, cells {cell_name(seen[key])} and {cell_name(j)}: "
                                f"the header names {header[j].strip()!r} twice")
        seen[key] = j
    return named


def _footer_line(rows: Rows, start: int) -> int:
    """Index of the first footer row (注, 数据来源) at or after `start`, len(rows) without one."""
    return next(
        (i for i in range(start, len(rows)) if rows[i] and rows[i][0].strip().startswith(FOOTERS)), len(rows)
    )


def parse_nbs_export(
    path: Path, rows: Rows, sheet: str | None, vintage: int, report: LoadReport
) -> list[dict]:
    """An NBS data-portal export (数据库/指标/时间 lines, then a 地区 x 年 table, then footers)."""
    indicator_line = next((i for i, r in enumerate(rows) if r and r[0].startswith("指标")), None)
    if indicator_line is None:
        raise YearbookError(f"{path}: no 指标 line: not an NBS export")
    match = INDICATOR_LINE.match(rows[indicator_line][0].strip())
    if not match:
        raise YearbookError(f"{path}, line {indicator_line + 1}, cell A: cannot read indicator and unit from "
                            f"{rows[indicator_line][0]!r}")
    name, unit = match.group("name"), match.group("unit")
    header_line = next((i for i, r in enumerate(rows) if any(c.strip() == "地区" for c in r)), None)
    if header_line is None:
        raise YearbookError(f"{path}: no 地区 header line")
    header = rows[header_line]
    if header[0].strip() != "地区":
        raise YearbookError(
            f"{path}, line {header_line + 1}, cell A: the header is shifted "
            f"(地区 is in column {cell_name(header.index(next(c for c in header if c.strip() == '地区')))})"
        )
    end = _footer_line(rows, header_line + 1)
    named = _check_header(path, header_line + 1, header, rows[:end], header_line + 1)
    years = {j: _check_year(path, header_line + 1, cell_name(j), header[j]) for j in named if j > 0}
    out = []
    for i in range(header_line + 1, end):
        row, line = rows[i], i + 1
        if not any(c.strip() for c in row):
            continue
        _check_width(path, line, row, len(header))
        label = row[0].strip()
        if not label:
            raise YearbookError(f"{path}, line {line}, cell A: values without a region name")
        for j, year in years.items():
            cell = cell_name(j)
            value = value_text(path, line, cell, row[j] if j < len(row) else "", report)
            if value is not None:
                out.append(
                    {
                        "source_file": str(path),
                        "source_sheet": sheet,
                        "source_row": line,
                        "source_cell": cell,
                        "source_format": "nbs_export",
                        "entity_location": f"line {line}, cell A",
                        "indicator_location": f"line {indicator_line + 1}, cell A",
                        "unit_location": f"line {indicator_line + 1}, cell A",
                        "entity_type": "region",
                        "entity_name": label,
                        "year": year,
                        "indicator_name": name,
                        "unit": unit,
                        "value": value,
                        "vintage": vintage,
                        "note": None,
                    }
                )
    return out


def parse_canonical(
    path: Path, rows: Rows, sheet: str | None, vintage: int, report: LoadReport
) -> list[dict]:
    """The canonical long CSV: entity_type, entity_name, year, indicator_name, unit, value [, vintage,
    note]."""
    header = rows[0]
    named = _check_header(path, 1, header, rows, 1)
    position = {header[j].strip(): j for j in named}
    missing = [c for c in CANONICAL_COLUMNS if c not in position]
    if missing:
        raise YearbookError(f"{path}, line 1: missing columns {some(missing)}")
    unknown = [name for name in position if name not in CANONICAL_COLUMNS + CANONICAL_OPTIONAL]
    if unknown:
        raise YearbookError(
            f"{path}, line 1: {len(unknown):,} unknown columns {some(unknown)} (the template's columns: "
            f"{', '.join(CANONICAL_COLUMNS + CANONICAL_OPTIONAL)})"
        )
    out = []
    for i, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        _check_width(path, i, row, len(header))
        get = lambda column, row=row: row[position[column]].strip()  # noqa: E731
        cell = lambda column: cell_name(position[column])  # noqa: E731
        year = _check_year(path, i, cell("year"), get("year"))
        value = value_text(path, i, cell("value"), get("value"), report)
        row_vintage = vintage
        if "vintage" in position and get("vintage"):
            try:
                row_vintage = edition_year(get("vintage"))
            except ValueError as error:
                raise YearbookError(f"{path}, line {i}, cell {cell('vintage')}: {error}") from None
        if value is not None:
            out.append(
                {
                    "source_file": str(path),
                    "source_sheet": sheet,
                    "source_row": i,
                    "source_cell": cell("value"),
                    "source_format": "canonical",
                    "entity_location": f"line {i}, cell {cell('entity_name')}",
                    "indicator_location": f"line {i}, cell {cell('indicator_name')}",
                    "unit_location": f"line {i}, cell {cell('unit')}",
                    "entity_type": get("entity_type"),
                    "entity_name": get("entity_name"),
                    "year": year,
                    "indicator_name": get("indicator_name"),
                    "unit": get("unit"),
                    "value": value,
                    "vintage": row_vintage,
                    "note": get("note") if "note" in position else None,
                }
            )
    return out


def relative_to_project(file: str | Path) -> str:
    """A path inside the project as a project-relative POSIX path; any other path unchanged."""
    path = Path(file).resolve()
    return path.relative_to(PROJECT_ROOT).as_posix() if path.is_relative_to(PROJECT_ROOT) else str(file)
