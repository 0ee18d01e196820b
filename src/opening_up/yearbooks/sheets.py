"""A yearbook file into rows of cell text, strictly: a CSV as printed, or an .xlsx workbook's first
sheet within stated limits. Anything that cannot be read exactly is refused with the file and line
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
        raise YearbookError(f"{path}, line {text[:text.index(chr(0))].count(chr(10)) + 1}: a NUL byte (not a text file)")
    if "\r" in text and "\n" not in text:
        raise YearbookError(f"{path}: CR-only line ends (classic Mac OS); save the file with LF or CRLF line ends")
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
                raise YearbookError(f"{path}, lines {started}-{reader.line_num}: a quoted cell runs over "
                                    f"{reader.line_num - started + 1} lines (a stray quote?): {spanned[0][:60]!r}")
            rows.append(row)
            started = reader.line_num + 1
    except csv.Error as error:
        reason = ("a quote opened here is never closed" if "unexpected end of data" in str(error) else
                  f"a cell longer than {MAX_FIELD_CHARS:,} characters" if "field limit" in str(error) else str(error))
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


def xlsx_rows(path: Path) -> tuple[str, Rows]:
    """(title, rows) of an .xlsx workbook's first sheet, refused before reading when it is not a
    workbook or would expand past MAX_XLSX_UNCOMPRESSED_BYTES or MAX_SHEET_CELLS."""
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
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
        declared = (sheet.max_row or 0) * (sheet.max_column or 0)
        if declared > MAX_SHEET_CELLS:
            book.close()
            raise YearbookError(f"{display}#{sheet.title}: declares {sheet.max_row:,} rows x {sheet.max_column:,} "
                                f"columns ({sheet.calculate_dimension()}), over the limit of {MAX_SHEET_CELLS:,} cells")
        rows = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        title = sheet.title
        book.close()
    except YearbookError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook; each is a refusal
        raise YearbookError(f"{display}: not a readable .xlsx workbook ({type(error).__name__}: {error})") from None
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise YearbookError(f"{display}: the workbook is empty")
    return title, rows


# A merged range of a sheet: (first row, last row + 1, first column, last column + 1), 0-based.
Merge = tuple[int, int, int, int]


def xlsx_merges(path: Path) -> list[Merge]:
    """The merged ranges of an .xlsx workbook's first sheet (xlsx_rows has checked its size first)."""
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    ranges = [(r.min_row - 1, r.max_row, r.min_col - 1, r.max_col) for r in book.worksheets[0].merged_cells.ranges]
    book.close()
    return ranges


def xls_rows(path: Path) -> tuple[str, Rows, list[Merge]]:
    """(title, rows, merged ranges) of a legacy .xls workbook's (BIFF, as the NBS yearbook site offers
    each table) first sheet, read by xlrd; refused when it is not one or declares over MAX_SHEET_CELLS."""
    import xlrd

    display = str(path)
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
        sheet = book.sheet_by_index(0)
    except Exception as error:  # xlrd raises XLRDError, struct and compound-document errors on a damaged file
        raise YearbookError(f"{display}: not a readable .xls workbook ({type(error).__name__}: {error})") from None
    if sheet.nrows * sheet.ncols > MAX_SHEET_CELLS:
        raise YearbookError(f"{display}#{sheet.name}: declares {sheet.nrows:,} rows x {sheet.ncols:,} columns, "
                            f"over the limit of {MAX_SHEET_CELLS:,} cells")
    numeric = {xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE}
    rows = [[_text(cell.value) if cell.ctype in numeric else str(cell.value) if cell.ctype == xlrd.XL_CELL_TEXT else ""
             for cell in sheet.row(i)] for i in range(sheet.nrows)]
    merges = [tuple(int(x) for x in merge) for merge in sheet.merged_cells]
    title = sheet.name
    book.release_resources()
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise YearbookError(f"{display}: the workbook is empty")
    return title, rows, merges
