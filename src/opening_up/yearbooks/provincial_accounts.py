"""The provincial accounts 2002-2011 shipped in data/real/provincial_accounts_2002_2011/ (GDP and the
three sectors' value added of the 31 provinces, from Apache ECharts' test/data/timelineGDP.js, Apache
License 2.0: its README, LICENSE and NOTICE travel with it) into raw rows (`opening_up.warehouse.ingest`
writes them into `raw.yearbook_provincial_accounts`).

The file is the project's canonical long CSV and is read by the same parser as a canonical file of the
drop folder (opening_up.yearbooks.loaders.parse_canonical). Its vintage is null: no edition is printed
with the figures (they are as first published). The checks that quarantine a cell (sectors summing to
GDP, GDP equal to the merged panel's as first published) run in SQL (int_provincial_accounts_checks).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from opening_up.yearbooks.loaders import PROJECT_ROOT, LoadReport, parse_canonical, relative_to_project
from opening_up.yearbooks.sheets import csv_rows
from opening_up.yearbooks.raw_row import RAW_COLUMNS

PROVINCIAL_ACCOUNTS_FILE = (PROJECT_ROOT / "data" / "real" / "provincial_accounts_2002_2011"
                            / "provincial_accounts_2002_2011.csv")
SOURCE = ("provincial accounts 2002-2011: provincial_accounts_2002_2011.csv "
          "(NBS figures as compiled in Apache ECharts test/data/timelineGDP.js; Apache-2.0)")


def load_provincial_accounts(path: Path = PROVINCIAL_ACCOUNTS_FILE) -> pd.DataFrame:
    """Every figure of the file as a raw row (names and units as printed, vintage null)."""
    display = relative_to_project(path)
    rows = parse_canonical(display, csv_rows(display, path.read_bytes()), None, None, LoadReport())
    frame = pd.DataFrame(
        rows, columns=[c for c in RAW_COLUMNS if c not in ("source", "is_sample", "file_modified_at")]
    )
    frame["source"] = SOURCE
    frame["is_sample"] = False
    frame["file_modified_at"] = pd.to_datetime(path.stat().st_mtime, unit="s")
    return frame.astype({"source_row": "int64", "year": "int64", "vintage": "Int64"})[RAW_COLUMNS]
