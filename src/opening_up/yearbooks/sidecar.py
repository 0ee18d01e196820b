"""The sidecar `<file>.yml` of a yearbook table: what the table does not print, stated once
(docs/yearbook_template.md, "Sidecar"). Keys, all optional:

    year: 2022                 # the figures' year (an entities x indicators table without one)
    entity_type: prefecture    # region, prefecture or port
    entity: 广西               # a table of one entity (years x indicators)
    indicator: 地区生产总值    # a table of one indicator (entities x years)
    unit: 亿元                 # the unit of every column that prints none
    header_rows: [3, 4]        # the header's lines (1-based), where they cannot be found
    columns:                   # per column letter: an indicator and unit, or skip
      C: {indicator: 货物进出口总额, unit: 万美元}
      F: skip

An unknown key, a wrong type or a value outside its set is refused, naming the sidecar and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from opening_up.yearbooks.printed import FIRST_YEAR
from opening_up.yearbooks.sheets import YearbookError, decode
from opening_up.usage import some

SUFFIX = ".yml"
KEYS = {"year", "entity_type", "entity", "indicator", "unit", "header_rows", "columns"}
ENTITY_TYPES = ("region", "prefecture", "port")


@dataclass(frozen=True)
class Sidecar:
    """A table's sidecar (all empty when the table has none)."""

    name: str
    year: int | None = None
    entity_type: str | None = None
    entity: str | None = None
    indicator: str | None = None
    unit: str | None = None
    header_rows: list[int] | None = None
    # column letter -> {"indicator": …, "unit": …} or "skip"
    columns: dict[str, dict | str] = field(default_factory=dict)


def sidecar_path(table: Path) -> Path:
    return table.with_name(table.name + SUFFIX)


def _text(path: Path, data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str | int):
        raise YearbookError(f"{path}: {key} must be a text, not {value!r}")
    return None if value is None else str(value)


def read_sidecar(table: Path) -> Sidecar:
    """The sidecar of `table`, or an empty one when there is none."""
    import yaml

    path = sidecar_path(table)
    if not path.exists():
        return Sidecar(name=path.name)
    try:
        data = yaml.safe_load(decode(path, path.read_bytes())) or {}
    except yaml.YAMLError as error:
        raise YearbookError(f"{path}: not readable YAML ({error})") from None
    if not isinstance(data, dict):
        raise YearbookError(f"{path}: a sidecar is a mapping of keys ({', '.join(sorted(KEYS))})")
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise YearbookError(
            f"{path}: unknown keys {some(list(map(str, unknown)))} (the keys: {', '.join(sorted(KEYS))})"
        )
    year = data.get("year")
    if year is not None and not (isinstance(year, int) and FIRST_YEAR <= year <= 2100):
        raise YearbookError(f"{path}: year must be a four-digit year, not {year!r}")
    entity_type = data.get("entity_type")
    if entity_type is not None and entity_type not in ENTITY_TYPES:
        raise YearbookError(
            f"{path}: entity_type must be one of {', '.join(ENTITY_TYPES)}, not {entity_type!r}"
        )
    header_rows = data.get("header_rows")
    if header_rows is not None and not (isinstance(header_rows, list) and header_rows
                                        and all(isinstance(n, int) and n > 0 for n in header_rows)):
        raise YearbookError(f"{path}: header_rows must be a list of line numbers, e.g. [3, 4]")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise YearbookError(f"{path}: columns must map column letters to {{indicator, unit}} or skip")
    for letter, spec in columns.items():
        valid = spec == "skip" or (isinstance(spec, dict) and set(spec) <= {"indicator", "unit"} and spec)
        if not (isinstance(letter, str) and letter.isalpha() and letter.isupper()) or not valid:
            raise YearbookError(
                f"{path}: columns.{letter}: a column letter with {{indicator: …, unit: …}} or skip"
            )
    return Sidecar(
        name=path.name,
        year=year,
        entity_type=entity_type,
        entity=_text(path, data, "entity"),
        indicator=_text(path, data, "indicator"),
        unit=_text(path, data, "unit"),
        header_rows=header_rows,
        columns={
            letter: spec if spec == "skip" else {k: str(v) for k, v in spec.items()}
            for letter, spec in columns.items()
        },
    )
