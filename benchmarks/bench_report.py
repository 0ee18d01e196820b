"""Benchmark: seconds to write the HTML report from the built warehouse ($OPENING_UP_DB).

Prints the best of three runs of `build_report`, the seconds of the slowest figure, and the
page's size. Target: under 15 s on the 2-core machine, a page under 2 MB.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import duckdb

from opening_up.report import build_report, charts, recording_reader
from opening_up.report.figures import FIGURES
from opening_up.settings import from_environment


def main() -> None:
    database = from_environment().published_database
    timings = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(3):
            start = time.perf_counter()
            target, records, _ = build_report(database, Path(out))
            timings.append(time.perf_counter() - start)
        size = target.stat().st_size
    charts.configure_matplotlib()
    con = duckdb.connect(str(database), read_only=True)
    read, _ = recording_reader(con)
    per_figure = {}
    for make_figure in FIGURES:
        start = time.perf_counter()
        make_figure(read)
        per_figure[make_figure.__name__] = time.perf_counter() - start
    con.close()
    slowest = max(per_figure, key=per_figure.get)
    print(f"report: {len(records)} figures in {min(timings):.2f} s (best of 3), page {size / 1e6:.2f} MB; "
          f"slowest figure {slowest} {per_figure[slowest]:.2f} s")


if __name__ == "__main__":
    main()
