"""Real provincial magnitudes from the data shipped in data/real/, for the sample generator to meet.

The sample (`opening_up.sample`) stays sample: it only calibrates its levels and paths to these
figures so that real and sample cells meeting in one panel do not jump. The figures come from the
shipped NBS exports and from the merged panel's cells that the warehouse accepts: the cells it
quarantines (int_merged_panel_checks' rules, listed in marts.rpt_quarantined_cells of a built
warehouse, read by `quarantined_cells`) are left out, so the rules live in SQL alone.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from opening_up.yearbooks.drop_folder import load_shipped_exports
from opening_up.yearbooks.loaders import Reference, load_reference
from opening_up.yearbooks.loaders import relative_to_project
from opening_up.yearbooks.merged_panel import MERGED_PANEL_FILE, load_merged_panel

KEYS = ["region_code", "year", "indicator_code"]


def quarantined_cells(database: Path) -> pd.DataFrame:
    """(region_code, year, indicator_code) of the merged panel's province cells the built warehouse
    `database` quarantines (marts.rpt_quarantined_cells; the other sources' cells are not anchors)."""
    if not database.exists():
        raise FileNotFoundError(f"{database} does not exist: the sample leaves out the cells the warehouse "
                                "quarantines, so build it first (`make build`)")
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(
            "select distinct entity_code as region_code, year, indicator_code from marts.rpt_quarantined_cells "
            "where entity_type = 'region' and source_file = ? order by all",
            [relative_to_project(MERGED_PANEL_FILE)]).df()


def _canonical(rows: pd.DataFrame, reference: Reference) -> pd.DataFrame:
    """Raw loader rows (names and units as printed) to (region_code, year, indicator_code, value), through
    the same alias and unit seeds as dbt's resolver; series without a project code are left out, as there."""
    rows = rows[rows.indicator_name.isin(reference.indicators.keys())]
    codes = rows.indicator_name.map(reference.indicators)
    factors = [reference.factors[(code, unit)] for code, unit in zip(codes, rows.unit)]
    return pd.DataFrame({
        "region_code": rows.entity_name.map(reference.regions).to_numpy(),
        "year": rows.year.to_numpy(),
        "indicator_code": codes.to_numpy(),
        "value": rows.value.astype(float).to_numpy() * factors,
    })


def real_province_panel(quarantined: pd.DataFrame) -> pd.DataFrame:
    """Long (region_code, year, indicator_code, value) in canonical units; the exports win over the panel,
    whose `quarantined` cells (quarantined_cells) are left out."""
    exports, _ = load_shipped_exports()
    reference = load_reference()
    merged = _canonical(load_merged_panel(), reference)
    refused = merged[KEYS].merge(quarantined[KEYS].astype({"year": merged.year.dtype}), how="left", indicator=True)
    merged = merged[(refused._merge == "left_only").to_numpy()]
    both = pd.concat([_canonical(exports, reference).assign(rank=1), merged.assign(rank=2)])
    best = both.sort_values("rank").drop_duplicates(["region_code", "year", "indicator_code"])
    return best.drop(columns="rank").reset_index(drop=True)


def wide(panel: pd.DataFrame, indicator_code: str) -> pd.DataFrame:
    """One indicator as a year x region_code frame (missing cells NaN)."""
    rows = panel[panel.indicator_code == indicator_code]
    return rows.pivot(index="year", columns="region_code", values="value").sort_index()
