"""Where we differ from R plm 2.6-2 on purpose, each shown on both sides (plm's numbers stored in
tests/fixtures/plm_last_mile.out; docs/methods.md, "Where we differ from plm"), and where an audit
expected a difference and EmplUK shows none."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from conftest import stored_numbers
from opening_up.methods.gmm import difference_gmm, system_gmm

PLM = stored_numbers("plm_last_mile.out")
SLOPES = ["L1.n", "L2.n", "w", "L1.w", "k", "ys", "L1.ys"]



def small(data: pd.DataFrame, estimator=difference_gmm, first: int = 2, last: int | None = None):
    return estimator(data, entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"],
                     gmm={"n": (first, last)}, steps=2)


def test_one_step_conventional_errors_include_the_error_variance(empluk: pd.DataFrame) -> None:
    """Ours = plm's x sqrt(N sigma2), sigma2 from the one-step residuals; plm's fall tenfold when y and X are
    ten times larger, ours do not (coefficients are unchanged by the scale, so must their errors be)."""
    def spec_b(data: pd.DataFrame):
        return difference_gmm(data, entity="firm", time="year", y="n", y_lags=(1, 2),
                              exog=["w", "L1.w", "k", "ys", "L1.ys"], gmm={"n": (2, None)}, time_effects=True,
                              steps=1, robust=False)
    ours = spec_b(empluk)
    plm = np.array(PLM["convention_onestep_conventional_se"]["se"])
    sigma2 = float((ours.residuals["difference"] ** 2).sum()) / (2 * ours.n_obs)
    np.testing.assert_allclose(ours.std_errors[SLOPES], plm * np.sqrt(ours.n_groups * sigma2), rtol=1e-8)
    # plm prints ten decimals.
    np.testing.assert_allclose(PLM["convention_onestep_conventional_se"]["se10"], plm / 10, atol=1e-10)
    scaled = spec_b(empluk.assign(n=10 * empluk.n, w=10 * empluk.w, k=10 * empluk.k, ys=10 * empluk.ys))
    np.testing.assert_allclose(scaled.std_errors[SLOPES], ours.std_errors[SLOPES], rtol=1e-8)


def test_system_level_instruments_follow_the_first_lag(empluk: pd.DataFrame) -> None:
    """With GMM lags 3:99 the level equations are instrumented by Δn lagged 2 (xtabond2's rule: the
    difference of the first valid lag, a - 1); plm uses Δn lagged 1, which is not a valid instrument
    when n lagged 2 is not. The estimates differ; with lags 2:99 both use Δn lagged 1 and agree
    (test_gmm_system.py)."""
    ours = small(empluk, system_gmm, first=3)
    plm = PLM["convention_system_lags_3_99"]
    assert ours.n_instruments == plm["n_instruments"][0] - 1
    assert np.abs(ours.params.to_numpy() - plm["coef"]).max() > 0.1


def test_system_n_obs_counts_the_level_equations(empluk: pd.DataFrame) -> None:
    """xtabond2's convention: n_obs of system GMM is the number of level equations; plm's nobs adds the
    differenced ones."""
    ours = small(empluk, system_gmm)
    differenced = int(ours.residuals["difference"].notna().sum())
    assert ours.n_obs + differenced == PLM["convention_system_nobs"]["nobs"][0] == 1642


@pytest.mark.parametrize(("first", "last"), [(3, None), (3, 4), (4, 5), (3, 3)])
def test_lag_ranges_starting_above_two_agree_with_plm_on_empluk(empluk: pd.DataFrame, first: int,
                                                                 last: int | None) -> None:
    """plm's `x[max(1, t - b):(t - a)]` would return x[1] at t = a, an instrument from outside the range;
    on EmplUK that period has no differenced equation (t = a needs a lag of a), so both sides agree."""
    ours = small(empluk, first=first, last=last)
    if last is None:
        unbounded = PLM["convention_difference_lags_3_99"]
        expected, count = unbounded["coef"], unbounded["n_instruments"][0]
    else:
        *expected, count = PLM["convention_bounded_lag_ranges"][f"lags_{first}_{last}"]
    np.testing.assert_allclose(ours.params.to_numpy(), expected, atol=1e-9)
    assert ours.n_instruments == count
