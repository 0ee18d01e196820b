"""What a refusal shows of the data: the rows behind a failing dbt test or audit expectation, each
named by its file, line, cell and value, as the resolver's own errors are.

A dbt test's failing rows are read by running its compiled SQL (run_results.json) on the refused
candidate, and for a test that returns only its column (dbt's not_null) the model's rows with those
values; the audit's by selecting the rows that break the expectation. A row that
carries its provenance (source_file, source_row, source_cell) is named by it; a row that says its own
evidence (int_observation_relations: each term's file, line and value) is shown with it; a panel row
(an entity and a year, one column per indicator, as int_province_panel or int_prefecture_panel) is
traced back to the observations of its indicators in intermediate.int_observations_resolved and the raw
cells they were printed in.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import duckdb
import pandas as pd

from opening_up.warehouse.ingest import RAW_SCHEMA, RAW_TABLES

SHOWN = 5
ENTITY_KEYS = ("entity_code", "region_code", "prefecture_code", "port_code")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "NULL" if value is None else "NaN"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _located(file: object, line: object, cell: object) -> str:
    where = f"{file}, line {_text(line)}"
    return where + (f", cell {cell}" if isinstance(cell, str) and cell else "")


def _raw_cells() -> str:
    return " union all ".join(
        "select source_file, source_row, source_cell, entity_name, year, indicator_name from "
        f"{RAW_SCHEMA}.{table}"
        for table in RAW_TABLES
    )


def _traced(
    connection: duckdb.DuckDBPyConnection, entity: str, year: object, indicators: list[str]
) -> list[str]:
    """The observations of `indicators` for one entity and year, with the raw cell each was printed in."""
    if not indicators:
        return []
    marks = ", ".join("?" for _ in indicators)
    rows = connection.execute(
        f"""select resolved.indicator_code,
                   resolved.printed_value || coalesce(' ' || resolved.printed_unit, ''),
                   resolved.source_file, resolved.source_row, min(raw_cells.source_cell)
            from intermediate.int_observations_resolved as resolved
            left join ({_raw_cells()}) as raw_cells
                on raw_cells.source_file = resolved.source_file and raw_cells.source_row = resolved.source_row
                and raw_cells.entity_name = resolved.printed_entity_name and raw_cells.year = resolved.year
                and raw_cells.indicator_name = resolved.printed_indicator_name
            where resolved.entity_code = ? and resolved.year = ? and resolved.indicator_code in ({marks})
            group by all order by resolved.indicator_code""",
        [entity, year, *indicators],
    ).fetchall()
    return [f"{indicator} = {_text(value)} ({_located(file, line, cell)})" if file else
            f"{indicator} = {_text(value)} (no file: a paper's table or the sample)"
            for indicator, value, file, line, cell in rows]


def describe_row(row: dict, connection: duckdb.DuckDBPyConnection | None = None,
                 involved: set[str] | None = None) -> str:
    """One failing row in words: where it was printed, and the values involved (the columns the test
    names, when it names any)."""
    if row.get("evidence"):
        said = ", ".join(
            _text(row[key]) for key in ("rule", "entity_type", "entity_code", "year") if key in row
        )
        sides = (f" ({_text(row['lhs'])} against {_text(row['rhs'])}, beyond {_text(row.get('tolerance'))})"
                 if "lhs" in row and "rhs" in row else "")
        # Each term traced to the cell it was printed in, where the raw rows tell; else the row's own
        # evidence.
        traced = _traced(connection, row["entity_code"], row["year"], list(row.get("terms", []))) \
            if connection is not None and "entity_code" in row and "year" in row else []
        return f"{said}{sides}: {'; '.join(traced) if traced else row['evidence']}"
    if row.get("source_file"):
        values = ", ".join(f"{key} {_text(row[key])}" for key in ("entity_code", "entity_name", "year",
                                                                 "indicator_code", "printed_value", "value")
                           if key in row)
        return f"{_located(row['source_file'], row.get('source_row'), row.get('source_cell'))}: {values}"
    entity = next((key for key in ENTITY_KEYS if row.get(key) is not None), None)
    if entity and "year" in row and connection is not None:
        # Columns that are not indicators find no observation.
        indicators = [key for key in row if key not in (entity, "year") and (not involved or key in involved)]
        traced = _traced(connection, row[entity], row["year"], indicators)
        if traced:
            return f"{entity} {row[entity]}, {row['year']}: " + "; ".join(traced)
    return ", ".join(f"{key}={_text(value)}" for key, value in list(row.items())[:10])


def describe_frame(frame: pd.DataFrame, connection: duckdb.DuckDBPyConnection | None = None,
                   shown: int = SHOWN, involved: set[str] | None = None) -> list[str]:
    lines = [describe_row(row, connection, involved) for row in frame.head(shown).to_dict("records")]
    if len(frame) > shown:
        lines.append(f"… and {len(frame) - shown} more rows")
    return lines


def _open_as_dbt_did(candidate: Path, catalog: str) -> duckdb.DuckDBPyConnection:
    """The candidate read-only under the catalog name dbt compiled its SQL with."""
    connection = duckdb.connect()
    connection.execute(f"attach '{candidate}' as \"{catalog}\" (read_only)")
    connection.execute(f'use "{catalog}"')
    return connection


def _failing_frame(connection: duckdb.DuckDBPyConnection, code: str, node: dict, nodes: dict) -> pd.DataFrame:
    """The test's rows; for a test that returns only its column (dbt's not_null, accepted_values),
    the model's whole rows with those values, so that their provenance shows."""
    frame = connection.execute(f"select * from ({code}) as failing limit 1000").df()
    column, model = (
        node.get("column_name"),
        nodes.get(node.get("attached_node") or "", {}).get("relation_name"),
    )
    if len(frame.columns) == 1 and column and model and frame.columns[0] == column:
        frame = connection.execute(
            f'select model_rows.* from {model} as model_rows semi join ({code}) as failing '
            f'on model_rows."{column}" is not distinct from failing."{column}" limit 1000').df()
    return frame


