"""Row count and an order-free checksum of a relation's values, the same in any DuckDB version.

Standalone on purpose (the standard library and `duckdb` only): the tests run this file with a
DuckDB 1.x interpreter against the Parquet marts and compare its output with DuckDB 2.0 reading the
warehouse. `python parquet_checksum.py FILE.parquet ...` prints one JSON object
{"duckdb": version, "files": {file: {"rows", "sha256", "types": [[column, type], ...]}}}.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import sys


def canonical(value: object) -> str:
    """One text per value that both DuckDB series return alike: repr of a float round-trips,
    a Decimal keeps its scale, dates are ISO, text is itself."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (decimal.Decimal, int)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return str(value)


def relation_checksum(connection, relation: str) -> tuple[int, str]:
    """(rows, sha256 of the sorted canonical rows) of `select * from relation`."""
    rows = connection.execute(f"select * from {relation}").fetchall()
    lines = sorted("\x1f".join(canonical(value) for value in row) for row in rows)
    return len(rows), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def print_checksums(paths: list[str]) -> None:
    """The JSON object of the module docstring for the Parquet files `paths`, on standard output."""
    import duckdb

    connection = duckdb.connect()
    result = {}
    for path in paths:
        relation = f"read_parquet('{path}')"
        rows, digest = relation_checksum(connection, relation)
        types = [
            [row[0], row[1]] for row in connection.execute(f"describe select * from {relation}").fetchall()
        ]
        result[path] = {"rows": rows, "sha256": digest, "types": types}
    print(json.dumps({"duckdb": duckdb.__version__, "files": result}))


if __name__ == "__main__":
    # Run as a file by another DuckDB series' interpreter (tests/python/parquet_readers.py), not imported.
    print_checksums(sys.argv[1:])
