"""Dynamic-panel GMM with its map step on Spark's executors: each entity's rows are grouped on the
cluster (`groupBy(entity).applyInPandas`), each group computes its moment matrices
(`opening_up.methods.gmm_moments.part_moments`) on the whole panel's periods, and the driver collects
them and runs the reduce step (`opening_up.methods.gmm.estimate_moments`): the same algebra as
`difference_gmm` and `system_gmm`, in the same order, so the estimates are equal
(tests/python/spark/test_spark_gmm.py; `make test-spark` compares the GMM marts with DuckDB's).

The moments of one entity are O(L^2) numbers for L instruments; the rows never leave the executors.
"""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
from pyspark.sql import DataFrame, functions

from opening_up.methods.gmm import estimate_moments
from opening_up.methods.gmm_moments import combine, part_moments
from opening_up.methods.gmm_result import GMMResult
from opening_up.methods.gmm_spec import GMMSpec, grid_periods

MOMENTS_SCHEMA = "entity string, moments binary"


def spark_gmm(frame: DataFrame, estimator: str, **options) -> GMMResult:
    """`difference_gmm` or `system_gmm` (`estimator`) of `GMMSpec(**options)` on the Spark DataFrame
    `frame`: the periods (one aggregation), the map step per entity on the executors, the reduce step on
    the driver. The result has no residuals or fitted values (they stay on the executors)."""
    spec = GMMSpec(**options)
    observed = [row[0] for row in frame.select(spec.time).distinct().collect()]
    times, warnings = grid_periods(np.array(observed), spec.time, spec.delta)

    def map_entity(rows: pd.DataFrame) -> pd.DataFrame:
        moments = part_moments(rows, spec, estimator, times)
        return pd.DataFrame({"entity": [str(moments.entities[0])], "moments": [pickle.dumps(moments)]})

    collected = (frame.groupBy(functions.col(spec.entity))
                 .applyInPandas(map_entity, schema=MOMENTS_SCHEMA)
                 .collect())
    moments = combine([pickle.loads(row.moments) for row in collected])
    return estimate_moments(moments, steps=spec.steps, robust=spec.robust,
                            instrument_tests=spec.instrument_tests, warnings=warnings)


def spark_estimators(session) -> dict:
    """The estimators `opening_up.papers.border_growth.estimate_border_growth` takes, each moving its
    pandas model frame into `session` and estimating it with `spark_gmm`."""

    def on_spark(estimator: str):
        def estimate(frame: pd.DataFrame, **options) -> GMMResult:
            return spark_gmm(session.createDataFrame(frame), estimator, **options)
        return estimate

    return {"difference": on_spark("difference"), "system": on_spark("system")}
