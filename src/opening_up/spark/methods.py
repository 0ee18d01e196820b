"""The methods beside Spark (issue 37, docs/scaling.md): dbt-spark runs dbt Python models only on
Databricks, so on the `spark` target this step runs each of them itself, in dependency order, with the
model's own file: its `dbt.ref(...)` reads the Spark table the `spark` target built, its
`dbt.config.get("meta")` the node's config from dbt's manifest, and the DataFrame it returns is written
to Parquet with DuckDB's COPY (so its column types are those a dbt-duckdb Python model gets) and
registered as the Spark table dbt would have built (`<schema>.<alias>`). The package's functions run
on the driver on the refs' rows, except the GMM, whose map step runs per province on the executors
(`opening_up.spark.gmm`), and the grey relational grades, one executor task per port cluster or per
port and city (`opening_up.spark.pools`). After it, `dbt run --target spark` builds the models
downstream.
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Callable
from graphlib import TopologicalSorter
from pathlib import Path
from types import ModuleType, SimpleNamespace

import duckdb
import pandas as pd

from opening_up.spark.distributed_models import DISTRIBUTED


def python_models(manifest: dict) -> list[dict]:
    """The manifest's enabled dbt Python models, each after the Python models it reads."""
    nodes = {node_id: node for node_id, node in manifest["nodes"].items()
             if node["resource_type"] == "model" and node.get("language") == "python"
             and node["config"].get("enabled", True)}
    graph = {node_id: [parent for parent in node["depends_on"]["nodes"] if parent in nodes]
             for node_id, node in nodes.items()}
    return [nodes[node_id] for node_id in TopologicalSorter(graph).static_order()]


def relation(node: dict) -> str:
    """The Spark table a node is built as."""
    return f"{node['schema']}.{node.get('alias') or node['name']}"


def model_module(node: dict, project: Path) -> ModuleType:
    """The dbt Python model's file, imported."""
    path = project / node["original_file_path"]
    spec = importlib.util.spec_from_file_location(f"dbt_python_model_{node['name']}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dbt_context(node: dict, manifest: dict, session) -> SimpleNamespace:
    """What a model's `dbt` argument offers the project's Python models: config(...) (ignored: the
    materialisation is this step's), config.get(key), and ref(name).df() as pandas."""
    by_name = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] in ("model", "seed")}

    def config(**_: object) -> None:
        return None

    config.get = lambda key, default=None: node["config"].get(key, default)

    def ref(name: str) -> SimpleNamespace:
        if name not in {reference["name"] for reference in node["refs"]}:
            raise ValueError(f"{node['name']} reads {name!r}, which its dbt.ref calls did not declare")
        return SimpleNamespace(df=lambda: session.table(relation(by_name[name])).toPandas())

    return SimpleNamespace(config=config, ref=ref)


def write_table(session, frame: pd.DataFrame, node: dict, folder: Path) -> int:
    """`frame` as folder/<name>/part-0.parquet (DuckDB's COPY) registered as the node's Spark table."""
    location = folder / node["name"]
    location.mkdir(parents=True, exist_ok=True)
    for stale in location.glob("*.parquet"):
        stale.unlink()
    with duckdb.connect() as connection:
        connection.register("model_frame", frame)
        target = location / "part-0.parquet"
        connection.execute(f"copy (select * from model_frame) to '{target}' (format parquet)")
    session.sql(f"create schema if not exists {node['schema']}")
    session.sql(f"drop table if exists {relation(node)}")
    session.sql(f"create table {relation(node)} using parquet location '{location}'")
    return len(frame)


def run_python_models(session, manifest: dict, project: Path, folder: Path,
                      report: Callable[[str], None] = print) -> dict[str, int]:
    """Every dbt Python model of `manifest` on the Spark tables, written under `folder`: rows per model."""
    written = {}
    for node in python_models(manifest):
        started = time.perf_counter()
        context = dbt_context(node, manifest, session)
        run = DISTRIBUTED.get(node["name"]) or model_module(node, project).model
        written[node["name"]] = write_table(session, run(context, session), node, folder)
        where = "executors" if node["name"] in DISTRIBUTED else "driver"
        report(f"spark-methods: {relation(node)} {written[node['name']]:,} rows in "
               f"{time.perf_counter() - started:.1f} s (method on the {where})")
    return written


def load_manifest(target: Path) -> dict:
    """dbt's manifest of the last invocation (target/manifest.json): the `spark` target's schemas."""
    return json.loads((target / "manifest.json").read_text(encoding="utf-8"))
