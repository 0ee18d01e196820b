"""Real provincial magnitudes from the data shipped in data/real/, for the sample generator to meet.

The sample (`opening_up.sample`) stays sample: it only calibrates its levels and paths to these
figures so that real and sample cells meeting in one panel do not jump. The figures come from the
shipped NBS exports, the merged panel and the provincial accounts 2002-2011, the cells the warehouse
accepts: those it quarantines (int_merged_panel_checks' and int_provincial_accounts_checks' rules,
listed in marts.rpt_quarantined_cells of a built warehouse, read by `quarantined_cells`) are left
out, so the rules live in SQL alone.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from opening_up.yearbooks.drop_folder import load_shipped_exports
from opening_up.yearbooks.loaders import Reference, load_reference, relative_to_project
from opening_up.yearbooks.merged_panel import MERGED_PANEL_FILE, load_merged_panel
from opening_up.yearbooks.provincial_accounts import PROVINCIAL_ACCOUNTS_FILE, load_provincial_accounts

KEYS = ["region_code", "year", "indicator_code"]


def quarantined_cells(database: Path) -> pd.DataFrame:
    """(source_file, region_code, year, indicator_code) of the province cells of the shipped files the
    built warehouse `database` quarantines (marts.rpt_quarantined_cells)."""
    if not database.exists():
        raise FileNotFoundError(f"{database} does not exist: the sample leaves out the cells the warehouse "
                                "quarantines, so build it first (`make build`)")
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            "select distinct source_file, entity_code as region_code, year, indicator_code "
            "from marts.rpt_quarantined_cells where entity_type = 'region' order by all").df()


def _accepted(rows: pd.DataFrame, path: Path, quarantined: pd.DataFrame) -> pd.DataFrame:
    """`rows` (canonical, of the shipped file `path`) without the cells the warehouse quarantines in it."""
    of_file = quarantined[quarantined.source_file == relative_to_project(path)][KEYS]
    refused = rows[KEYS].merge(of_file.astype({"year": rows.year.dtype}), how="left", indicator=True)
    return rows[(refused._merge == "left_only").to_numpy()]


def _canonical(rows: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """Raw loader rows (names and units as printed) to (region_code, year, indicator_code, value), through
    the same alias and unit seeds as dbt's resolver; series without a project code are left out, as there."""
    rows = rows[rows.indicator_name.isin(reference.indicators.keys())]
    codes = rows.indicator_name.map(reference.indicators)
    factors = [reference.factors[(code, unit)] for code, unit in zip(codes, rows.unit, strict=True)]
    return pd.DataFrame({
        "region_code": rows.entity_name.map(reference.regions).to_numpy(),
        "year": rows.year.to_numpy(),
        "indicator_code": codes.to_numpy(),
        "value": rows.value.astype(float).to_numpy() * factors,
    })


def real_province_panel(quarantined: pd.DataFrame) -> pd.DataFrame:
    """Long (region_code, year, indicator_code, value) in canonical units, as the warehouse ranks them: the
    exports over the merged panel over the provincial accounts 2002-2011, the cells the warehouse
    quarantines (quarantined_cells) left out."""
    exports, _ = load_shipped_exports()
    reference = load_reference()
    merged = _accepted(_canonical(load_merged_panel(), reference), MERGED_PANEL_FILE, quarantined)
    accounts = _accepted(
        _canonical(load_provincial_accounts(), reference), PROVINCIAL_ACCOUNTS_FILE, quarantined
    )
    ranked = pd.concat(
        [_canonical(exports, reference).assign(rank=1), merged.assign(rank=2), accounts.assign(rank=3)]
    )
    best = ranked.sort_values("rank", kind="stable").drop_duplicates(
        ["region_code", "year", "indicator_code"]
    )
    return pd.concat([best.drop(columns="rank"), _sector_shares(accounts)], ignore_index=True)


def _sector_shares(accounts: pd.DataFrame) -> pd.DataFrame:
    """The accounts' primary and secondary value added over the sum of their three sectors (their own GDP
    within 0.05 亿元, and one edition: the revised GDP that wins from 2006 is not theirs), as rows
    `va_primary_share` and `va_secondary_share` (0-1)."""
    table = accounts.pivot_table(index=["region_code", "year"], columns="indicator_code", values="value")
    total = table.va_primary + table.va_secondary + table.va_tertiary
    shares = pd.DataFrame({"va_primary_share": table.va_primary / total,
                           "va_secondary_share": table.va_secondary / total}).dropna()
    long = shares.stack().rename("value").reset_index()
    return long.rename(columns={"level_2": "indicator_code"})[
        ["region_code", "year", "indicator_code", "value"]
    ]


def wide(panel: pd.DataFrame, indicator_code: str) -> pd.DataFrame:
    """One indicator as a year x region_code frame (missing cells NaN)."""
    rows = panel[panel.indicator_code == indicator_code]
    return rows.pivot(index="year", columns="region_code", values="value").sort_index()
