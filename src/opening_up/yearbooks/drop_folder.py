"""The drop folder (and the NBS exports shipped in `data/real/nbs/`) into raw rows, all or nothing.

Every entry of the folder is loaded, refused or skipped, each with its reason, so that nothing in it
is silently ignored:
- loaded: `.csv`, `.xlsx` and `.xls` files (opening_up.yearbooks.sheets reads them;
opening_up.yearbooks.loaders parses an
  NBS portal export or the canonical long CSV, opening_up.yearbooks.yearbook_tables any other table as
  printed,
  with its sidecar `<file>.yml` where it has one);
- skipped, and listed in the refresh log: `manifest.csv` (the vintages), a table's sidecar, `README…`,
  hidden files, Excel's `~$…` owner files of an open workbook, files of other types, sub-folders;
- refused: a folder or a link named like a yearbook file, a link that
  points nowhere or in a loop, an unreadable file, a file over MAX_FILE_BYTES, a file whose size or
  time changes while the folder is read (still being written), and every layout or number the
  parsers refuse. All refusals of one load are reported together (LoadRefused), and nothing is written.

Vintage of a file: the row's own (canonical files), else manifest.csv (`file,vintage`), else the
load year; a vintage must be a four-digit edition year no later than next year (opening_up.yearbooks.printed).
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import hashlib
import io
import stat
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from opening_up.files import file_hash
from opening_up.yearbooks.loaders import (
    CANONICAL_COLUMNS,
    PROJECT_ROOT,
    LoadReport,
    Reference,
    load_reference,
    parse_canonical,
    parse_nbs_export,
    relative_to_project,
)
from opening_up.yearbooks.printed import edition_year
from opening_up.yearbooks.sheets import (
    MAX_FILE_BYTES,
    Merge,
    Rows,
    YearbookError,
    csv_rows,
    decode,
    holds_cells,
    xls_sheets,
    xlsx_sheets,
)
from opening_up.yearbooks.table_layout import is_number
from opening_up.yearbooks.sidecar import SUFFIX as SIDECAR_SUFFIX
from opening_up.yearbooks.sidecar import read_sidecar
from opening_up.yearbooks.yearbook_tables import parse_yearbook_table
from opening_up.yearbooks.raw_row import RAW_COLUMNS
from opening_up.usage import some

SHIPPED_EXPORTS_DIR = PROJECT_ROOT / "data" / "real" / "nbs"
MANIFEST = "manifest.csv"
YEARBOOK_SUFFIXES = (".csv", ".xlsx", ".xls")


class LoadRefused(YearbookError):
    """One or more files of a load refused; `reasons` names each file (and line, cell and value)."""

    def __init__(self, reasons: list[str]):
        super().__init__("\n".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Entry:
    """An entry of the drop folder and what the load does with it: load, skip or refuse (with why)."""

    path: Path
    action: str
    reason: str = ""


def is_sidecar(path: Path) -> bool:
    """`<table>.yml` beside a yearbook file (`t.xlsx.yml`): read with its table
    (opening_up.yearbooks.sidecar)."""
    return path.suffix.lower() == SIDECAR_SUFFIX and Path(path.stem).suffix.lower() in YEARBOOK_SUFFIXES


def classify(path: Path) -> Entry:
    """What the load does with one entry of the drop folder (module docstring)."""
    name, suffix = path.name, path.suffix.lower()
    if name == MANIFEST:
        return Entry(path, "skip", "the manifest of vintages")
    if name.startswith("~$"):
        return Entry(path, "skip", "Excel's owner file of a workbook open elsewhere")
    if name.startswith("."):
        return Entry(path, "skip", "a hidden file")
    if name.upper().startswith("README"):
        return Entry(path, "skip", "documentation")
    if is_sidecar(path):
        table = path.with_name(path.stem)
        return (Entry(path, "skip", f"the sidecar of {table.name}, read with it") if table.exists()
                else Entry(path, "refuse", f"the sidecar of {table.name}, which is not in the folder"))
    try:
        status = path.stat()
    except OSError as error:
        kind = {errno.ELOOP: "a symbolic link in a loop", errno.ENOENT: "a symbolic link that points nowhere"}
        return Entry(path, "refuse", kind.get(error.errno, f"cannot be read ({error.strerror})"))
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        return (Entry(path, "refuse", "a folder named like a yearbook file") if suffix in YEARBOOK_SUFFIXES
                else Entry(path, "skip", "a folder (sub-folders are not read)"))
    if suffix not in YEARBOOK_SUFFIXES:
        return Entry(path, "skip", f"not a yearbook table ({', '.join(YEARBOOK_SUFFIXES)})")
    if not stat.S_ISREG(mode):
        return Entry(path, "refuse", "not a regular file")
    if status.st_size > MAX_FILE_BYTES:
        return Entry(path, "refuse", f"{status.st_size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
    return Entry(path, "load")


def read_manifest(folder: Path) -> dict[str, int]:
    """{file name: vintage} of the folder's manifest.csv (comma-separated, header `file,vintage`)."""
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        text = decode(path, path.read_bytes())
        rows = [
            row
            for row in csv.reader(io.StringIO(text, newline=""), strict=True)
            if any(c.strip() for c in row)
        ]
    except (YearbookError, csv.Error, OSError) as error:
        raise YearbookError(f"{path}: not a readable manifest ({error})") from None
    if not rows or [c.strip() for c in rows[0]] != ["file", "vintage"]:
        raise YearbookError(f"{path}, line 1: the header must be `file,vintage` (comma-separated), "
                            f"not {','.join(rows[0]) if rows else 'nothing'!r}")
    vintages = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != 2:
            raise YearbookError(f"{path}, line {line}: {len(row)} cells where the header has 2")
        try:
            vintages[row[0].strip()] = edition_year(row[1])
        except ValueError as error:
            raise YearbookError(f"{path}, line {line}, cell B: {error}") from None
    return vintages