def dbt_test_rows(candidate: Path, target: Path, failed: list[dict]) -> dict[str, list[str]]:
    """{test unique_id: what it checks, then its failing rows in words} for the failed data tests'
    results (run_results.json of `target`, each with its compiled SQL) of a dbt run on `candidate`.
    Tests whose rows cannot be read are left out: their failure line still stands."""
    nodes = _manifest_nodes(target)
    catalogs = {nodes.get(result["unique_id"], {}).get("database") for result in failed} - {None}
    if not failed or len(catalogs) != 1:
        return {}
    described: dict[str, list[str]] = {}
    try:
        connection = _open_as_dbt_did(candidate, catalogs.pop())
    except duckdb.Error:
        return {}
    with connection:
        for result in failed:
            code, node = result.get("compiled_code"), nodes.get(result["unique_id"], {})
            if not code:
                continue
            try:
                frame = _failing_frame(connection, code, node, nodes)
            except duckdb.Error:
                continue
            checks, involved = _what_it_checks(node, list(frame.columns))
            described[result["unique_id"]] = [checks, *describe_frame(frame, connection, involved=involved)]
    return described


def _manifest_nodes(target: Path) -> dict[str, dict]:
    try:
        return json.loads((target / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    except (OSError, ValueError, KeyError):
        return {}


def _what_it_checks(node: dict, columns: list[str]) -> tuple[str, set[str]]:
    """`checks <test>(<arguments>) on <model>` and the columns its arguments name."""
    metadata = node.get("test_metadata") or {}
    arguments = {key: value for key, value in (metadata.get("kwargs") or {}).items() if key != "model"}
    model = (node.get("attached_node") or "").split(".")[-1]
    said = ", ".join(f"{key}: {value}" for key, value in arguments.items())
    words = set(re.findall(r"[a-z_][a-z0-9_]*", json.dumps(arguments)))
    name = metadata.get("name") or node.get("name", "test")
    return f"checks {name}({said}) on {model or 'its query'}", {
        column for column in columns if column in words
    }
