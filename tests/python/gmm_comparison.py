"""Two GMM results equal to 1e-9 relative (the map/reduce forms against the local estimator)."""

from __future__ import annotations

import numpy as np
import pandas as pd

RTOL = 1e-9


def assert_same(moments_result, local_result) -> None:
    for field in ("params", "std_errors", "tvalues", "pvalues", "params_step1"):
        np.testing.assert_allclose(getattr(moments_result, field), getattr(local_result, field),
                                   rtol=RTOL, err_msg=field)
    np.testing.assert_allclose(moments_result.cov, local_result.cov, rtol=RTOL, atol=1e-15)
    np.testing.assert_allclose(moments_result.j_test, local_result.j_test, rtol=RTOL)
    assert moments_result.ar_tests.keys() == local_result.ar_tests.keys()
    for order, test in local_result.ar_tests.items():
        np.testing.assert_allclose(moments_result.ar_tests[order], test, rtol=RTOL, err_msg=f"AR({order})")
    assert (moments_result.n_obs, moments_result.n_groups, moments_result.n_instruments) == (
        local_result.n_obs, local_result.n_groups, local_result.n_instruments)
    assert moments_result.warnings == local_result.warnings
    assert moments_result.test_note == local_result.test_note
    if local_result.instrument_tests is None:
        assert moments_result.instrument_tests is None
        return
    local_tests, tests = local_result.instrument_tests, moments_result.instrument_tests
    pd.testing.assert_frame_equal(tests.drop(columns="note"), local_tests.drop(columns="note"), rtol=RTOL)
    assert tests.note.tolist() == local_tests.note.tolist()