def _signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _tables(path: Path, raw: bytes, report: LoadReport) -> list[tuple[str | None, Rows, list[Merge] | None]]:
    """The tables of a file, each (sheet, rows, merged ranges): a CSV's one; a workbook's sheets that hold
    one (a sheet of text without a figure, e.g. notes, and an empty sheet are left out), noting which
    sheets were read when they are not just the first."""
    if path.suffix.lower() not in (".xlsx", ".xls"):
        rows = csv_rows(path, raw)
        if not holds_cells(rows):
            raise YearbookError(f"{path}: the file is empty")
        return [(None, rows, None)]
    sheets = xls_sheets(path) if path.suffix.lower() == ".xls" else xlsx_sheets(path)
    held = [sheet for sheet in sheets if holds_cells(sheet[1])]
    tables = held if len(held) == 1 else [sheet for sheet in held if _holds_a_figure(sheet[1])] or held[:1]
    if [name for name, _, _ in tables] != [sheets[0][0]]:
        skipped = [name for name, _, _ in sheets if name not in {t[0] for t in tables}]
        report.notes.append(f"{path}: read the sheets that hold a table: {some([t[0] for t in tables])}"
                            + (f" (no table in {some(skipped)})" if skipped else ""))
    return tables


def _holds_a_figure(rows: Rows) -> bool:
    return any(is_number(cell) for row in rows for cell in row[1:] if cell.strip())


def _read_file(path: Path, vintage: int, report: LoadReport, reference: Reference) -> list[dict]:
    raw = path.read_bytes()
    report.sha256[str(path)] = hashlib.sha256(raw).hexdigest()
    rows = []
    for sheet, table, merges in _tables(path, raw, report):
        # A workbook's sheet is part of the file's provenance: path#sheet.
        source = Path(f"{path}#{sheet}") if sheet is not None else path
        first = table[0][0].strip() if table[0] else ""
        if first.startswith("数据库"):
            rows += parse_nbs_export(source, table, sheet, vintage, report)
        elif set(CANONICAL_COLUMNS) <= {cell.strip() for cell in table[0]}:
            rows += parse_canonical(source, table, sheet, vintage, report)
        else:
            rows += parse_yearbook_table(
                source, table, sheet, vintage, report, reference, merges, read_sidecar(path)
            )
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(tzinfo=None)
    return [row | {"file_modified_at": modified} for row in rows]


