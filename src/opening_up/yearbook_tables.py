"""A yearbook table as printed into raw rows: what each figure is (entity, year, indicator, unit), read
from the table itself, or from its sidecar `<file>.yml` where the table does not say (docs/
yearbook_template.md, "Yearbook tables as printed"). Never guessed: what cannot be read unambiguously
is refused, naming file, sheet, line and cell and the sidecar key that settles it.

Three orientations, told apart by the row labels and the header cells:
- entities x indicators for one year (the usual yearbook table): the year from the sidecar or the
  title (`(2022年)`);
- entities x years for one indicator (a 主要年份 table): the indicator and unit from the sidecar or the
  title (`3-9 地区生产总值`, `单位：亿元`); a header cell naming an indicator over the years also does;
- one entity's years x indicators (a province's 主要指标), or indicators x years: the entity from the
  sidecar or the title.
Entities are provinces (and 全国), prefecture-level cities or ports, whichever alias seed names the
row labels (sidecar `entity_type` where none or two do). In a city table, `全市` columns are loaded and
`市辖区` columns skipped with a note; a province's row in a city or port table, an aggregate row
(合计, 总计), an indented sub-row (`#市辖区`) and English columns and rows are skipped (with a note
where they hold figures). A header naming nothing the project knows (ref_indicator_aliases; a group
and its sub-column are looked up as `group/sub`) is skipped and named in the refresh log. Names and
units stay as printed (normalised for width, spaces and footnote marks) for dbt's resolver, which
remains the one check of names, units and values.
"""

from __future__ import annotations

from pathlib import Path

from opening_up.loaders import BLANKS, LoadReport, Reference, value_text, cell_name
from opening_up.sheets import Merge, Rows, YearbookError
from opening_up.sidecar import Sidecar
from opening_up.table_header import ENTITY_TYPES, TOTALS, PrintedTable, aliases_of, entity_type_of, split_unit
from opening_up.table_layout import YEAR_LABEL, is_year, normal


