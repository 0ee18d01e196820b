"""plm's remaining options against R plm 2.6-2 on EmplUK (tests/fixtures/plm_last_mile.R, what it printed
in plm_last_mile.out; the tests do not need R): Arellano-Bond tests of any order (`mtest(order = m)`),
collapse per GMM variable (`collapse = c(TRUE, FALSE)`), missing values as `na.omit`, and the one-step
Sargan test, where we divide by the error variance and plm does not."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from conftest import stored_numbers
from opening_up.methods.gmm import difference_gmm



PLM = stored_numbers("plm_last_mile.out")



def spec_a(data: pd.DataFrame, **options):
    """plm's `log(emp) ~ lag(log(emp), 1:2) + lag(log(wage), 0:1) + log(capital) + lag(log(output), 0:1)
    | lag(log(emp), 2:99)`, effect twoways."""
    return difference_gmm(
        data,
        entity="firm",
        time="year",
        y="n",
        y_lags=(1, 2),
        exog=["w", "L1.w", "k", "ys", "L1.ys"],
        gmm={"n": (2, None)},
        time_effects=True,
        **options,
    )


def test_arellano_bond_tests_of_any_order(empluk: pd.DataFrame) -> None:
    result = spec_a(empluk, steps=2)
    for order in (1, 2, 3, 4):
        np.testing.assert_allclose(result.ar(order), PLM["ar_orders_spec_a"][f"ar{order}"], atol=1e-9)
    with pytest.raises(ValueError, match=r"AR\(9\) cannot be computed"):
        result.ar(9)
    with pytest.raises(ValueError, match="at least 1"):
        result.ar(0)


def test_collapse_per_gmm_variable(empluk: pd.DataFrame) -> None:
    """`lag(log(emp), 2:99) + lag(log(wage), 2:99)` with `collapse = c(TRUE, FALSE)`: 7 + 29 instruments."""
    result = difference_gmm(empluk, entity="firm", time="year", y="n", y_lags=(1,), exog=["k"], endog=["w"],
                            gmm={"n": (2, None), "w": (2, None)}, collapse={"n": True, "w": False}, steps=2)
    expected = PLM["collapse_per_variable"]
    order = ["L1.n", "w", "k"]
    np.testing.assert_allclose(result.params[order], expected["coef"], atol=1e-9)
    np.testing.assert_allclose(result.std_errors[order], expected["se"], atol=1e-9)
    np.testing.assert_allclose(result.hansen, expected["sargan"], atol=1e-8)
    assert result.n_instruments == expected["n_instruments"][0] == 36
    with pytest.raises(ValueError, match="collapse names 'y'"):
        difference_gmm(
            empluk, entity="firm", time="year", y="n", y_lags=(1,), exog=["k"], collapse={"y": True}
        )


def test_missing_drop_equals_plm_on_a_panel_with_missing_y(empluk: pd.DataFrame) -> None:
    """emp missing at R's rows 5, 40, 41 and 300 (pandas 4, 39, 40, 299); plm drops them (na.omit) and
    lags in time, as missing='drop' and our calendar-time lags do."""
    holes = empluk.assign(n=empluk.n.where(~empluk.index.isin([4, 39, 40, 299])))
    result = difference_gmm(holes, entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"],
                            gmm={"n": (2, None)}, steps=2, missing="drop")
    expected = PLM["na_in_y"]
    np.testing.assert_allclose(result.params, expected["coef"], atol=1e-9)
    np.testing.assert_allclose(result.std_errors, expected["se"], atol=1e-9)
    np.testing.assert_allclose(result.hansen, expected["sargan"], atol=1e-8)
    assert result.n_instruments == expected["n_instruments"][0]


def test_one_step_sargan_is_plm_over_the_error_variance(empluk: pd.DataFrame) -> None:
    """Ours is plm's `sargan(weights = "onestep")` divided by N sigma2 (plm omits the variance): equal on
    the one-step model, and unchanged when the data are ten times larger, where plm's is 100 times."""
    result = spec_a(empluk, steps=1)
    residuals = result.residuals["difference"]
    sigma2 = float((residuals ** 2).sum()) / (2 * result.n_obs)
    plm_statistic, plm_df, _ = PLM["sargan_spec_b"]["onestep"]
    assert result.sargan_onestep.statistic * result.n_groups * sigma2 == pytest.approx(
        plm_statistic, rel=1e-9
    )
    assert result.sargan_onestep.df == plm_df
    scaled = spec_a(
        empluk.assign(n=10 * empluk.n, w=10 * empluk.w, k=10 * empluk.k, ys=10 * empluk.ys), steps=1
    )
    assert scaled.sargan_onestep.statistic == pytest.approx(result.sargan_onestep.statistic, rel=1e-9)
    assert PLM["onestep_scaled_by_10"]["onestep"][0] == pytest.approx(100 * plm_statistic, rel=1e-9)
    # The two-step weights' Sargan of a one-step model is plm's default, as before.
    np.testing.assert_allclose(result.sargan, PLM["sargan_spec_b"]["twosteps"], atol=1e-8)
