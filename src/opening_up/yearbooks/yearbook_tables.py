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

from opening_up.yearbooks.loaders import LoadReport, Reference, cell_name, value_text
from opening_up.yearbooks.printed import BLANKS
from opening_up.yearbooks.sheets import Merge, Rows, YearbookError
from opening_up.yearbooks.sidecar import Sidecar
from opening_up.yearbooks.table_header import (
    ENTITY_TYPES,
    PART_MARK,
    TOTALS,
    PrintedTable,
    aliases_of,
    entity_type_of,
    split_unit,
)
from opening_up.yearbooks.table_layout import YEAR_LABEL, is_year, normal


def _value_columns(table: PrintedTable) -> tuple[list[int], dict[int, dict], int | None]:
    """The columns holding figures (not the names, English or a 单位 column), what each header says,
    and the 单位 column if the table has one (a table of indicators by year prints each row's unit)."""
    layout, side = table.layout, table.sidecar
    candidates = [j for j in range(len(table.rows[layout.data_rows[0]]))
                  if j != layout.label_column and j not in layout.english_columns]
    columns = {j: table.column(j) for j in candidates}
    unit_column = next((j for j in candidates if columns[j]["parts"] in (["单位"], ["计量单位"])), None)
    named = []
    for j in (j for j in candidates if j != unit_column):
        if columns[j]["parts"] or columns[j]["year"] is not None or cell_name(j) in side.columns:
            named.append(j)
            continue
        figures = [i for i in layout.data_rows if table.rows[i][j].strip() not in BLANKS]
        if figures:
            raise table.refuse(
                table.where(figures[0], j),
                "a figure under a blank header (a shifted row? else name the column",
                f"columns: {{{cell_name(j)}: {{indicator: …, unit: …}}}}",
            )
    return named, columns, unit_column


def _is_sub_row(label: str) -> bool:
    """An indented row (`  第一产业`, `　第一产业`) or one marked as part of the row above (`#市辖区`,
    `其中：…`)."""
    return label.startswith(("  ", "\u3000")) or bool(PART_MARK.match(normal(label)))


def _indicator_rows(table: PrintedTable, labels: dict[int, str],
                    unit_column: int | None) -> dict[int, tuple[str, str | None, str]]:
    """{row: (indicator as printed, unit, where the unit was printed)} of the rows whose label names an
    indicator: by itself, or read with its subject as a column is (PrintedTable.subject_alias): a sub-row
    (`  第一产业` under `地区生产总值`) with the row above it, a row with the title."""
    out, subject = {}, None
    for i, text in labels.items():
        name, unit = split_unit(PART_MARK.sub("", normal(text)), table.units)
        at = f"line {i + 1}, cell {cell_name(table.layout.label_column)}"
        sub_row = _is_sub_row(text)
        if not sub_row:
            subject = name
        if name not in table.reference.indicators:
            name = table.subject_alias([subject, name] if sub_row and subject else [name], at)[0]
        if name is not None:
            if unit_column is not None and normal(table.rows[i][unit_column]):
                unit, at = normal(table.rows[i][unit_column]), f"line {i + 1}, cell {cell_name(unit_column)}"
            out[i] = (name, unit, at)
    return out


def _orientation(year_columns: bool, labels: dict, year_rows: dict, indicator_rows: dict) -> str:
    """years_x_indicators, indicators_x_years, entities_x_years or entities_x_indicators (module
    docstring)."""
    if year_rows and len(year_rows) == len(labels):
        return "years_x_indicators"
    if year_columns and len(indicator_rows) * 2 > len(labels):
        return "indicators_x_years"
    return "entities_x_years" if year_columns else "entities_x_indicators"


def _title_line(table: PrintedTable) -> int:
    return table.layout.title_rows[0] if table.layout.title_rows else table.layout.header_rows[0]


def _one_entity(table: PrintedTable) -> tuple[tuple[str, str], str]:
    """((entity as printed, where), entity type) of a one-entity table: the sidecar's, else the title's."""
    side, reference = table.sidecar, table.reference
    names = {**reference.ports, **reference.prefectures, **reference.regions}
    found = (
        (side.entity, f"sidecar {side.name}: entity")
        if side.entity
        else table.title_names(names, "entity", "entity")
    )
    if found[0] is None:
        raise table.refuse(
            table.where(_title_line(table)), "a table of one entity, but the title names none", "entity"
        )
    kinds = [kind for kind in ENTITY_TYPES if found[0] in aliases_of(reference, kind)]
    entity_type = side.entity_type or (kinds[0] if len(kinds) == 1 else None)
    if entity_type is None:
        raise table.refuse(
            table.where(_title_line(table)),
            f"{found[0]!r} names a {' and a '.join(kinds) or 'no known entity'}",
            "entity_type",
        )
    return found, entity_type


