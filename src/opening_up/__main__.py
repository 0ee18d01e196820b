"""`python -m opening_up refresh [--db FILE] [--drop-folder DIR]`: the scheduled refresh entry point."""

import sys

from opening_up.refresh import main

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] != "refresh":
        sys.exit("usage: python -m opening_up refresh [--db FILE] [--drop-folder DIR] [--no-great-expectations]")
    sys.exit(main(sys.argv[2:]))
