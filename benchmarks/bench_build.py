"""Benchmark: wall seconds of a clean `dbt build`, of writing the marts as Parquet after it (together:
a clean `make build`), and of a rebuild with nothing changed.

Prints the figures; asserts nothing (the target, a clean build under 45 s on the 2-core
machine, is read by a person). Builds into a temporary DuckDB file, never the published one.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from opening_up.warehouse.build import build
from opening_up.warehouse.parquet_export import write_parquet


def timed_build(database: Path) -> float:
    """Run `dbt build` against `database` and return its wall seconds (raises if the build fails)."""
    start = time.perf_counter()
    folder = database.parent / "empty-drop"
    folder.mkdir(exist_ok=True)
    result = build(database, folder, database.parent / "work")
    if result.failures:
        raise RuntimeError("\n".join(result.failures))
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "bench.duckdb"
        clean = timed_build(database)
        start = time.perf_counter()
        build_dir, manifest = write_parquet(database, database.parent / "parquet")
        parquet = time.perf_counter() - start
        parquet_mb = sum(path.stat().st_size for path in build_dir.iterdir()) / 1e6
        rebuild = timed_build(database)
        size_mb = database.stat().st_size / 1e6
    print(f"clean dbt build:              {clean:6.1f} s")
    print(
        f"marts as Parquet:             {parquet:6.1f} s  ({len(manifest['marts'])} files, {parquet_mb:.1f} "
        "MB)"
    )
    print(f"clean make build (both):      {clean + parquet:6.1f} s")
    print(f"rebuild, nothing changed:     {rebuild:6.1f} s")
    print(f"warehouse file:               {size_mb:6.1f} MB")
    print(f"cores: {os.cpu_count()}  target: clean build < 45 s")


if __name__ == "__main__":
    main()
