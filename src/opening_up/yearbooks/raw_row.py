"""The raw row, defined once for Python: every column a loader writes for a figure as printed, with its
DuckDB type (opening_up.warehouse.ingest creates the `raw` tables from it). SQL's one definition is the
macro `raw_columns` (macros/raw_columns.sql), the staging models select it, and the source YAML
(models/staging/yearbook/_yearbook__sources.yml) documents it; tests/python/yearbooks/test_raw_row.py checks
the three agree.

entity_, indicator_ and unit_location say where the name or unit was printed ("line 2, cell A"): an NBS
export prints its indicator and unit once, on its 指标 line.
"""

from __future__ import annotations

RAW_TYPES = {
    "source_file": "varchar",
    "source_sheet": "varchar",
    "source_row": "bigint",
    "source_cell": "varchar",
    "source_format": "varchar",
    "entity_location": "varchar",
    "indicator_location": "varchar",
    "unit_location": "varchar",
    "entity_type": "varchar",
    "entity_name": "varchar",
    "year": "bigint",
    "indicator_name": "varchar",
    "unit": "varchar",
    "value": "varchar",
    "vintage": "bigint",
    "source": "varchar",
    "is_sample": "boolean",
    "note": "varchar",
    "file_modified_at": "timestamp",
}
RAW_COLUMNS = list(RAW_TYPES)
