"""The NBS exports shipped in data/real/nbs/ as raw rows, read by the drop-folder loader (vintages in its manifest)."""

from opening_up.loaders import load_shipped_exports


def model(dbt, session):
    dbt.config(materialized="table")
    rows, _ = load_shipped_exports()
    return rows
