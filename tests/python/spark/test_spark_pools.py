"""A method per pool on Spark's executors (`opening_up.spark.pools.map_pools`) gives the local loop's
table: each pool's rows, in the order of the keys."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("pyspark", reason="the Spark extra is not installed: `make test-spark` installs it")
from opening_up.spark.pools import map_pools  # noqa: E402
from opening_up.spark.session import spark_session  # noqa: E402

pytestmark = pytest.mark.spark


def test_each_pool_on_an_executor_gives_the_local_loops_table(tmp_path_factory) -> None:
    panel = pd.DataFrame({"cluster": ["b", "a", "b", "c", "a"], "value": [1.0, 2.0, 3.0, 4.0, 5.0]})

    # Nested, as the methods' pool functions are: cloudpickle ships it by value (a test module's
    # function would be imported by name on the executor, which cannot import tests).
    def cluster_table(key: tuple[str, int]) -> pd.DataFrame:
        rows = panel[panel.cluster == key[0]]
        return pd.DataFrame({"cluster": key[0], "scaled": rows.value * key[1], "n": len(rows)})

    keys = [("c", 3), ("a", 1), ("b", 2)]
    session = spark_session("local[2]", tmp_path_factory.mktemp("spark-pools"))
    try:
        pooled = map_pools(session, keys, cluster_table)
    finally:
        session.stop()
    local = pd.concat([cluster_table(key) for key in keys], ignore_index=True)
    pd.testing.assert_frame_equal(pooled, local)
