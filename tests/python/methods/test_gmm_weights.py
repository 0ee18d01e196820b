"""One rule for the second-step weight matrix (opening_up.methods.gmm._inverse): inverted when of full
numerical rank, however ill-conditioned (with its condition number in the warnings), a Moore-Penrose
inverse when rank-deficient; the same inverse for the estimate, its errors and J, and notes that agree
with the numbers."""

from __future__ import annotations


import numpy as np
import pandas as pd

from opening_up.methods.gmm import difference_gmm




def estimate(data: pd.DataFrame, iv: list[str]):
    return difference_gmm(data, entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"], iv=iv,
                          gmm={"n": (2, None)}, steps=2)


def test_a_well_conditioned_matrix_reports_j_without_a_warning(empluk: pd.DataFrame) -> None:
    result = estimate(empluk, ["w", "k"])
    assert np.isfinite(result.hansen.statistic)
    assert 0 < result.hansen.pvalue < 1
    assert not [w for w in result.warnings if "singular" in w or "ill-conditioned" in w]


def test_an_ill_conditioned_invertible_matrix_reports_j_and_its_condition(empluk: pd.DataFrame) -> None:
    """An instrument scaled by 1e5 spans the same space: GMM is invariant to it, so the estimates and J
    equal the unscaled model's, although the weight matrix's condition number grows by about 1e10."""
    scaled_data = empluk.assign(k_scaled=1e5 * empluk.k)
    plain, scaled = estimate(scaled_data, ["w", "k"]), estimate(scaled_data, ["w", "k_scaled"])
    np.testing.assert_allclose(scaled.params, plain.params, rtol=1e-6)
    np.testing.assert_allclose(scaled.std_errors, plain.std_errors, rtol=1e-5)
    np.testing.assert_allclose(scaled.hansen, plain.hansen, rtol=1e-6)
    assert any("second-step matrix is ill-conditioned (condition number" in w for w in scaled.warnings)
    assert not any("singular" in w for w in scaled.warnings)


def test_a_rank_deficient_matrix_has_no_j_and_the_notes_say_why() -> None:
    """10 groups and 171 instruments: the moment covariance has rank at most 10, J does not exist, and
    no note speaks of a p-value."""
    rng = np.random.default_rng(7)
    periods, groups = 20, 10
    rows = []
    for group in range(groups):
        y = rng.normal()
        for year in range(periods):
            y = 0.5 * y + rng.normal()
            rows.append({"g": group, "t": 2000 + year, "y": y})
    result = difference_gmm(
        pd.DataFrame(rows), entity="g", time="t", y="y", y_lags=(1,), gmm={"y": (2, None)}
    )
    assert result.n_instruments == 171
    assert result.n_groups == groups
    assert np.isnan(result.hansen.statistic)
    assert np.isnan(result.hansen.pvalue)
    assert any("second-step matrix is singular (numerical rank" in w for w in result.warnings)
    assert "p-value" not in (result.test_note or "")
    assert "171 instruments for 10 groups" in result.test_note
    assert not any("p = " in w for w in result.warnings)
