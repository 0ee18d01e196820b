"""`make test-spark`'s comparison: every mart the `spark` target built against the same mart of the
DuckDB build, row for row. Spark's tables are Parquet folders under its warehouse
(<warehouse>/marts.db/<mart>/), read with DuckDB, so no Spark session is needed. Rows are matched after
sorting both sides on every column; text, whole numbers, booleans and dates must be equal, floats equal
to `rtol` relative (NaN and null where the other side has them).

One difference is explained rather than hidden (`explain_gmm`): Spark's ln() (Java's Math.log) and
DuckDB's (the C library's) may differ in the last bit, so paper 001's panel differs from DuckDB's in a
few cells by an ulp, and the GMM models with as many instruments as groups or more (nine provinces)
turn an ulp into 1e-6 of a standard error. The GMM marts are then compared through the estimator: the
GMM results Spark computed must equal `opening_up.methods.gmm` run here on Spark's own panel, and that
panel DuckDB's, both to `rtol`."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

RTOL = 1e-9


def sort_key(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows in an order both engines' values give: floats rounded to 9 significant digits (so that
    a difference within rtol cannot reorder rows, but at a rounding boundary), the rest as text."""
    keys = {}
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_float_dtype(column):
            values = column.to_numpy(dtype=float)
            magnitude = np.floor(np.log10(np.abs(np.where(np.isfinite(values) & (values != 0), values, 1.0))))
            scale = 10.0 ** (8 - magnitude)
            keys[name] = pd.Series(np.round(values * scale) / scale, index=frame.index)
        else:
            keys[name] = column.astype("string").fillna("")
    order = pd.DataFrame(keys).sort_values(list(keys), na_position="last", kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def difference(duckdb_frame: pd.DataFrame, spark_frame: pd.DataFrame, rtol: float = RTOL) -> str | None:
    """Why the two tables differ (the first difference found), or None when they are equal."""
    if list(duckdb_frame.columns) != list(spark_frame.columns):
        return f"columns {list(duckdb_frame.columns)} on DuckDB, {list(spark_frame.columns)} on Spark"
    if len(duckdb_frame) != len(spark_frame):
        return f"{len(duckdb_frame)} rows on DuckDB, {len(spark_frame)} on Spark"
    left, right = sort_key(duckdb_frame), sort_key(spark_frame)
    for name in left.columns:
        a, b = left[name], right[name]
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b) and (
                pd.api.types.is_float_dtype(a) or pd.api.types.is_float_dtype(b)):
            x, y = a.astype(float).to_numpy(), b.astype(float).to_numpy()
            same = np.isclose(x, y, rtol=rtol, atol=0.0) | (np.isnan(x) & np.isnan(y))
        else:
            same = (a.isna() & b.isna()) | (a.astype("string") == b.astype("string")).fillna(False)
            same = same.to_numpy()
        if not same.all():
            row = int(np.flatnonzero(~same)[0])
            return (f"column {name}: {int((~same).sum())} rows differ, first {a.iloc[row]!r} on DuckDB, "
                    f"{b.iloc[row]!r} on Spark")
    return None


def compare_marts(database: Path, spark_warehouse: Path, marts: list[str]) -> dict[str, str | None]:
    """{mart: difference or None} for each mart of the DuckDB file `database` (schema marts) against
    the Spark table of the same name; a mart Spark did not build is a difference."""
    results = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        for mart in marts:
            folder = spark_warehouse / "marts.db" / mart
            if not any(folder.glob("*.parquet")):
                results[mart] = f"Spark has no table (no Parquet under {folder})"
                continue
            ours = connection.execute(f"select * from marts.{mart}").df()
            theirs = connection.execute(f"select * from read_parquet('{folder}/*.parquet')").df()
            results[mart] = difference(ours, theirs)
    return results


GMM_RESULTS = "int_border_growth_gmm_results"


def is_mart(node: dict) -> bool:
    """Whether a manifest node is an enabled model of the marts schema."""
    return (node["resource_type"] == "model" and node["schema"] == "marts"
            and node["config"].get("enabled", True))


def gmm_marts(manifest: dict) -> tuple[dict, set[str]]:
    """The dbt node of paper 001's GMM results and the names of the marts that read it, directly or
    through other models."""
    nodes = manifest["nodes"]
    gmm = next(node for node in nodes.values() if node["name"] == GMM_RESULTS)
    children: dict[str, list[str]] = {}
    for node_id, node in nodes.items():
        for parent in node.get("depends_on", {}).get("nodes", []):
            children.setdefault(parent, []).append(node_id)
    pending, reached = [gmm["unique_id"]], set()
    while pending:
        for child in children.get(pending.pop(), []):
            if child not in reached:
                reached.add(child)
                pending.append(child)
    return gmm, {nodes[node_id]["name"] for node_id in reached if is_mart(nodes[node_id])}


def parquet_table(folder: Path) -> pd.DataFrame:
    """The table of a folder of Parquet files, as DuckDB reads it."""
    with duckdb.connect() as connection:
        return connection.execute(f"select * from read_parquet('{folder}/*.parquet')").df()


def explain_gmm(database: Path, spark_warehouse: Path, meta: dict) -> tuple[bool, list[str]]:
    """Whether the GMM marts' differences are the panel's ulps (module docstring): (explained, what was
    found). `meta` is the dbt meta of int_border_growth_gmm_results (its periods)."""
    from opening_up.papers.border_growth import estimate_border_growth, periods_from_meta

    with duckdb.connect(str(database), read_only=True) as connection:
        duckdb_panel = connection.execute("select * from intermediate.int_border_growth_panel").df()
    spark_panel = parquet_table(spark_warehouse / "intermediate.db" / "int_border_growth_panel")
    spark_results = parquet_table(spark_warehouse / "python_models" / "int_border_growth_gmm_results")
    panel_difference = difference(duckdb_panel, spark_panel)
    numbers = sort_key(duckdb_panel).select_dtypes("float"), sort_key(spark_panel).select_dtypes("float")
    ulps = int(((numbers[0] != numbers[1]) & ~(numbers[0].isna() & numbers[1].isna())).sum().sum())
    local = estimate_border_growth(spark_panel, periods_from_meta(meta))
    estimator_difference = difference(local, spark_results)
    found = [
        f"paper 001's panel: {ulps} cells not bit for bit DuckDB's; "
        + (f"equal to {RTOL:g}" if panel_difference is None else f"NOT equal: {panel_difference}"),
        "the GMM results Spark computed against opening_up.methods.gmm on Spark's panel: "
        + ("equal" if estimator_difference is None else f"NOT equal: {estimator_difference}")
        + f" to {RTOL:g}",
    ]
    return panel_difference is None and estimator_difference is None, found
