"""Real provincial magnitudes from the data shipped in data/real/, for the sample generator to meet.

The sample (`opening_up.sample`) stays sample: it only calibrates its levels and paths to these
figures so that real and sample cells meeting in one panel do not jump. The figures come from the
shipped NBS exports and from the merged panel's cells that `int_merged_panel_checks` accepts
(QUARANTINED names the (indicator, year) columns it refuses; a test keeps the two in step).
"""

from __future__ import annotations

import pandas as pd

from opening_up.yearbooks.drop_folder import load_shipped_exports
from opening_up.yearbooks.loaders import Reference, load_reference
from opening_up.yearbooks.merged_panel import load_merged_panel

# What rpt_quarantined_cells refuses of the merged panel today: its 2006 trade column.
QUARANTINED = {("trade_total", 2006)}


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


def real_province_panel() -> pd.DataFrame:
    """Long (region_code, year, indicator_code, value) in canonical units; the exports win over the panel."""
    exports, _ = load_shipped_exports()
    merged = load_merged_panel()
    merged = merged[[(code, year) not in QUARANTINED for code, year in zip(merged.indicator_name, merged.year)]]
    reference = load_reference()
    both = pd.concat([_canonical(exports, reference).assign(rank=1), _canonical(merged, reference).assign(rank=2)])
    best = both.sort_values("rank").drop_duplicates(["region_code", "year", "indicator_code"])
    return best.drop(columns="rank").reset_index(drop=True)


def wide(panel: pd.DataFrame, indicator_code: str) -> pd.DataFrame:
    """One indicator as a year x region_code frame (missing cells NaN)."""
    rows = panel[panel.indicator_code == indicator_code]
    return rows.pivot(index="year", columns="region_code", values="value").sort_index()
