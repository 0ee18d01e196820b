"""The merged province panel shipped in data/real/merged_panel/ (RenJiyi163/panel_data_analysis_for_thesis,
MIT) into raw rows (`opening_up.warehouse.ingest` writes them into `raw.yearbook_merged_panel`).

The file is compiled, not an NBS export: UTF-8 with BOM, one row per province (short name) and year,
one column per series with its unit in its name. Each column is mapped to an indicator and a printed
unit explicitly by the seed `ref_merged_panel_columns` (or refused there with a reason); a column the
seed does not name is an error, so a new column is never loaded or dropped silently. Cells are kept as
printed text with their provenance (file, line, column letter); the plausibility rules that refuse
cells run in SQL (`int_merged_panel_checks`), where they can be tested and listed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from opening_up.yearbooks.loaders import PROJECT_ROOT, REFERENCE_DIR, cell_name, relative_to_project
from opening_up.yearbooks.printed import NotANumber, plain_number
from opening_up.yearbooks.sheets import YearbookError, csv_rows
from opening_up.yearbooks.raw_row import RAW_COLUMNS

MERGED_PANEL_FILE = PROJECT_ROOT / "data" / "real" / "merged_panel" / "分省年度数据_整合.csv"
KEY_COLUMNS = ("地区", "年份")
SOURCE = "merged panel: 分省年度数据_整合.csv"


def column_map(directory: Path = REFERENCE_DIR) -> pd.DataFrame:
    """The seed mapping each column of the merged panel to (indicator_code, printed_unit) or a reason."""
    columns = pd.read_csv(directory / "ref_merged_panel_columns.csv", dtype=str, keep_default_na=False)
    columns["is_loaded"] = columns.is_loaded == "true"
    return columns


def load_merged_panel(path: Path = MERGED_PANEL_FILE, columns: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every non-blank cell of a loaded column as a raw row (indicator named by its code, unit as printed).

    Vintage is null: the file compiles several yearbook editions without saying which.
    """
    columns = column_map() if columns is None else columns
    rows = csv_rows(relative_to_project(path), path.read_bytes())
    header = [name.strip() for name in rows[0]]
    _check_header(path, header, columns)
    loaded = columns[columns.is_loaded].set_index("column_name")
    display = relative_to_project(path)
    out = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        entity, year = row[header.index("地区")].strip(), row[header.index("年份")].strip()
        if not year.isdigit():
            raise YearbookError(f"{display}, line {line}, cell {cell_name(header.index('年份'))}: "
                                f"{year!r} is not a year")
        for name, mapping in loaded.iterrows():
            position = header.index(name)
            text = row[position].strip() if position < len(row) else ""
            if text:
                try:
                    text = plain_number(text)
                except NotANumber as error:
                    raise YearbookError(
                        f"{display}, line {line}, cell {cell_name(position)}: value {error}"
                    ) from None
                out.append({"source_file": display, "source_sheet": None, "source_row": line,
                            "source_cell": cell_name(position), "source_format": "merged_panel",
                            "entity_location": f"line {line}, cell {cell_name(header.index('地区'))}",
                            "indicator_location": f"line 1, cell {cell_name(position)}",
                            "unit_location": f"line 1, cell {cell_name(position)}",
                            "entity_type": "region", "entity_name": entity,
                            "year": int(year), "indicator_name": mapping.indicator_code,
                            "unit": mapping.printed_unit, "value": text, "vintage": None,
                            "note": f"column {name}"})
    frame = pd.DataFrame(
        out, columns=[c for c in RAW_COLUMNS if c not in ("source", "is_sample", "file_modified_at")]
    )
    frame["source"] = SOURCE
    frame["is_sample"] = False
    frame["file_modified_at"] = pd.to_datetime(path.stat().st_mtime, unit="s")
    return frame.astype({"source_row": "int64", "year": "int64", "vintage": "Int64"})[RAW_COLUMNS]


def _check_header(path: Path, header: list[str], columns: pd.DataFrame) -> None:
    """Every column is a key or named by the seed; every column the seed loads is present."""
    known = set(columns.column_name) | set(KEY_COLUMNS)
    unknown = [name for name in header if name not in known]
    if unknown:
        raise YearbookError(
            f"{relative_to_project(path)}, line 1: columns {', '.join(unknown)} are not in "
            f"seeds/reference/ref_merged_panel_columns.csv (map each to an indicator or refuse it)"
        )
    missing = [name for name in list(KEY_COLUMNS) + list(columns.column_name[columns.is_loaded])
               if name not in header]
    if missing:
        raise YearbookError(f"{relative_to_project(path)}, line 1: missing columns {', '.join(missing)}")
