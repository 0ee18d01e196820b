"""`python -m opening_up.sample --out FILE`: regenerate the sample yearbooks."""

from opening_up.sample.generate import main

main()
