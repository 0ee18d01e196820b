"""A method per pool on Spark's executors: one task per pool key (`groupBy("pool").applyInPandas`), each
computing that pool's table with the package's function on the inputs shipped with it (the function's
closure: the small panels a pool reads), and the driver concatenating the tables in key order, as the
local function's loop over pools does. Used for the grey relational grades per port cluster and per
port-city pair (`opening_up.spark.methods`)."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence

import pandas as pd

RESULT_SCHEMA = "pool long, result binary"


def map_pools(session, keys: Sequence, compute: Callable[[object], pd.DataFrame]) -> pd.DataFrame:
    """compute(key) for every key, each on an executor, concatenated in the order of `keys`."""
    positions = pd.DataFrame({"pool": range(len(keys))})

    def run(rows: pd.DataFrame) -> pd.DataFrame:
        position = int(rows.pool.iloc[0])
        return pd.DataFrame({"pool": [position], "result": [pickle.dumps(compute(keys[position]))]})

    collected = (session.createDataFrame(positions).repartition(len(keys), "pool")
                 .groupBy("pool").applyInPandas(run, schema=RESULT_SCHEMA).collect())
    tables = {row.pool: pickle.loads(row.result) for row in collected}
    return pd.concat([tables[position] for position in range(len(keys))], ignore_index=True)