def in_folder(file: str | Path, folder: Path) -> str:
    """`file` (a path in `folder`, possibly `path#sheet`) as a POSIX path relative to the folder."""
    return Path(file).relative_to(folder).as_posix()


def load_drop_folder(folder: Path, today: dt.date | None = None,
                     source_label: str = "drop folder") -> tuple[pd.DataFrame, LoadReport]:
    """Every entry of `folder` loaded, skipped or refused (module docstring); raises LoadRefused with
    every refusal when any file is refused. Each row's source is `<source_label>: <file name>`."""
    folder = Path(folder)
    report = LoadReport()
    refusals: list[str] = []
    entries = [classify(path) for path in sorted(folder.iterdir())] if folder.is_dir() else []
    try:
        manifest = read_manifest(folder) if folder.is_dir() else {}
    except YearbookError as error:
        refusals.append(str(error))
        manifest = {}
    if (folder / MANIFEST).is_file():
        # With the sidecars, what the load record fingerprints besides the files it read (the
        # Dagster sensor starts from it: opening_up.orchestration).
        report.sha256[str(folder / MANIFEST)] = file_hash(folder / MANIFEST)
    load_year = (today or dt.date.today()).year
    rows: list[dict] = []
    signatures = {}
    reference = load_reference()
    for entry in entries:
        if entry.action == "skip":
            report.skipped.append(f"{entry.path.name}: {entry.reason}")
            if is_sidecar(entry.path):
                report.sha256[str(entry.path)] = file_hash(entry.path)
        elif entry.action == "refuse":
            refusals.append(f"{entry.path}: {entry.reason}")
        else:
            report.files.append(str(entry.path))
            try:
                signatures[entry.path] = _signature(entry.path)
                rows += _read_file(entry.path, manifest.get(entry.path.name, load_year), report, reference)
            except YearbookError as error:
                refusals.append(str(error))
            except OSError as error:
                refusals.append(f"{entry.path}: cannot be read ({error.strerror or error})")
    for path, signature in signatures.items():
        if not path.exists() or _signature(path) != signature:
            refusals.append(f"{path}: changed while the folder was read (still being written?); "
                            "the next refresh reads it once it is complete")
    unknown = sorted(set(manifest) - {entry.path.name for entry in entries})
    if unknown:
        report.notes.append(f"{folder / MANIFEST}: no such file in the folder: {some(unknown)}")
    if refusals:
        raise LoadRefused(refusals)
    frame = pd.DataFrame(rows, columns=[c for c in RAW_COLUMNS if c not in ("source", "is_sample")])
    # The folder is named once, in the load record (raw.yearbook_loads.location); a row names its file
    # within it, so the warehouse holds no path of the machine that loaded it.
    frame["source_file"] = [in_folder(file, folder) for file in frame.source_file]
    report.files = [in_folder(file, folder) for file in report.files]
    report.sha256 = {in_folder(file, folder): digest for file, digest in report.sha256.items()}
    frame["source"] = frame.source_file.map(lambda f: f"{source_label}: {Path(f).name}")
    frame["is_sample"] = False
    frame = frame.astype({"source_row": "int64", "year": "int64", "vintage": "int64"})
    return frame[RAW_COLUMNS], report


def load_shipped_exports(folder: Path = SHIPPED_EXPORTS_DIR) -> tuple[pd.DataFrame, LoadReport]:
    """The NBS exports shipped with the project (data/real/nbs/, vintages in its manifest.csv), read by the
    drop-folder loader; source_file is relative to the project so provenance does not name a machine."""
    rows, report = load_drop_folder(folder, source_label="shipped NBS export")
    rows["source_file"] = [relative_to_project(folder / f) for f in rows.source_file]
    return rows, report
