"""Yearbook files into raw rows, before dbt runs: a table as printed (sheets, printed, table_layout,
table_header, sidecar, yearbook_tables), the long layouts (loaders), the drop folder and the shipped
NBS exports (drop_folder), the merged panel and China's national series. Nothing here writes DuckDB.
"""
