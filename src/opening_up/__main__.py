"""`python -m opening_up ingest|refresh|parquet|report|needs|sample|serve …`: files into raw, the scheduled
refresh, the marts as Parquet, the HTML report, what would make the warehouse real, the sample, the Dagster
server (opening_up.cli)."""

import sys

from opening_up.cli import main

if __name__ == "__main__":
    sys.exit(main())
