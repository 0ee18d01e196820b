"""The needs list comes true: for every line of rpt_data_needs a file in exactly the layout the line
names (its table_layout, table_header, table_unit, or the portal export's 指标 line), printed as the
named yearbook prints that table, with its quirks (yearbook_printers: titles with table number and year,
group headers, units per column, footnote marks, province group rows and 合计 rows, bilingual headers,
sidecars), filled with
made-up numbers of the right magnitude (each cell's current sample value, in the printed unit), all
dropped together and refreshed; afterwards rpt_data_needs holds only the lines that say why no file
can make them real, and every mart input those files cover is 100 % real.

The refresh is the real one (load, dbt build with its tests, publish) except that its dbt step starts
from the session's built warehouse and builds the models the needs depend on (the drop folder's
observations, the precedence, the coverage marts) instead of all 46 marts (NEEDS_MODELS)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pandas as pd

from conftest import partial_build
from yearbook_printers import print_line, write
from opening_up.warehouse.refresh import refresh
from opening_up.yearbooks.loaders import load_reference

REFERENCE = load_reference()
NEEDS_MODELS = ("int_drop_folder_observations", "int_observations_unioned", "int_observations_resolved",
                "int_coverage_input_cells", "rpt_input_coverage", "rpt_data_needs")
# A needs line whose file loads as another indicator: how the file prints the needed cell's value.
LOADS_AS = {("gdp_real_growth", "gdp_index"): lambda growth: growth + 100}

NEEDED_CELLS = """
select
    needs.need_rank,
    cells.entity_type,
    cells.entity_code,
    cells.year,
    min(observations.printed_entity_name) as entity_name,
    min(observations.value) as value
from marts.rpt_data_needs as needs
inner join intermediate.int_coverage_input_cells as cells
    on
        needs.indicator_code = cells.indicator_code
        and needs.entity_scope = cells.entity_scope
        and cells.cell_status <> 'real'
        and cells.reads = 'observations'
inner join staging.stg_reference__indicator_sources as sources
    on
        needs.indicator_code = sources.indicator_code
        and needs.entity_scope = sources.entity_scope
        and cells.year <= coalesce(sources.last_published_year, cells.year)
inner join intermediate.int_observations_resolved as observations
    on
        cells.entity_type = observations.entity_type
        and cells.entity_code = observations.entity_code
        and cells.year = observations.year
        and cells.indicator_code = observations.indicator_code
