"""How real the warehouse is: `python -m opening_up needs` and the line `make build` and `make refresh` end
with.

Both read the marts `rpt_input_coverage` (each analytic mart's input cells, real, sample or missing)
and `rpt_data_needs` (what is still sample or missing, as downloads, in download order) read-only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd



def real_share(connection: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(real cells, all cells) the analytic marts read, from rpt_input_coverage."""
    real, cells = connection.execute(
        "select sum(n_real)::bigint, sum(n_cells)::bigint from marts.rpt_input_coverage").fetchone()
    return int(real or 0), int(cells or 0)


def summary_line(database: Path, pointer: bool = False) -> str:
    """One line: the real share of the marts' inputs, and with `pointer` where to see what would make the
    rest real (the refresh says it; `needs` has just printed it)."""
    if not database.exists():
        return f"real share: no warehouse at {database} yet"
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            real, cells = real_share(connection)
            n_needs, n_unobtainable = connection.execute(
                "select count(*) filter (where why_no_file is null), count(*) filter (where why_no_file is "
                "not null) "
                "from marts.rpt_data_needs"
            ).fetchone()
    except duckdb.Error as error:
        return f"real share: unavailable in {database} ({str(error).splitlines()[0]})"
    share = real / cells if cells else 0.0
    return (f"real share of the analytic marts' inputs: {share:.1%} ({real:,} of {cells:,} cells); "
            f"{n_needs} downloads would make the rest real"
            + (f" but for {n_unobtainable} lines no file can" if n_unobtainable else "")
            + (": `python -m opening_up needs` (marts.rpt_data_needs)" if pointer else ""))


def needs(database: Path, limit: int | None = None) -> pd.DataFrame:
    """rpt_data_needs in download order."""
    with duckdb.connect(str(database), read_only=True) as connection:
        frame = connection.execute("select * from marts.rpt_data_needs order by need_rank").df()
    return frame if limit is None else frame.head(limit)


LAYOUTS = {
    "entities_x_indicators": "one table per year: a row per {entities}, a column headed {header} ({unit})",
    "entities_x_years": "a row per {entities}, a column per year, {header} and {unit} in the title or a "
    "单位 line",
    "years_x_indicators": "one table per entity, named in its title: a row per year, a column headed "
    "{header} ({unit})",
}
ENTITIES = {"provinces": "province", "prefectures": "city (全市 loaded, 市辖区 skipped)", "ports": "port",
            "nation": "year of the nation (全国)"}


def where_to_get(row) -> str:
    """What to download for one needs line: the portal's export, or the yearbook's table and its layout."""
    if row.table_layout == "nbs_export":
        where = (f"NBS data portal {row.nbs_database} > {row.nbs_menu_path}; export 指标 line "
                 f"'{row.export_indicator_line}'")
        return where + (f" ({row.other_source})" if isinstance(row.other_source, str) else "")
    header = " over ".join(f"'{part}'" for part in row.table_header.split("/"))
    layout = LAYOUTS[row.table_layout].format(
        entities=ENTITIES[row.entity_scope], header=header, unit=row.table_unit
    )
    return f"{row.yearbook}, table {row.yearbook_table}; {layout} (docs/yearbook_template.md)"


def format_needs(frame: pd.DataFrame, limit: int | None = None) -> str:
    """One block per download: what, where, how many cells, what it makes real; or why no file can."""
    blocks = []
    # Every mart with a need is completed at some line (the unobtainable ones last): the last line's
    # count is all the analytic marts.
    total = int(frame.n_marts_fully_real_after.max()) if len(frame) else 0
    for row in frame.head(limit).itertuples():
        years = (
            f"{row.first_year}-{row.last_year}" if row.first_year != row.last_year else f"{row.first_year}"
        )
        unobtainable = isinstance(row.why_no_file, str)
        how = (
            f"no file can make these real: {row.why_no_file}"
            if unobtainable
            else f"get it: {where_to_get(row)}"
        )
        lines = "line 1" if row.need_rank == 1 else f"lines 1-{row.need_rank}"
        more = (f"{row.n_marts_made_fully_real} more" if row.n_marts_made_fully_real else
                "none more: each of its marts also needs a later line")
        gain = (
            ""
            if unobtainable
            else (
                f"; after {lines}, {row.n_marts_fully_real_after} of {total} analytic marts "
                f"fully real ({more})"
            )
        )
        blocks.append(
            f"{row.need_rank:>2}. {row.indicator_code} ({row.indicator_name}), {row.entity_scope}, {years}: "
            f"{row.n_cells:,} cell{'s' if row.n_cells != 1 else ''} ({row.n_sample:,} sample, "
            f"{row.n_missing:,} missing) read by "
            f"{row.n_marts_needing} mart{'s' if row.n_marts_needing != 1 else ''}{gain}\n    {how}"
        )
    return "\n".join(blocks)
