"""`make test-spark`'s comparison of a mart on two engines (`opening_up.spark.compare`): row order does
not matter, floats agree to 1e-9 relative, and every other difference is named."""

from __future__ import annotations

import numpy as np
import pandas as pd

from opening_up.spark.compare import difference

MART = pd.DataFrame({"region_code": ["650000", "450000", "530000"], "year": [2020, 2020, 2021],
                     "index_value": [0.125, np.nan, 3.0e-7], "label": ["a", None, "c"]})


def test_equal_tables_in_another_order_are_equal() -> None:
    assert difference(MART, MART.iloc[::-1].reset_index(drop=True)) is None


def test_floats_agree_to_one_in_a_billion() -> None:
    close = MART.assign(index_value=MART.index_value * (1 + 5e-10))
    assert difference(MART, close) is None
    apart = MART.assign(index_value=MART.index_value * (1 + 5e-9))
    assert "column index_value: 2 rows differ" in difference(MART, apart)


def test_text_nulls_columns_and_rows_are_compared_exactly() -> None:
    assert "column label" in difference(MART, MART.assign(label=["a", "", "c"]))
    assert "column label" in difference(MART, MART.assign(label=["a", "b", "c"]))
    assert "columns" in difference(MART, MART[["year", "region_code", "index_value", "label"]])
    assert "3 rows on DuckDB, 2 on Spark" == difference(MART, MART.head(2))
    assert "column year" in difference(MART, MART.assign(year=[2020, 2020, 2022]))


def test_a_nan_is_equal_only_to_a_nan() -> None:
    assert "column index_value" in difference(MART, MART.assign(index_value=[0.125, 0.0, 3.0e-7]))