def parse_yearbook_table(path: Path, rows: Rows, sheet: str | None, vintage: int, report: LoadReport,
                         reference: Reference, merges: list[Merge] | None = None,
                         sidecar: Sidecar | None = None) -> list[dict]:
    """Raw rows (loaders.RAW_COLUMNS without source, is_sample, file_modified_at) of one printed table."""
    table = PrintedTable(path, rows, merges, sidecar or Sidecar(name=f"{Path(str(path).split('#')[0]).name}.yml"),
                   reference, report)
    layout, side = table.layout, table.sidecar
    label_column = layout.label_column
    value_columns = [j for j in range(len(table.rows[layout.data_rows[0]]))
                     if j != label_column and j not in layout.english_columns]
    columns = {j: table.column(j) for j in value_columns}
    # A 单位 column prints each row's unit (a table of indicators by year).
    unit_column = next((j for j in value_columns if columns[j]["parts"] in (["单位"], ["计量单位"])), None)
    value_columns = [j for j in value_columns if j != unit_column]
    for j in value_columns:
        unnamed = not columns[j]["parts"] and columns[j]["year"] is None and cell_name(j) not in side.columns
        figures = [i for i in layout.data_rows if table.rows[i][j].strip() not in BLANKS]
        if unnamed and figures:
            raise table.refuse(table.where(figures[0], j), "a figure under a blank header (a shifted row? "
                               "else name the column", f"columns: {{{cell_name(j)}: {{indicator: …, unit: …}}}})")
    value_columns = [j for j in value_columns
                     if columns[j]["parts"] or columns[j]["year"] is not None or cell_name(j) in side.columns]
    labels = {i: table.rows[i][label_column] for i in layout.data_rows}
    year_rows = {i: int(YEAR_LABEL.match(normal(t)).group("year")) for i, t in labels.items() if is_year(t)}
    indicator_rows = {}
    for i, text in labels.items():
        name, row_unit = split_unit(normal(text), table.units)
        if name in reference.indicators:
            at = f"line {i + 1}, cell {cell_name(label_column)}"
            if unit_column is not None and normal(table.rows[i][unit_column]):
                row_unit, at = normal(table.rows[i][unit_column]), f"line {i + 1}, cell {cell_name(unit_column)}"
            indicator_rows[i] = (name, row_unit, at)
    year_columns = all(columns[j]["year"] is not None for j in value_columns)
    if year_rows and len(year_rows) == len(labels):
        orientation = "years_x_indicators"
    elif year_columns and len(indicator_rows) * 2 > len(labels):
        orientation = "indicators_x_years"
    else:
        orientation = "entities_x_years" if year_columns else "entities_x_indicators"
    # What the table says once (context): the year, the indicator, the entity.
    context: dict[str, tuple[str | int | None, str | None]] = {}
    unit, unit_at = (side.unit, f"sidecar {side.name}: unit") if side.unit else table.title_unit()
    if orientation == "entities_x_indicators" and not any(columns[j]["year"] for j in value_columns):
        context["year"] = (side.year, f"sidecar {side.name}: year") if side.year else table.title_year()
        if context["year"][0] is None:
            raise table.refuse(table.where(layout.title_rows[0] if layout.title_rows else layout.header_rows[0]),
                               "no year in the title or the header: which year are these figures?", "year")
    if orientation in ("years_x_indicators", "indicators_x_years"):
        entity = side.entity
        names = {**reference.ports, **reference.prefectures, **reference.regions}
        found = (entity, f"sidecar {side.name}: entity") if entity else table.title_names(names, "entity", "entity")
        if found[0] is None:
            raise table.refuse(table.where(layout.title_rows[0] if layout.title_rows else 0),
                               "a table of one entity, but the title names none", "entity")
        kinds = [k for k in ENTITY_TYPES if found[0] in aliases_of(reference, k)]
        entity_type = side.entity_type or (kinds[0] if len(kinds) == 1 else None)
        if entity_type is None:
            raise table.refuse(table.where(layout.title_rows[0] if layout.title_rows else 0),
                               f"{found[0]!r} names a {' and a '.join(kinds) or 'no known entity'}", "entity_type")
        context["entity"] = found
    else:
        entity_type = entity_type_of(table, [normal(labels[i]).lstrip("#") for i in layout.data_rows])
    if orientation == "entities_x_years":
        indicator = (side.indicator, f"sidecar {side.name}: indicator") if side.indicator else (None, None)
        context["indicator"] = indicator
    return _cells(table, orientation, entity_type, value_columns, columns, labels, year_rows, indicator_rows,
                  context, unit, unit_at, sheet, vintage)


