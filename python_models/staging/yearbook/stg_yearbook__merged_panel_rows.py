"""The merged province panel shipped in data/real/merged_panel/ as raw rows (columns mapped by ref_merged_panel_columns)."""

from opening_up.merged_panel import load_merged_panel


def model(dbt, session):
    dbt.config(materialized="table")
    dbt.ref("ref_merged_panel_columns")  # the loader reads the seed's CSV; the ref orders the build after it
    return load_merged_panel()