def parse_yearbook_table(path: Path, rows: Rows, sheet: str | None, vintage: int, report: LoadReport,
                         reference: Reference, merges: list[Merge] | None = None,
                         sidecar: Sidecar | None = None) -> list[dict]:
    """Raw rows (raw_row.RAW_COLUMNS without source, is_sample, file_modified_at) of one printed table."""
    side = sidecar or Sidecar(name=f"{Path(str(path).split('#')[0]).name}.yml")
    table = PrintedTable(path, rows, merges, side, reference, report)
    value_columns, columns, unit_column = _value_columns(table)
    labels = {i: table.rows[i][table.layout.label_column] for i in table.layout.data_rows}
    year_rows = {i: int(YEAR_LABEL.match(normal(t)).group("year")) for i, t in labels.items() if is_year(t)}
    indicator_rows = _indicator_rows(table, labels, unit_column)
    orientation = _orientation(all(columns[j]["year"] is not None for j in value_columns), labels, year_rows,
                               indicator_rows)
    # What the table says once: the year, the indicator, the entity, each with where it is said.
    context: dict[str, tuple[str | int | None, str | None]] = {}
    unit, unit_at = (side.unit, f"sidecar {side.name}: unit") if side.unit else table.title_unit()
    if orientation == "entities_x_indicators" and not any(columns[j]["year"] for j in value_columns):
        context["year"] = (side.year, f"sidecar {side.name}: year") if side.year else table.title_year()
        if context["year"][0] is None:
            raise table.refuse(table.where(_title_line(table)),
                               "no year in the title or the header: which year are these figures?", "year")
    if orientation in ("years_x_indicators", "indicators_x_years"):
        context["entity"], entity_type = _one_entity(table)
    else:
        entity_type = entity_type_of(table, [normal(labels[i]).lstrip("#") for i in table.layout.data_rows])
    if orientation == "entities_x_years":
        context["indicator"] = (
            (side.indicator, f"sidecar {side.name}: indicator") if side.indicator else (None, None)
        )
    resolved = _resolve_columns(table, orientation, value_columns, columns, context, unit, unit_at)
    return _cells(
        table, orientation, entity_type, resolved, labels, year_rows, indicator_rows, context, sheet, vintage
    )


def _resolve_columns(
    table: PrintedTable,
    orientation: str,
    value_columns: list[int],
    columns: dict[int, dict],
    context: dict,
    unit: str | None,
    unit_at: str | None,
) -> dict[int, dict]:
    """Per column read: its indicator (as printed), unit and year, and where each was printed; the columns
    skipped (市辖区, a sidecar's skip, a header naming nothing known) are noted in the report."""
    side, reference, report = table.sidecar, table.reference, table.report
    resolved: dict[int, dict] = {}
    for j in value_columns:
        column, where = columns[j], table.where(None, None) + f", {columns[j]['at']}"
        declared = side.columns.get(cell_name(j))
        if declared == "skip" or not column["in_scope"]:
            if not column["in_scope"]:
                report.notes.append(
                    f"{where}: 市辖区 (city districts) column skipped; 全市 (whole city) is loaded"
                )
            continue
        name, name_at = None, column["at"]
        if declared:
            name, name_at = declared.get("indicator"), f"sidecar {side.name}: columns.{cell_name(j)}"
        elif orientation != "indicators_x_years":
            name, subject_at = table.indicator(column["parts"], where)
            if subject_at:
                name_at = f"{subject_at} and {column['at']}"
        if name is None and orientation == "entities_x_years" and not column["parts"]:
            name, name_at = context["indicator"]
            if name is None:
                name, name_at = table.title_names(reference.indicators, "indicator", "indicator")
            if name is None:
                raise table.refuse(table.where(_title_line(table)),
                                   "a table of years, but the title names no indicator", "indicator")
        if name is None and orientation != "indicators_x_years":
            report.notes.append(
                f"{where}: column {'/'.join(column['parts'])!r} names nothing the project knows "
                "(ref_indicator_aliases): skipped"
            )
            continue
        col_unit, col_unit_at = (declared.get("unit"), f"sidecar {side.name}: columns.{cell_name(j)}.unit") \
            if declared and declared.get("unit") else (column["unit"], column["unit_at"])
        resolved[j] = {"name": name, "name_at": name_at, "at": column["at"], "unit": col_unit or unit,
                       "unit_at": col_unit_at or unit_at, "year": column["year"]}
    return resolved


