"""The panel a GMM model is given: keys checked with errors that name the column and the rows, lags
taken in calendar time (a period no one observes is missing, not bridged), `delta` for panels
observed every k periods, and missing values raised or dropped (plm's na.omit)."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from opening_up.methods.gmm import difference_gmm, system_gmm




def estimate(data: pd.DataFrame, **options):
    return difference_gmm(data, entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"],
                          gmm={"n": (2, None)}, **options)


def test_a_period_no_one_observes_is_missing_not_bridged(empluk: pd.DataFrame) -> None:
    """Without 1980, the lag of 1981 is missing (not 1979's value): no equation at 1981 or 1982 (whose
    difference of the lag reaches 1980), and the warning names the year."""
    gap = empluk[empluk.year != 1980]
    result = estimate(gap)
    years = set(result.residuals.index.get_level_values("year"))
    assert not {1980, 1981, 1982} & years
    assert {1983, 1984} <= years
    assert any("no entity observes year 1980" in warning for warning in result.warnings)
    # One entity observing 1980 adds its equations, and changes the others' only through the shared weights.
    one = pd.concat([gap, empluk[(empluk.year == 1980) & (empluk.firm == empluk.firm.min())]])
    assert set(estimate(one).residuals.loc[empluk.firm.min()].index) >= {1981, 1982}


def test_delta_reads_a_panel_observed_every_k_periods(empluk: pd.DataFrame) -> None:
    """Years 1976, 1978, … relabelled 1976, 1977, … give the same estimates as with delta = 2; with the
    default delta = 1 the odd years are missing and no lag of 1 exists."""
    odd = empluk[empluk.firm <= 60]
    spread = odd.assign(year=1976 + 2 * (odd.year - 1976))
    consecutive, every_other = estimate(odd), estimate(spread, delta=2)
    np.testing.assert_allclose(every_other.params, consecutive.params, rtol=1e-12)
    assert every_other.n_obs == consecutive.n_obs
    with pytest.raises(ValueError, match="no usable observations"):
        estimate(spread)
    with pytest.raises(ValueError, match="fall between the steps of delta = 3"):
        estimate(spread, delta=3)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.assign(year=d.year.where(d.index != 7)),
            r"missing values in the time key 'year': rows 7",
        ),
        (
            lambda d: d.assign(firm=d.firm.astype(object).where(d.index != 3, None)),
            r"missing values in the entity key 'firm': rows 3",
        ),
        (
            lambda d: d.assign(year=d.year + 0.5 * (d.index == 9)),
            r"time key 'year' must hold whole numbers .*: rows 9",
        ),
        (
            lambda d: d.assign(firm=d.firm.astype(object).where(d.index != 4, "four")),
            r"entity key 'firm' mixes types \(int, str\)",
        ),
        (
            lambda d: d.assign(n=d.n.where(d.index != 11, np.inf)),
            r"infinite values in used column 'n': rows 11",
        ),
        (lambda d: d.assign(w=d.w.where(d.index != 12)), r"missing values in used columns \(w: rows 12\)"),
    ],
)
def test_bad_keys_and_values_are_named(empluk: pd.DataFrame, change, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        estimate(change(empluk))
    with pytest.raises(ValueError, match=message):
        system_gmm(change(empluk), entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"],
                   gmm={"n": (2, None)})


def test_missing_drop_is_plm_na_omit(empluk: pd.DataFrame) -> None:
    """missing="drop" removes the rows with a missing used value, says how many, and estimates on the
    rest: the same as removing them first."""
    holes = empluk.assign(n=empluk.n.where(~empluk.index.isin([5, 40, 41, 300])))
    dropped = estimate(holes, missing="drop")
    removed = estimate(empluk.drop(index=[5, 40, 41, 300]))
    np.testing.assert_allclose(dropped.params, removed.params, rtol=1e-12)
    assert dropped.warnings[0].startswith("4 rows with missing values in used columns were dropped")
    with pytest.raises(ValueError, match="missing must be 'raise' or 'drop'"):
        estimate(empluk, missing="ignore")