where needs.why_no_file is null
group by all
"""


def printed(value: float, indicator: str, unit: str) -> str:
    """A canonical value as the table prints it in `unit` (the inverse of the resolver's factor)."""
    return f"{value / REFERENCE.factors[(indicator, unit)]:.4f}".rstrip("0").rstrip(".")


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n" if encoding == "gbk" else "\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def nbs_export(folder: Path, line, cells: pd.DataFrame, indicator: str) -> None:
    """The portal's export: 数据库/指标/时间 lines, a 地区 x 年 table, newest year first, footers."""
    years = sorted(cells.year.unique(), reverse=True)
    table = cells.pivot_table(index="entity_name", columns="year", values="text", aggfunc="first")
    rows = [
        [f"数据库：{line.nbs_database}"],
        [f"指标：{line.export_indicator_line}"],
        [f"时间：{years[-1]}-{years[0]}"],
        ["地区", *[f"{year}年" for year in years]],
    ]
    rows += [
        [name, *[("" if pd.isna(table.at[name, y]) else table.at[name, y]) for y in years]]
        for name in table.index
    ]
    rows += [["注：made-up figures of the right magnitude (the needs round trip)"], ["数据来源：国家统计局"]]
    width = len(rows[3])
    write_csv(
        folder / f"need_{line.need_rank:02d}_{indicator}.csv",
        [r + [""] * (width - len(r)) for r in rows],
        "gbk",
    )


def printed_tables(folder: Path, line, cells: pd.DataFrame, indicator: str) -> None:
    """The tables as the line's yearbook prints them (yearbook_printers: port and city tables per year,
    a 主要年份 table per entity with its sidecar, the bulletin's provinces x years)."""
    for table in print_line(line, cells, line.need_rank):
        write(folder, table)


WRITERS = {
    "nbs_export": nbs_export,
    "entities_x_indicators": printed_tables,
    "years_x_indicators": printed_tables,
    "entities_x_years": printed_tables,
}


def write_needs_files(database: Path, folder: Path) -> pd.DataFrame:
    """A file per needs line that a file can make real; returns the lines."""
    with duckdb.connect(str(database), read_only=True) as connection:
        lines = connection.execute("select * from marts.rpt_data_needs order by need_rank").df()
        cells = connection.execute(NEEDED_CELLS).df()
    for line in lines[lines.why_no_file.isna()].itertuples():
        of_line = cells[cells.need_rank == line.need_rank].copy()
        indicator = line.loads_as if isinstance(line.loads_as, str) else line.indicator_code
        convert = LOADS_AS.get((line.indicator_code, indicator), lambda value: value)
        unit = line.export_unit if line.table_layout == "nbs_export" else line.table_unit
        of_line["text"] = [printed(convert(value), indicator, unit) for value in of_line.value]
        WRITERS[line.table_layout](folder, line, of_line, indicator)
    return lines


def test_one_file_per_needs_line_makes_the_warehouse_real(built_warehouse: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    before = write_needs_files(built_warehouse, folder)
    assert before.why_no_file.isna().sum() >= 20
    assert len(list(folder.iterdir())) > 20
    published = tmp_path / "published" / "opening_up.duckdb"
    log: list[str] = []
    build = partial_build(built_warehouse, folder, *NEEDS_MODELS)
    report = refresh(published, folder, validate=False, log=log.append, dbt_step=build)
    assert report.published_new, "\n".join(log[-40:])
    with duckdb.connect(str(published), read_only=True) as connection:
        after = connection.execute("select * from marts.rpt_data_needs order by need_rank").df()
        inputs = connection.execute(
            "select mart, indicator_code, entity_scope, count(*) as n_cells, "
            "count(*) filter (where cell_status = 'real') as n_real "
            "from intermediate.int_coverage_input_cells group by all").df()
        mart_inputs = connection.execute(
            "select mart, indicator_code, n_cells, n_real from marts.rpt_input_coverage"
        ).df()
    # Only the lines that say why no file can make them real are left, unchanged.
    assert after.why_no_file.notna().all(), after[["indicator_code", "entity_scope", "n_cells"]]
    columns = ["indicator_code", "entity_scope", "n_cells", "why_no_file"]
    assert after[columns].sort_values(columns[:2]).values.tolist() == \
        before[before.why_no_file.notna()][columns].sort_values(columns[:2]).values.tolist()
    # Every mart input the files cover (no line left for its indicator and scope) is real in every cell,
    # and so is the mart input's row of rpt_input_coverage.
    left = set(zip(after.indicator_code, after.entity_scope, strict=True))
    covered = inputs[
        [key not in left for key in zip(inputs.indicator_code, inputs.entity_scope, strict=True)]
    ]
    assert len(covered) > 30, covered[covered.n_real < covered.n_cells]
    assert (covered.n_real == covered.n_cells).all(), covered[covered.n_real < covered.n_cells]
    untouched = set(zip(inputs.mart, inputs.indicator_code, strict=True)) - set(
        zip(
            inputs.mart[[k in left for k in zip(inputs.indicator_code, inputs.entity_scope, strict=True)]],
            inputs.indicator_code[
                [k in left for k in zip(inputs.indicator_code, inputs.entity_scope, strict=True)]
            ],
            strict=True,
        )
    )
    full = mart_inputs[
        [key in untouched for key in zip(mart_inputs.mart, mart_inputs.indicator_code, strict=True)]
    ]
    assert len(full) > 30
    assert (full.n_real == full.n_cells).all()
