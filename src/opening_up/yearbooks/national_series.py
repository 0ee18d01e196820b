"""China's national annual series shipped in data/real/national/ into raw rows (`opening_up.warehouse.ingest`
writes them into `raw.yearbook_national_series`).

The file (see its README: World Bank WDI, FRED and Penn World Table, licences and attribution) is a
tidy long table `series_code, series_name, unit, year, value, source, source_file, licence`, values as
strings exactly as in their sources. Every row is loaded as printed, with its provenance; which
series become which indicator is the alias seeds' decision (ref_indicator_aliases: `PA.NUS.FCRF` is
the RMB/USD rate, `NY.GDP.PCAP.CN` national GDP per capita), and a series no alias names is left
out by dbt's resolver and listed (int_unmapped_export_indicators). BoP FDI
(`BX.KLT.DINV.CD.WD`) is deliberately not an alias of 实际使用外资 (a different definition).
The cross-checks that quarantine a year of a loaded series run in SQL (int_national_series_checks).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from opening_up.yearbooks.loaders import PROJECT_ROOT, cell_name, relative_to_project
from opening_up.yearbooks.printed import NotANumber, plain_number
from opening_up.yearbooks.sheets import YearbookError, csv_rows
from opening_up.yearbooks.raw_row import RAW_COLUMNS

NATIONAL_SERIES_FILE = PROJECT_ROOT / "data" / "real" / "national" / "china_national_series.csv"
HEADER = ["series_code", "series_name", "unit", "year", "value", "source", "source_file", "licence"]
# The nation as the region seeds name it (ref_region_aliases: 全国 -> 000000).
NATION = "全国"


def _source_label(row: dict[str, str]) -> str:
    """Which series a value is, where it comes from and under which licence, e.g. `national series
    PA.NUS.FCRF: Official exchange rate (...) (World Bank, World Development Indicators ...; CC-BY-4.0
    ...)`."""
    origin = row["source"].split(" (via ")[0]
    return f"national series {row['series_code']}: {row['series_name']} ({origin}; {row['licence']})"


def load_national_series(path: Path = NATIONAL_SERIES_FILE) -> pd.DataFrame:
    """Every row of the national series file as a raw row (entity 全国, indicator = series code, unit as
    printed, vintage null: the series are not yearbook editions). A changed header, a year that is not
    four digits, a value that is not a plain number or a series printed twice for a year is refused,
    naming the line and cell."""
    display = relative_to_project(path)
    rows = csv_rows(display, path.read_bytes())
    header = [cell.strip() for cell in rows[0]]
    if header != HEADER:
        raise YearbookError(
            f"{display}, line 1: the header must be {','.join(HEADER)}, not {','.join(header)}"
        )
    position = {name: j for j, name in enumerate(HEADER)}
    seen: dict[tuple[str, str], int] = {}
    out = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(HEADER):
            raise YearbookError(
                f"{display}, line {line}: {len(cells)} cells where the header has {len(HEADER)}"
            )
        row = {name: cells[j].strip() for name, j in position.items()}
        if not (len(row["year"]) == 4 and row["year"].isdigit()):
            raise YearbookError(
                f"{display}, line {line}, cell {cell_name(position['year'])}: {row['year']!r} is not a year"
            )
        key = (row["series_code"], row["year"])
        if key in seen:
            raise YearbookError(
                f"{display}, lines {seen[key]} and {line}: {key[0]} printed twice for {key[1]}"
            )
        seen[key] = line
        try:
            value = plain_number(row["value"])
        except NotANumber as error:
            raise YearbookError(
                f"{display}, line {line}, cell {cell_name(position['value'])}: value {error}"
            ) from None
        out.append(
            {
                "source_file": display,
                "source_sheet": None,
                "source_row": line,
                "source_cell": cell_name(position["value"]),
                "source_format": "national_series",
                "entity_location": "the file (every row is the nation)",
                "indicator_location": f"line {line}, cell {cell_name(position['series_code'])}",
                "unit_location": f"line {line}, cell {cell_name(position['unit'])}",
                "entity_type": "region",
                "entity_name": NATION,
                "year": int(row["year"]),
                "indicator_name": row["series_code"],
                "unit": row["unit"],
                "value": value,
                "vintage": None,
                "source": _source_label(row),
                "is_sample": False,
                "note": row["source_file"],
            }
        )
    frame = pd.DataFrame(out, columns=[c for c in RAW_COLUMNS if c != "file_modified_at"])
    frame["file_modified_at"] = pd.to_datetime(path.stat().st_mtime, unit="s")
    return frame.astype({"source_row": "int64", "year": "int64", "vintage": "Int64"})[RAW_COLUMNS]
