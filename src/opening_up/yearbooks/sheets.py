"""A yearbook file into rows of cell text, strictly: a CSV as printed, or every sheet of an .xlsx or
.xls workbook within stated limits (opening_up.yearbooks.drop_folder reads the sheets that hold a
table). Anything that cannot be read exactly is refused with the file and line
named (YearbookError), never repaired: a stray quote, a cell over the field limit, CR-only line ends,
a last line without its line end (a file still being written), a zip renamed .xlsx, a sheet whose
declared size would have to be expanded into millions of cells.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from opening_up.yearbooks.printed import NotANumber, number_text

# Limits that refuse a file before it is expanded (docs/yearbook_template.md, "What is refused").
MAX_FILE_BYTES = 256 * 2**20
MAX_XLSX_UNCOMPRESSED_BYTES = 512 * 2**20
MAX_SHEET_CELLS = 2_000_000
# Python's csv default (128 KiB): no yearbook cell comes near it.
MAX_FIELD_CHARS = csv.field_size_limit()

Rows = list[list[str]]


class YearbookError(ValueError):
    """A yearbook file that cannot be loaded; the message names the file, the line and the cell."""


def decode(path: Path | str, raw: bytes) -> str:
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


def csv_rows(path: Path | str, raw: bytes) -> Rows:
    """The rows of a CSV file's bytes, each cell as printed (text)."""
    text = decode(path, raw)
    if "\x00" in text:
        raise YearbookError(
            f"{path}, line {text[: text.index(chr(0))].count(chr(10)) + 1}: a NUL byte (not a text file)"
        )
    if "\r" in text and "\n" not in text:
        raise YearbookError(
            f"{path}: CR-only line ends (classic Mac OS); save the file with LF or CRLF line ends"
        )
    if not text.endswith("\n"):
        last = text.count("\n") + 1
        raise YearbookError(f"{path}, line {last}: the last line has no line end (is the file still being "
                            "written? a complete export ends with one)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: Rows = []
    started = 1
    try:
        for row in reader:
            spanned = [cell for cell in row if "\n" in cell or "\r" in cell]
            if spanned:
                raise YearbookError(
                    f"{path}, lines {started}-{reader.line_num}: a quoted cell runs over "
                    f"{reader.line_num - started + 1} lines (a stray quote?): {spanned[0][:60]!r}"
                )
            rows.append(row)
            started = reader.line_num + 1
    except csv.Error as error:
        reason = (
            "a quote opened here is never closed"
            if "unexpected end of data" in str(error)
            else f"a cell longer than {MAX_FIELD_CHARS:,} characters"
            if "field limit" in str(error)
            else str(error)
        )
        raise YearbookError(f"{path}, line {started}: {reason}") from None
    return rows


def _text(value: object) -> str:
    """A spreadsheet cell as text: a number typed as a number without exponent, anything else as str."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return number_text(value)
        except NotANumber:
            return str(value)
    return str(value)


# A merged range of a sheet: (first row, last row + 1, first column, last column + 1), 0-based.
Merge = tuple[int, int, int, int]
# One sheet of a workbook: its name, rows and merged ranges.
Sheet = tuple[str, Rows, list[Merge]]


def _check_size(display: str, name: str, n_rows: int, n_columns: int, dimension: str = "") -> None:
    if n_rows * n_columns > MAX_SHEET_CELLS:
        raise YearbookError(
            f"{display}#{name}: declares {n_rows:,} rows x {n_columns:,} columns"
            f"{f' ({dimension})' if dimension else ''}, over the limit of {MAX_SHEET_CELLS:,} cells"
        )


def holds_cells(rows: Rows) -> bool:
    """Whether any cell of `rows` holds text."""
    return any(any(cell.strip() for cell in row) for row in rows)


def xlsx_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an .xlsx workbook, in order, each (name, rows, merged ranges);
    refused before reading when it is not a workbook or would expand past MAX_XLSX_UNCOMPRESSED_BYTES or
    a sheet past MAX_SHEET_CELLS, and when no sheet holds a cell."""
    from openpyxl import load_workbook

    display = str(path)
    if not zipfile.is_zipfile(path):
        raise YearbookError(f"{display}: not an .xlsx workbook (not a zip archive; a renamed file?)")
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise YearbookError(f"{display}: not a readable .xlsx workbook ({error})") from None
    if expanded > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise YearbookError(f"{display}: expands to {expanded:,} bytes, over the limit of "
                            f"{MAX_XLSX_UNCOMPRESSED_BYTES:,}")
    sheets = []
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            try:
                _check_size(
                    display,
                    sheet.title,
                    sheet.max_row or 0,
                    sheet.max_column or 0,
                    sheet.calculate_dimension(),
                )
            except YearbookError:
                book.close()
                raise
            sheets.append(
                (sheet.title, [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)])
            )
        book.close()
        # Merged ranges are only listed by a workbook opened in full (the sizes are checked by then).
        full = load_workbook(path, data_only=True)
        merges = {
            sheet.title: [
                (r.min_row - 1, r.max_row, r.min_col - 1, r.max_col) for r in sheet.merged_cells.ranges
            ]
            for sheet in full.worksheets
        }
        full.close()
    except YearbookError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook; each is a refusal
        raise YearbookError(
            f"{display}: not a readable .xlsx workbook ({type(error).__name__}: {error})"
        ) from None
    if not any(holds_cells(rows) for _, rows in sheets):
        raise YearbookError(f"{display}: the workbook is empty (no sheet holds a cell)")
    return [(name, rows, merges.get(name, [])) for name, rows in sheets]


def xls_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a legacy .xls workbook (BIFF, as the NBS yearbook site offers each table), each
    (name, rows, merged ranges), read by xlrd; refused when it is not one, a sheet declares over
    MAX_SHEET_CELLS, or no sheet holds a cell."""
    import xlrd

    display = str(path)
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
    except Exception as error:  # xlrd raises XLRDError, struct and compound-document errors on a damaged file
        raise YearbookError(
            f"{display}: not a readable .xls workbook ({type(error).__name__}: {error})"
        ) from None
    numeric = {xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE}
    held = []
    for sheet in sheets:
        _check_size(display, sheet.name, sheet.nrows, sheet.ncols)
        rows = [
            [
                _text(cell.value)
                if cell.ctype in numeric
                else str(cell.value)
                if cell.ctype == xlrd.XL_CELL_TEXT
                else ""
                for cell in sheet.row(i)
            ]
            for i in range(sheet.nrows)
        ]
        held.append((sheet.name, rows, [tuple(int(x) for x in merge) for merge in sheet.merged_cells]))
    book.release_resources()
    if not any(holds_cells(rows) for _, rows, _ in held):
        raise YearbookError(f"{display}: the workbook is empty (no sheet holds a cell)")
    return held
