"""Yearbook files into raw rows, before dbt: the drop folder and the NBS exports shipped in `data/real/nbs/`
read by one loader (`opening_up.ingest` writes them into the warehouse's `raw` schema).

Formats: the National Bureau of Statistics data-portal export (分省年度数据 …) exactly as downloaded
(GBK or UTF-8 with or without BOM, CRLF, the 数据库/指标/时间 header lines, a 地区 x 年 table, blank
cells, 注 and 数据来源 footers), and the canonical long CSV (docs/yearbook_template.md); each also as
.xlsx (first sheet). The indicator and unit of an NBS export come from its 指标 line, never from
the file name. The loader checks the layout (encoding, header lines, year cells, blanks) and keeps
names, units and values as printed, with file, line and cell: the one check of names, units and
numbers is dbt's resolver (`resolve_yearbook_rows`), whose errors name the same file, line and cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = PROJECT_ROOT / "seeds" / "reference"
SHIPPED_EXPORTS_DIR = PROJECT_ROOT / "data" / "real" / "nbs"
BLANKS = {"", "—", "-", "…", "...", "空", "－"}
# entity_, indicator_ and unit_location say where the name or unit was printed ("line 2, cell A"):
# an NBS export prints its indicator and unit once, on its 指标 line.
RAW_COLUMNS = ["source_file", "source_sheet", "source_row", "source_cell", "source_format", "entity_location",
               "indicator_location", "unit_location", "entity_type", "entity_name", "year", "indicator_name", "unit",
               "value", "vintage", "source", "is_sample", "note", "file_modified_at"]
CANONICAL_COLUMNS = ["entity_type", "entity_name", "year", "indicator_name", "unit", "value"]
INDICATOR_LINE = re.compile(r"^指标[:：]\s*(?P<name>.+?)\s*[(（](?P<unit>[^()（）]+)[)）]\s*$")
YEAR_CELL = re.compile(r"^(?P<year>\d{4})\s*年?$")


class YearbookError(ValueError):
    """A yearbook file that cannot be loaded; the message names the file, the line and the cell."""


@dataclass
class LoadReport:
    """What a load read and normalised, for the refresh report."""

    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Rows written into the warehouse (set by opening_up.ingest).
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


def load_reference(directory: Path = REFERENCE_DIR) -> Reference:
    """Read the alias seeds: region, prefecture and port spellings, indicator names and their units."""
    read = lambda name: pd.read_csv(directory / name, dtype=str, keep_default_na=False)  # noqa: E731
    indicators = read("ref_indicators.csv")
    aliases = read("ref_indicator_aliases.csv")
    conversions = read("ref_unit_conversions.csv")
    canonical = dict(zip(indicators.indicator_code, indicators.canonical_unit))
    factors = {(code, row.unit_alias): float(row.factor) for code, unit in canonical.items()
               for row in conversions[conversions.canonical_unit == unit].itertuples()}
    units = {code: {alias for key, alias in factors if key == code} for code in canonical}
    return Reference(
        regions=dict(read("ref_region_aliases.csv").itertuples(index=False)),
        prefectures=dict(read("ref_prefecture_aliases.csv").itertuples(index=False)),
        ports=dict(read("ref_port_aliases.csv").itertuples(index=False)),
        indicators=dict(zip(aliases.indicator_alias, aliases.indicator_code)),
        units=units,
        non_negative=frozenset(indicators.loc[indicators.is_non_negative == "true", "indicator_code"]),
        factors=factors,
    )


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GBK; undecodable bytes are an error naming line and byte."""
    if not raw.strip():
        raise YearbookError(f"{path}: the file is empty")
    for encoding in ("utf-8-sig", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            failure = error
    line = raw[: failure.start].count(b"\n") + 1
    raise YearbookError(f"{path}, line {line}: undecodable bytes {raw[failure.start:failure.start + 4]!r} "
                        f"(neither UTF-8 nor GBK)")


def normalize_number(text: str) -> tuple[str, bool]:
    """Full-width digits and thousands separators to plain ASCII; True when something changed."""
    plain = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").strip()
    return plain, plain != text.strip()


def cell_name(column: int) -> str:
    """Spreadsheet column letter of a 0-based column index (0 -> A, 26 -> AA)."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell_text(path: Path, line: int, cell: str, text: str, report: LoadReport) -> str | None:
    """The cell with full-width digits and separators made plain, None for a documented blank
    (empty, —, …, 空); whether it is a number is dbt's resolver's check."""
    stripped = text.strip()
    if stripped in BLANKS:
        return None
    plain, changed = normalize_number(stripped)
    if changed:
        report.notes.append(f"{path}, line {line}, cell {cell}: {stripped!r} read as {plain}")
    return plain


def _check_year(path: Path, line: int, cell: str, text: str) -> int:
    match = YEAR_CELL.match(unicodedata.normalize("NFKC", text).strip())
    if not match:
        raise YearbookError(f"{path}, line {line}, cell {cell}: {text!r} is not a year")
    year = int(match.group("year"))
    if not 1949 <= year <= dt.date.today().year + 1:
        raise YearbookError(f"{path}, line {line}, cell {cell}: year {year} outside 1949-{dt.date.today().year + 1}")
    return year


def parse_nbs_export(path: Path, rows: list[list[str]], sheet: str | None, vintage: int,
                     report: LoadReport) -> list[dict]:
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
        raise YearbookError(f"{path}, line {header_line + 1}, cell A: the header is shifted "
                            f"(地区 is in column {cell_name(header.index(next(c for c in header if c.strip() == '地区')))})")
    years = [_check_year(path, header_line + 1, cell_name(j), text) for j, text in enumerate(header[1:], 1)
             if text.strip()]
    out = []
    for i in range(header_line + 1, len(rows)):
        row, line = rows[i], i + 1
        if not row or not row[0].strip():
            continue
        label = row[0].strip()
        if label.startswith(("注", "数据来源", "\u3000")):
            break
        cells = row[1:]
        extra = [c for c in cells[len(years):] if c.strip()]
        if extra:
            report.notes.append(f"{path}, line {line}: {len(extra)} cell(s) beyond the header's last year "
                                f"({years[-1]}) not loaded")
        for j, year in enumerate(years):
            cell = cell_name(j + 1)
            value = _cell_text(path, line, cell, cells[j] if j < len(cells) else "", report)
            if value is not None:
                out.append({"source_file": str(path), "source_sheet": sheet, "source_row": line, "source_cell": cell,
                            "source_format": "nbs_export", "entity_location": f"line {line}, cell A",
                            "indicator_location": f"line {indicator_line + 1}, cell A",
                            "unit_location": f"line {indicator_line + 1}, cell A", "entity_type": "region",
                            "entity_name": label, "year": year, "indicator_name": name,
                            "unit": unit, "value": value, "vintage": vintage, "note": None})
    return out


def parse_canonical(path: Path, rows: list[list[str]], sheet: str | None, vintage: int,
                    report: LoadReport) -> list[dict]:
    """The canonical long CSV: entity_type, entity_name, year, indicator_name, unit, value [, vintage, note]."""
    header = [h.strip() for h in rows[0]]
    missing = [c for c in CANONICAL_COLUMNS if c not in header]
    if missing:
        raise YearbookError(f"{path}, line 1: missing columns {', '.join(missing)}")
    position = {name: header.index(name) for name in header}
    out = []
    for i, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        get = lambda column: row[position[column]].strip() if position[column] < len(row) else ""  # noqa: E731
        cell = lambda column: cell_name(position[column])  # noqa: E731
        year = _check_year(path, i, cell("year"), get("year"))
        value = _cell_text(path, i, cell("value"), get("value"), report)
        row_vintage = int(get("vintage")) if "vintage" in position and get("vintage") else vintage
        if value is not None:
            out.append({"source_file": str(path), "source_sheet": sheet, "source_row": i, "source_cell": cell("value"),
                        "source_format": "canonical", "entity_location": f"line {i}, cell {cell('entity_name')}",
                        "indicator_location": f"line {i}, cell {cell('indicator_name')}",
                        "unit_location": f"line {i}, cell {cell('unit')}", "entity_type": get("entity_type"),
                        "entity_name": get("entity_name"), "year": year,
                        "indicator_name": get("indicator_name"), "unit": get("unit"), "value": value,
                        "vintage": row_vintage, "note": get("note") if "note" in position else None})
    return out


def _rows_of(path: Path) -> list[tuple[str | None, list[list[str]]]]:
    """(sheet, rows of cell strings) of a CSV (one sheet, None) or an .xlsx workbook (its first sheet)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        if not any(any(c.strip() for c in r) for r in rows):
            raise YearbookError(f"{path}: the workbook is empty")
        return [(sheet.title, rows)]
    text = decode(path, path.read_bytes())
    return [(None, list(csv.reader(io.StringIO(text))))]


def _vintages(folder: Path) -> dict[str, int]:
    manifest = folder / "manifest.csv"
    if not manifest.exists():
        return {}
    table = pd.read_csv(manifest, dtype=str)
    return {row.file: int(row.vintage) for row in table.itertuples()}


YEARBOOK_SUFFIXES = (".csv", ".xlsx")


def drop_folder_path() -> Path:
    """The drop folder: $OPENING_UP_YEARBOOKS, default data/yearbooks/."""
    return Path(os.environ.get("OPENING_UP_YEARBOOKS", PROJECT_ROOT / "data" / "yearbooks"))


def load_drop_folder(folder: Path | None = None, today: dt.date | None = None,
                     source_label: str = "drop folder") -> tuple[pd.DataFrame, LoadReport]:
    """Every yearbook file of the drop folder ($OPENING_UP_YEARBOOKS, default data/yearbooks/).

    Vintage: the row's own (canonical files), else manifest.csv (file, vintage), else the load year.
    Each row's source is `<source_label>: <file name>`.
    """
    folder = Path(folder or drop_folder_path())
    report = LoadReport()
    manifest = _vintages(folder) if folder.exists() else {}
    load_year = (today or dt.date.today()).year
    rows: list[dict] = []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in YEARBOOK_SUFFIXES and p.name != "manifest.csv") \
        if folder.exists() else []
    for path in files:
        report.files.append(str(path))
        vintage = manifest.get(path.name, load_year)
        for sheet, table in _rows_of(path):
            if not table or not any(any(c.strip() for c in r) for r in table):
                raise YearbookError(f"{path}: the file is empty")
            first = table[0][0].strip() if table[0] else ""
            parser = parse_nbs_export if first.startswith("数据库") else parse_canonical
            # An .xlsx sheet is part of the file's provenance: path#sheet.
            source = Path(f"{path}#{sheet}") if sheet else path
            rows += parser(source, table, sheet, vintage, report)
    frame = pd.DataFrame(rows, columns=[c for c in RAW_COLUMNS if c not in ("source", "is_sample", "file_modified_at")])
    frame["source"] = frame.source_file.map(lambda f: f"{source_label}: {Path(f).name}")
    # When each file last changed (the load's own time is raw.yearbook_loads.loaded_at).
    frame["file_modified_at"] = pd.to_datetime(
        [Path(str(f).split("#")[0]).stat().st_mtime for f in frame.source_file], unit="s")
    frame["is_sample"] = False
    frame = frame.astype({"source_row": "int64", "year": "int64", "vintage": "int64"})
    return frame[RAW_COLUMNS], report


def load_shipped_exports(folder: Path = SHIPPED_EXPORTS_DIR) -> tuple[pd.DataFrame, LoadReport]:
    """The NBS exports shipped with the project (data/real/nbs/, vintages in its manifest.csv), read by the
    drop-folder loader; source_file is relative to the project so provenance does not name a machine."""
    rows, report = load_drop_folder(folder, source_label="shipped NBS export")
    rows["source_file"] = [relative_to_project(f) for f in rows.source_file]
    return rows, report


def relative_to_project(file: str | Path) -> str:
    """A path inside the project as a project-relative POSIX path; any other path unchanged."""
    path = Path(file).resolve()
    return path.relative_to(PROJECT_ROOT).as_posix() if path.is_relative_to(PROJECT_ROOT) else str(file)
