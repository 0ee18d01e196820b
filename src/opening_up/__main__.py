"""`python -m opening_up ingest|refresh|parquet|report|needs …`: files into raw, the scheduled refresh, the marts as Parquet,
the HTML report, and what would make the warehouse real."""

import sys

USAGE = ("usage: python -m opening_up ingest [--db FILE]\n"
         "       python -m opening_up refresh [--db FILE] [--drop-folder DIR] [--no-great-expectations]\n"
         "       python -m opening_up parquet [--db FILE]\n"
         "       python -m opening_up report [--db FILE] [--out DIR]\n"
         "       python -m opening_up needs [--db FILE] [--limit N] [--summary]")

if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "ingest":
        from opening_up.warehouse.ingest import main
    elif command == "refresh":
        from opening_up.warehouse.refresh import main
    elif command == "parquet":
        from opening_up.warehouse.parquet_export import main
    elif command == "report":
        from opening_up.report import main
    elif command == "needs":
        from opening_up.warehouse.coverage import main
    else:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[2:]))
