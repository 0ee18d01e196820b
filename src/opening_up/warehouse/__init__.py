"""The warehouse: raw rows into DuckDB (ingest, dbt_plugin), one build (build: load, then dbt build,
run by dbt_runner), the write-audit-publish refresh (refresh, audit, failing_rows, publication), the
marts as Parquet (parquet_export, parquet_checksum) and how real the result is (coverage).
"""
