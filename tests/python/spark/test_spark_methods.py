"""The step that runs the dbt Python models on the spark target (`opening_up.spark.methods`): their
order, what a model's `dbt` argument offers, and a model run end to end on a Spark table."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("pyspark", reason="the Spark extra is not installed: `make test-spark` installs it")
from opening_up.settings import PROJECT_ROOT  # noqa: E402
from opening_up.spark.methods import dbt_context, python_models, run_python_models  # noqa: E402
from opening_up.spark.session import spark_session  # noqa: E402

pytestmark = pytest.mark.spark


def node(name: str, parents: list[str], language: str = "python", schema: str = "intermediate",
         path: str = "", meta: dict | None = None) -> dict:
    return {"unique_id": f"model.opening_up.{name}", "name": name, "resource_type": "model",
            "language": language, "schema": schema, "alias": name, "original_file_path": path,
            "config": {"enabled": True, "meta": meta or {}},
            "refs": [{"name": parent} for parent in parents],
            "depends_on": {"nodes": [f"model.opening_up.{parent}" for parent in parents]}}


MANIFEST = {"nodes": {n["unique_id"]: n for n in [
    node("int_port_fuzzy_levels", ["int_port_fuzzy_similarity", "int_ports"]),
    node("int_ports", [], language="sql"),
    node("int_port_fuzzy_similarity", ["int_ports"], meta={"rho": "0.5"}),
]}}


def test_each_python_model_comes_after_the_python_models_it_reads() -> None:
    order = [n["name"] for n in python_models(MANIFEST)]
    assert order == ["int_port_fuzzy_similarity", "int_port_fuzzy_levels"]


def test_a_model_reads_only_what_it_declared_and_its_own_meta() -> None:
    similarity = MANIFEST["nodes"]["model.opening_up.int_port_fuzzy_similarity"]
    dbt = dbt_context(similarity, MANIFEST, session=None)
    assert dbt.config(materialized="table") is None
    assert dbt.config.get("meta") == {"rho": "0.5"}
    with pytest.raises(ValueError, match="did not declare"):
        dbt.ref("int_port_fuzzy_levels")


def test_a_model_runs_on_a_spark_table_and_is_written_as_one(tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("spark-methods")
    session = spark_session("local[1]", folder / "warehouse")
    try:
        session.sql("create schema if not exists intermediate")
        session.createDataFrame(pd.DataFrame({"port_code": ["a", "b"], "value": [1.0, 2.5]})) \
            .write.saveAsTable("intermediate.int_ports")
        model = folder / "int_doubled.py"
        model.write_text('def model(dbt, session):\n'
                         '    dbt.config(materialized="table")\n'
                         '    frame = dbt.ref("int_ports").df()\n'
                         '    return frame.assign(value=frame.value * 2)\n')
        manifest = {"nodes": {n["unique_id"]: n for n in [
            node("int_ports", [], language="sql"), node("int_doubled", ["int_ports"], path=str(model))]}}
        written = run_python_models(session, manifest, PROJECT_ROOT, folder / "python_models",
                                    report=lambda _: None)
        assert written == {"int_doubled": 2}
        result = session.table("intermediate.int_doubled").toPandas().sort_values("port_code")
        assert result.value.tolist() == [2.0, 5.0]
    finally:
        session.stop()