def _applies(table: PrintedTable, name: str, entity_type: str, row: int | None, column: int, column_at: str,
             noted: set[tuple[int | None, int | None]]) -> bool:
    """Whether the indicator `name` is observed for `entity_type` (ref_indicators.entity_types); a column
    (or row) that names one of another kind of entity (出口总额, a port's export value, in a province's
    table) is skipped with one note, never loaded as a guess."""
    code = table.reference.indicators.get(name)
    kinds = table.reference.entity_types.get(code)
    if code is None or not kinds or entity_type in kinds:
        return True
    key = (row, None) if row is not None else (None, column)
    if key not in noted:
        noted.add(key)
        where = table.where(row, table.layout.label_column) if row is not None else \
            table.where(None, None) + f", {column_at}"
        table.report.notes.append(
            f"{where}: {name!r} is {code}, an indicator of {' and '.join(sorted(kinds))}s, "
            f"not of a {entity_type}: skipped"
        )
    return False


def _cells(
    table: PrintedTable,
    orientation: str,
    entity_type: str,
    resolved: dict[int, dict],
    labels: dict[int, str],
    year_rows: dict[int, int],
    indicator_rows: dict[int, tuple[str, str | None, str]],
    context: dict,
    sheet: str | None,
    vintage: int,
) -> list[dict]:
    """The raw rows of the table's figures, one per value cell, each with where its names were printed."""
    layout, reference, report = table.layout, table.reference, table.report
    path = table.path
    aliases = aliases_of(reference, entity_type)
    out: list[dict] = []
    # The columns (or rows) already noted as naming an indicator of another kind of entity.
    foreign: set[tuple[int | None, int | None]] = set()
    for i in layout.data_rows:
        row, line = table.rows[i], i + 1
        label = labels[i]
        name = normal(label)
        if not name:
            if any(row[j].strip() not in BLANKS for j in resolved):
                raise YearbookError(
                    f"{table.where(i, layout.label_column)}: figures without a name (a shifted row?)"
                )
            continue
        if _is_sub_row(label) and not (orientation == "indicators_x_years" and i in indicator_rows):
            if any(row[j].strip() not in BLANKS for j in resolved):
                report.notes.append(
                    f"{table.where(i, layout.label_column)}: sub-row {label.strip()!r} skipped"
                )
            continue
        entity, year, indicator, row_unit, row_unit_at = (
            None,
            context.get("year", (None,))[0],
            None,
            None,
            None,
        )
        if orientation in ("years_x_indicators", "indicators_x_years"):
            entity = context["entity"][0]
            if orientation == "years_x_indicators":
                year = year_rows[i]
            else:
                indicator, row_unit, row_unit_at = indicator_rows.get(i, (None, None, None))
                if indicator is None:
                    report.notes.append(
                        f"{table.where(i, layout.label_column)}: row {name!r} names nothing the "
                        "project knows (ref_indicator_aliases): skipped"
                    )
                    continue
        else:
            entity = name
            aggregate = name in TOTALS or name.endswith(("合计", "总计"))
            if entity not in aliases and (
                aggregate or (entity_type != "region" and name in reference.regions)
            ):
                what = "an aggregate" if aggregate else f"a province in a {entity_type} table"
                if any(row[j].strip() not in BLANKS for j in resolved):
                    report.notes.append(
                        f"{table.where(i, layout.label_column)}: row {name!r} ({what}) skipped"
                    )
                continue
        for j, column in resolved.items():
            cell = cell_name(j)
            cell_indicator = indicator or column["name"]
            if not _applies(
                table, cell_indicator, entity_type, i if indicator else None, j, column["at"], foreign
            ):
                continue
            value = value_text(path, line, cell, row[j], report)
            if value is None:
                continue
            cell_year = column["year"] or year
            cell_unit = row_unit or column["unit"]
            if cell_unit is None:
                raise table.refuse(f"{table.where(i, j)}", f"no unit printed for {cell_indicator!r}",
                                   f"unit, or columns: {{{cell}: {{unit: …}}}}")
            out.append(
                {
                    "source_file": str(path),
                    "source_sheet": sheet,
                    "source_row": line,
                    "source_cell": cell,
                    "source_format": "yearbook_table",
                    "entity_type": entity_type,
                    "entity_name": entity,
                    "entity_location": (
                        f"line {line}, cell {cell_name(layout.label_column)}"
                        if context.get("entity") is None
                        else context["entity"][1]
                    ),
                    "indicator_location": (
                        f"line {line}, cell {cell_name(layout.label_column)}"
                        if indicator
                        else column["name_at"]
                    ),
                    "unit_location": row_unit_at if row_unit else column["unit_at"],
                    "year": int(cell_year),
                    "indicator_name": cell_indicator,
                    "unit": cell_unit,
                    "value": value,
                    "vintage": vintage,
                    "note": None
                    if name == label.strip() or context.get("entity")
                    else f"printed {label.strip()!r}",
                }
            )
    if not out:
        raise YearbookError(
            f"{path}: no figure of a known indicator in the table (see the notes: every column skipped?)"
        )
    return out
