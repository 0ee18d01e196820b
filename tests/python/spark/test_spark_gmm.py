"""The GMM with its map step on Spark (`opening_up.spark.gmm`) equals the local estimator to 1e-9, on
EmplUK and on paper 001's shape. Runs under `make test-spark` (marker `spark`), which installs Spark."""

from __future__ import annotations

import pandas as pd
import pytest

from gmm_comparison import assert_same
from opening_up.methods.gmm import difference_gmm, system_gmm

pytest.importorskip("pyspark", reason="the Spark extra is not installed: `make test-spark` installs it")
from opening_up.spark.gmm import spark_gmm  # noqa: E402
from opening_up.spark.session import spark_session  # noqa: E402

pytestmark = pytest.mark.spark
EMPLUK = {"entity": "firm", "time": "year", "y": "n", "y_lags": (1, 2),
          "exog": ["w", "L1.w", "k", "ys", "L1.ys"], "gmm": {"n": (2, None)}}


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    session = spark_session("local[2]", tmp_path_factory.mktemp("spark-warehouse"))
    yield session
    session.stop()


@pytest.mark.parametrize(("estimator", "options"), [
    ("difference", {"time_effects": True, "instrument_tests": True}),
    ("system", {"steps": 1, "collapse": True, "gmm": {"n": (2, 3)}}),
])
def test_spark_gmm_equals_the_local_estimator(spark, empluk: pd.DataFrame, estimator: str,
                                              options: dict) -> None:
    settings = EMPLUK | options
    local = {"difference": difference_gmm, "system": system_gmm}[estimator](empluk, **settings)
    frame = spark.createDataFrame(empluk[["firm", "year", "n", "w", "k", "ys"]]).repartition(3)
    assert_same(spark_gmm(frame, estimator, **settings), local)


def test_paper_001s_models_on_spark_equal_the_local_estimator_on_the_shipped_panel(spark) -> None:
    """Every GMM model of `int_border_growth_gmm_results` (24) estimated with its map step on Spark, on
    the panel of the published DuckDB build (`make build`, which `make test-spark` follows), equals the
    local estimator's table to 1e-9: what the DuckDB marts hold."""
    import duckdb

    import yaml

    from opening_up.papers.border_growth import estimate_border_growth, periods_from_meta
    from opening_up.settings import PROJECT_ROOT, from_environment
    from opening_up.spark.compare import difference
    from opening_up.spark.gmm import spark_estimators

    database = from_environment().published_database
    if not database.exists():
        pytest.fail(f"no published warehouse at {database}: `make test-spark` runs after `make build`")
    with duckdb.connect(str(database), read_only=True) as connection:
        panel = connection.execute("select * from intermediate.int_border_growth_panel").df()
    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    periods = periods_from_meta(project["vars"])
    on_spark = estimate_border_growth(panel, periods, estimators=spark_estimators(spark))
    assert (on_spark.record_type == "coefficient").sum() == 24 * 6
    assert difference(estimate_border_growth(panel, periods), on_spark) is None
