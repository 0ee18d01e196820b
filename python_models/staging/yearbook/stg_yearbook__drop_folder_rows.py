"""Yearbook files of the drop folder ($OPENING_UP_YEARBOOKS, default data/yearbooks/) as raw rows."""

from opening_up.loaders import load_drop_folder


def model(dbt, session):
    dbt.config(materialized="table")
    rows, _ = load_drop_folder()
    return rows
