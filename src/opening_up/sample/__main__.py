"""`python -m opening_up.sample --out FILE`: regenerate the sample yearbooks (= `python -m opening_up
sample`)."""

import sys

from opening_up.cli import sample

sys.exit(sample(sys.argv[1:]))
