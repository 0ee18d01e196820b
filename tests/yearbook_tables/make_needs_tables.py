"""Writes tests/yearbook_tables/needs/: for every yearbook table a needs line can name (each row of
seeds/reference/ref_indicator_sources.csv whose table_layout is not the portal export), one example of
that table as the named yearbook prints it (tests/python/yearbook_printers.py, the printers the needs
round trip uses), named `<indicator_code>__<entity_scope>.<ext>`. Figures: paper 004's Table 1 (real)
for outward investment and inbound tourism, the shipped merged panel (real) for trade in yuan, else the
project's SAMPLE figures (README.md here). Run `python tests/yearbook_tables/make_needs_tables.py`.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))

from yearbook_printers import print_line, write  # noqa: E402

from opening_up.yearbooks.loaders import load_reference  # noqa: E402
from opening_up.yearbooks.merged_panel import load_merged_panel  # noqa: E402

NEEDS = HERE / "needs"
REFERENCE = load_reference()
SCOPE_TYPES = {"provinces": "region", "nation": "region", "prefectures": "prefecture", "ports": "port"}
# How many entities (or years) an example holds.
EXAMPLE = 6


def _canonical(rows: pd.DataFrame, source: str) -> pd.DataFrame:
    """Raw rows (names and units as printed) in canonical codes and units, as dbt's resolver reads them."""
    aliases = {"region": REFERENCE.regions, "prefecture": REFERENCE.prefectures, "port": REFERENCE.ports}
    rows = rows[rows.indicator_name.isin(REFERENCE.indicators.keys())]
    codes = rows.indicator_name.map(REFERENCE.indicators)
    return pd.DataFrame(
        {
            "entity_type": rows.entity_type.to_numpy(),
            "entity_name": rows.entity_name.to_numpy(),
            "entity_code": [
                aliases[kind][name] for kind, name in zip(rows.entity_type, rows.entity_name, strict=True)
            ],
            "year": rows.year.astype(int).to_numpy(),
            "indicator_code": codes.to_numpy(),
            "value": [
                float(v) * REFERENCE.factors[(c, u)]
                for v, c, u in zip(rows.value, codes, rows.unit, strict=True)
            ],
            "source": source,
        }
    )


def figures() -> pd.DataFrame:
    """Every figure an example may print: paper 004 (real), the merged panel (real), the sample."""
    paper = pd.read_csv(ROOT / "seeds/published/border_opening/pub_border_opening.csv", dtype=str)
    paper = paper[paper.row_type.isin(["province", "national"]) & paper.value.notna()]
    paper = pd.DataFrame(
        {
            "entity_type": "region",
            "entity_name": paper.row_label,
            "indicator_name": paper.indicator_code,
            "unit": paper.unit,
            "year": paper.year,
            "value": paper.value,
        }
    )
    sample = pd.read_csv(ROOT / "seeds/sample/sample_yearbook_observations.csv", dtype=str)
    return pd.concat(
        [
            _canonical(paper, "paper 004 Table 1 (real)"),
            _canonical(load_merged_panel(), "merged panel (real)"),
            _canonical(sample, "SAMPLE"),
        ],
        ignore_index=True,
    )


def example(line, every: pd.DataFrame) -> pd.DataFrame:
    """The figures of one example of the line's table: its indicator and entity scope from the first
    source that has them, the latest year (or an entity's five latest years)."""
    kind = SCOPE_TYPES[line.entity_scope]
    nation = every.entity_code == "000000"
    cells = every[(every.indicator_code == line.loads_as) & (every.entity_type == kind)
                  & (nation if line.entity_scope == "nation" else ~nation)]
    cells = cells[cells.source == cells.source.iloc[0]]
    if line.table_layout == "years_x_indicators":
        first = cells.entity_code.iloc[0]
        return cells[cells.entity_code == first].nlargest(5, "year")
    if line.table_layout == "entities_x_years":
        codes = sorted(cells.entity_code.unique())[:EXAMPLE]
        return cells[cells.entity_code.isin(codes) & cells.year.isin(sorted(cells.year.unique())[-3:])]
    latest = cells[cells.year == cells.year.max()]
    return latest[latest.entity_code.isin(sorted(latest.entity_code.unique())[:EXAMPLE])]


def printed(value: float, indicator: str, unit: str) -> str:
    return f"{value / REFERENCE.factors[(indicator, unit)]:.4f}".rstrip("0").rstrip(".")


def main() -> None:
    NEEDS.mkdir(exist_ok=True)
    for path in NEEDS.iterdir():
        path.unlink()
    sources = pd.read_csv(
        ROOT / "seeds/reference/ref_indicator_sources.csv", dtype=str, keep_default_na=False
    )
    sources["loads_as"] = sources.loads_as.where(sources.loads_as != "", sources.indicator_code)
    every = figures()
    for number, line in enumerate(sources[sources.table_layout != "nbs_export"].itertuples(), start=1):
        cells = example(line, every).copy()
        cells["text"] = [printed(value, line.loads_as, line.table_unit) for value in cells.value]
        table = print_line(line, cells, number)[0]
        write(
            NEEDS,
            dataclasses.replace(
                table, name=f"{line.indicator_code}__{line.entity_scope}{Path(table.name).suffix}"
            ),
        )
        print(
            f"{line.indicator_code}, {line.entity_scope}: {line.yearbook} {line.yearbook_table} "
            f"({cells.source.iloc[0]})"
        )


if __name__ == "__main__":
    main()