def _cells(table: PrintedTable, orientation: str, entity_type: str, value_columns: list[int], columns: dict[int, dict],
           labels: dict[int, str], year_rows: dict[int, int], indicator_rows: dict[int, tuple[str, str | None, str]],
           context: dict, unit: str | None, unit_at: str | None, sheet: str | None, vintage: int) -> list[dict]:
    layout, side, reference, report = table.layout, table.sidecar, table.reference, table.report
    path = table.path
    aliases = aliases_of(reference, entity_type)
    # Per column: indicator (printed alias), unit and where each was printed, or the reason it is skipped.
    resolved: dict[int, dict] = {}
    for j in value_columns:
        column, where = columns[j], table.where(None, None) + f", {columns[j]['at']}"
        declared = side.columns.get(cell_name(j))
        if declared == "skip" or not column["in_scope"]:
            if not column["in_scope"]:
                report.notes.append(f"{where}: 市辖区 (city districts) column skipped; 全市 (whole city) is loaded")
            continue
        name, name_at = None, column["at"]
        if declared:
            name, name_at = declared.get("indicator"), f"sidecar {side.name}: columns.{cell_name(j)}"
        elif orientation != "indicators_x_years":
            name = table.indicator(column["parts"], where)
        if name is None and orientation == "entities_x_years" and not column["parts"]:
            name, name_at = context["indicator"]
            if name is None:
                name, name_at = table.title_names(reference.indicators, "indicator", "indicator")
            if name is None:
                raise table.refuse(table.where(layout.title_rows[0] if layout.title_rows else 0),
                                   "a table of years, but the title names no indicator", "indicator")
        if name is None and orientation != "indicators_x_years":
            report.notes.append(f"{where}: column {'/'.join(column['parts'])!r} names nothing the project knows "
                                "(ref_indicator_aliases): skipped")
            continue
        col_unit, col_unit_at = (declared.get("unit"), f"sidecar {side.name}: columns.{cell_name(j)}.unit") \
            if declared and declared.get("unit") else (column["unit"], column["unit_at"])
        resolved[j] = {"name": name, "name_at": name_at, "unit": col_unit or unit, "unit_at": col_unit_at or unit_at,
                       "year": column["year"]}
    out = []
    for i in layout.data_rows:
        row, line = table.rows[i], i + 1
        label = labels[i]
        name = normal(label)
        if not name:
            if any(row[j].strip() not in BLANKS for j in resolved):
                raise YearbookError(f"{table.where(i, layout.label_column)}: figures without a name (a shifted row?)")
            continue
        if label.startswith(("  ", "\u3000")) or name.startswith(("#", "其中")):
            if any(row[j].strip() not in BLANKS for j in resolved):
                report.notes.append(f"{table.where(i, layout.label_column)}: sub-row {label.strip()!r} skipped")
            continue
        entity, year, indicator, row_unit, row_unit_at = None, context.get("year", (None,))[0], None, None, None
        if orientation in ("years_x_indicators", "indicators_x_years"):
            entity = context["entity"][0]
            if orientation == "years_x_indicators":
                year = year_rows[i]
            else:
                indicator, row_unit, row_unit_at = indicator_rows.get(i, (None, None, None))
                if indicator is None:
                    report.notes.append(f"{table.where(i, layout.label_column)}: row {name!r} names nothing the "
                                        "project knows (ref_indicator_aliases): skipped")
                    continue
        else:
            entity = name
            aggregate = name in TOTALS or name.endswith(("合计", "总计"))
            if entity not in aliases and (aggregate or (entity_type != "region" and name in reference.regions)):
                what = "an aggregate" if aggregate else f"a province in a {entity_type} table"
                if any(row[j].strip() not in BLANKS for j in resolved):
                    report.notes.append(f"{table.where(i, layout.label_column)}: row {name!r} ({what}) skipped")
                continue
        for j, column in resolved.items():
            cell = cell_name(j)
            value = value_text(path, line, cell, row[j], report)
            if value is None:
                continue
            cell_year = column["year"] or year
            cell_indicator = indicator or column["name"]
            cell_unit = row_unit or column["unit"]
            if cell_unit is None:
                raise table.refuse(f"{table.where(i, j)}", f"no unit printed for {cell_indicator!r}",
                                   f"unit, or columns: {{{cell}: {{unit: …}}}}")
            out.append({
                "source_file": str(path), "source_sheet": sheet, "source_row": line, "source_cell": cell,
                "source_format": "yearbook_table", "entity_type": entity_type, "entity_name": entity,
                "entity_location": (f"line {line}, cell {cell_name(layout.label_column)}" if context.get("entity") is None
                                    else context["entity"][1]),
                "indicator_location": (f"line {line}, cell {cell_name(layout.label_column)}" if indicator
                                       else column["name_at"]),
                "unit_location": row_unit_at if row_unit else column["unit_at"],
                "year": int(cell_year), "indicator_name": cell_indicator, "unit": cell_unit, "value": value,
                "vintage": vintage,
                "note": None if name == label.strip() or context.get("entity") else f"printed {label.strip()!r}",
            })
    if not out:
        raise YearbookError(f"{path}: no figure of a known indicator in the table (see the notes: every column skipped?)")
    return out
