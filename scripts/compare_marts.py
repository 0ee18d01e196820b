"""Compare two builds' marts byte for byte: the per-mart sha256 of two Parquet manifests
(`<build>/parquet/_manifest.json`), and for a mart whose bytes differ, whether its rows differ or only
their order (the marts are read from the Parquet files beside each manifest).

    .venv/bin/python scripts/compare_marts.py BEFORE/_manifest.json AFTER/_manifest.json

Prints one line per mart that differs and a summary; exits 1 when some mart's rows differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb


def _marts(manifest: Path) -> dict[str, dict]:
    return {mart["mart"]: mart for mart in json.loads(manifest.read_text(encoding="utf-8"))["marts"]}


def columns_of(path: Path) -> list[str]:
    with duckdb.connect() as connection:
        return [
            row[0] for row in connection.execute(f"describe select * from read_parquet('{path}')").fetchall()
        ]


def rows_differ(before: Path, after: Path) -> int:
    """Rows in one file and not the other (as multisets, NULLs and NaNs compared as values)."""
    with duckdb.connect() as connection:
        return sum(
            connection.execute(
                f"select count(*) from (select * from read_parquet('{a}') except all select * from "
                f"read_parquet('{b}'))"
            ).fetchone()[0]
            for a, b in ((before, after), (after, before))
        )


def main(before: Path, after: Path) -> int:
    old, new = _marts(before), _marts(after)
    changed = 0
    for name in sorted(old.keys() | new.keys()):
        if name not in old or name not in new:
            print(f"{name}: only {'before' if name in old else 'after'}")
            changed += 1
        elif old[name]["sha256"] != new[name]["sha256"]:
            old_file, new_file = before.parent / old[name]["file"], after.parent / new[name]["file"]
            added = [c for c in columns_of(new_file) if c not in columns_of(old_file)]
            removed = [c for c in columns_of(old_file) if c not in columns_of(new_file)]
            if added or removed:
                print(f"{name}: columns differ (added {added or 'none'}, removed {removed or 'none'})")
                changed += 1
                continue
            differing = rows_differ(old_file, new_file)
            print(f"{name}: bytes differ; {differing} rows differ" if differing
                  else f"{name}: bytes differ, same {new[name]['rows']} rows in another order")
            changed += bool(differing)
    same = sum(name in new and old[name]["sha256"] == new[name]["sha256"] for name in old)
    print(f"{same} of {len(old)} marts byte-identical; {changed} with different rows")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
