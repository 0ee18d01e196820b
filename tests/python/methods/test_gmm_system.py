"""System GMM (Blundell and Bond 1998) against R plm 2.6-2 `pgmm(..., transformation = "ld")` on EmplUK:
tests/fixtures/plm_system_gmm.R is the exact call, tests/fixtures/plm_system_gmm.out what it printed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from opening_up.methods.gmm import system_gmm

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SLOPES = ["L1.n", "w", "k"]
# (coefficients, standard errors, (Hansen, df, p), AR(1) (z, p), AR(2) (z, p), instruments)
PLM = {
    "two_steps_windmeijer": (
        [0.7379632375, 0.1031719601, 0.2159764207],
        [0.0646288567, 0.0286391704, 0.0482579851],
        (69.8754641054, 36, 0.0006057444),
        (-2.0030574991, 0.0451711171),
        (-0.3488254156, 0.7272203816),
        39,
    ),
    "two_steps_conventional": (
        [0.7379632375, 0.1031719601, 0.2159764207],
        [0.0249634971, 0.0121252888, 0.0196012892],
        (69.8754641054, 36, 0.0006057444),
        (-2.0348666612, 0.0418642914),
        (-0.3496812554, 0.7265779227),
        39,
    ),
    "one_step_robust": (
        [0.7456410279, 0.1019232428, 0.2083129164],
        [0.0627844635, 0.0288880090, 0.0478466325],
        (70.9044934861, 36, 0.0004589439),
        (-1.9581956561, 0.0502070587),
        (-0.3671030450, 0.7135421560),
        39,
    ),
    "twoways": (
        [0.7471657408, -0.1678270630, 0.2067005530],
        [0.0612318745, 0.0676034356, 0.0463663605],
        (52.0343649737, 36, 0.0408256242),
        (-2.5101622890, 0.0120675687),
        (-0.5077152672, 0.6116530400),
        47,
    ),
    "collapsed": (
        [0.6753377584, 0.1335433406, 0.2802560065],
        [0.0753140502, 0.0323182064, 0.0605056993],
        (43.8365597747, 9, 0.0000015128),
        (-2.0457662522, 0.0407793739),
        (-0.1674644486, 0.8670046184),
        12,
    ),
}
OPTIONS = {
    "two_steps_windmeijer": {}, "two_steps_conventional": {"robust": False}, "one_step_robust": {"steps": 1},
    "twoways": {"time_effects": True}, "collapsed": {"collapse": True},
}



def estimate(data: pd.DataFrame, **options):
    return system_gmm(data, entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"],
                      gmm={"n": (2, None)}, **options)


@pytest.mark.parametrize("case", list(PLM))
def test_matches_plm(empluk: pd.DataFrame, case: str) -> None:
    params, errors, hansen, ar1, ar2, n_instruments = PLM[case]
    result = estimate(empluk, **OPTIONS[case])
    np.testing.assert_allclose(result.params[SLOPES], params, atol=1e-5)
    np.testing.assert_allclose(result.std_errors[SLOPES], errors, atol=1e-5)
    np.testing.assert_allclose(result.hansen or result.sargan, hansen, atol=1e-5)
    np.testing.assert_allclose(result.ar(1), ar1, atol=1e-5)
    np.testing.assert_allclose(result.ar(2), ar2, atol=1e-5)
    assert result.n_instruments == n_instruments
    assert result.n_groups == 140
    assert result.estimator == "system"
    assert "System GMM" in result.summary()


def test_fixture_output_is_the_plm_run(empluk: pd.DataFrame) -> None:
    """The stored numbers are the ones in plm_system_gmm.out."""
    printed = (FIXTURES / "plm_system_gmm.out").read_text(encoding="utf-8")
    for case, label in [("two_steps_windmeijer", "sys_two_robust"), ("one_step_robust", "sys_one_robust")]:
        block = printed.split(f"## {label}", 1)[1]
        assert "coef " + " ".join(f"{v:.10f}" for v in PLM[case][0]) in block


def test_row_order_keys_and_residuals(empluk: pd.DataFrame) -> None:
    reference = estimate(empluk)
    shuffled = empluk.sample(frac=1, random_state=5).assign(firm=lambda d: "firm-" + d.firm.astype(str))
    result = estimate(shuffled)
    np.testing.assert_allclose(result.params, reference.params, atol=1e-12)
    np.testing.assert_allclose(result.std_errors, reference.std_errors, atol=1e-12)
    # Residuals and fitted values are keyed by (entity, time), one column per equation.
    assert list(reference.residuals.columns) == ["difference", "level"]
    assert reference.residuals.index.names == ["firm", "year"]
    assert int(reference.residuals.level.notna().sum()) == reference.n_obs
    row = empluk.set_index(["firm", "year"]).loc[(1, 1978)]
    previous = empluk.set_index(["firm", "year"]).loc[(1, 1977)]
    fitted = (
        reference.params["L1.n"] * previous.n + reference.params["w"] * row.w + reference.params["k"] * row.k
    )
    assert reference.fitted_values.loc[(1, 1978), "level"] == pytest.approx(fitted, abs=1e-12)
    assert reference.residuals.loc[(1, 1978), "level"] == pytest.approx(row.n - fitted, abs=1e-12)


def test_duplicate_keys_are_named(empluk: pd.DataFrame) -> None:
    doubled = pd.concat([empluk, empluk[(empluk.firm == 3) & (empluk.year == 1980)]])
    with pytest.raises(ValueError, match=r"duplicate \(firm, year\) keys: \(3, 1980\)"):
        estimate(doubled)


def _balanced(empluk: pd.DataFrame) -> pd.DataFrame:
    """The firms observed in every year 1977-1983 (39 firms, 7 years)."""
    spans = empluk.groupby("firm").year.agg(["min", "count"])
    return empluk[empluk.firm.isin(spans[(spans["count"] == 7) & (spans["min"] == 1977)].index)]


FOD_SPEC = {"entity": "firm", "time": "year", "y": "n", "y_lags": (1,), "endog": ["w"], "iv": [],
            "gmm": {"n": (2, None), "w": (2, None)}, "steps": 1}


def test_orthogonal_deviations_equal_differences_on_a_balanced_panel(empluk: pd.DataFrame) -> None:
    """Arellano and Bover (1995): with every available lag as instrument, one-step GMM in forward
    orthogonal deviations (H = I) gives the coefficients of first differences (H = tridiag(-1, 2, -1))."""
    from opening_up.methods.gmm import difference_gmm

    balanced = _balanced(empluk)
    differences = difference_gmm(balanced, **FOD_SPEC)
    deviations = difference_gmm(balanced, **FOD_SPEC, transform="fod")
    assert balanced.firm.nunique() == 39
    np.testing.assert_allclose(deviations.params, differences.params, atol=1e-8)
    assert (deviations.n_obs, deviations.n_instruments) == (differences.n_obs, differences.n_instruments)
    # The Arellano-Bond tests run on the differenced residuals in both.
    np.testing.assert_allclose(deviations.ar(1), differences.ar(1), atol=1e-8)
    assert list(deviations.residuals.columns) == ["orthogonal deviation"]


def test_orthogonal_deviations_keep_more_observations_with_gaps(empluk: pd.DataFrame) -> None:
    from opening_up.methods.gmm import difference_gmm

    gaps = empluk.drop(empluk[(empluk.firm % 5 == 0) & (empluk.year == 1980)].index)
    differences = difference_gmm(gaps, **FOD_SPEC)
    deviations = difference_gmm(gaps, **FOD_SPEC, transform="fod")
    assert deviations.n_obs > differences.n_obs
    system = estimate(gaps, transform="fod")
    assert system.n_instruments == 39
    assert np.isfinite(system.ar(1)[0])
    assert not system.warnings


def test_difference_in_hansen_is_the_difference_of_two_refitted_hansen_statistics(
    empluk: pd.DataFrame,
) -> None:
    """Without its level-equation instruments system GMM is difference GMM with the same differenced
    instruments: C(levels) = J(system) - J(difference), with 36 - 27 = 9 degrees of freedom; and without
    the IV block difference GMM is difference GMM with iv=[]."""
    from opening_up.methods.gmm import difference_gmm

    spec = {
        "entity": "firm",
        "time": "year",
        "y": "n",
        "y_lags": (1,),
        "exog": ["w", "k"],
        "gmm": {"n": (2, None)},
    }
    system = estimate(empluk, instrument_tests=True)
    differences = difference_gmm(empluk, **spec)
    levels = system.instrument_tests.set_index("group").loc["levels"]
    assert levels.hansen_excluding == pytest.approx(differences.hansen[0], abs=1e-8)
    assert levels.difference == pytest.approx(system.hansen[0] - differences.hansen[0], abs=1e-8)
    assert (levels.df_excluding, levels.df_difference, levels.n_columns) == (27, 9, 9)
    assert levels.p_difference == pytest.approx(0.3222, abs=1e-4)

    with_iv = difference_gmm(empluk, **spec, instrument_tests=True)
    without_iv = difference_gmm(empluk, **spec, iv=[])
    iv = with_iv.instrument_tests.set_index("group").loc["iv"]
    assert iv.difference == pytest.approx(with_iv.hansen[0] - without_iv.hansen[0], abs=1e-8)
    assert (iv.df_difference, iv.n_columns) == (2, 2)
    # Without its only GMM variable the model is under-identified: no test, said so.
    gmm_n = with_iv.instrument_tests.set_index("group").loc["gmm n"]
    assert np.isnan(gmm_n.difference)
    assert "cannot be estimated" in gmm_n.note
    # A negative difference is never reported as a statistic.
    tests = system.instrument_tests
    assert (tests.difference.dropna() >= 0).all()
    assert tests.loc[tests.difference.isna(), "note"].notna().all()
    assert "Difference-in-Hansen" in system.summary()


def test_small_samples_say_why_the_hansen_test_is_empty() -> None:
    """Instruments at least the groups: one sentence says the test carries no information, summary()
    shows the instrument count beside the group count, and an impossible J is NaN, never p = 1."""
    from opening_up.methods import gmm, gmm_diagnostics

    rng = np.random.default_rng(3)
    rows = [{"unit": unit, "year": year, "y": rng.normal(), "x": rng.normal()}
            for unit in range(6) for year in range(2000, 2012)]
    result = gmm.difference_gmm(
        pd.DataFrame(rows), entity="unit", time="year", y="y", y_lags=(1,), exog=["x"]
    )
    assert result.n_instruments >= result.n_groups == 6
    assert "carries no information" in result.test_note
    assert result.test_note.count(".") == 1
    assert f"instruments {result.n_instruments} for 6 groups" in result.summary()
    j, _, p = result.hansen
    assert (np.isnan(j) and np.isnan(p)) or j >= 0
    warnings: list[str] = []
    assert np.isnan(gmm_diagnostics.j_test(-4.7e9, 30, 40, 9, warnings)[0][0])
    assert "impossible for a quadratic form" in warnings[0]


@pytest.mark.parametrize(
    ("estimator", "transform"), [("difference", "fod"), ("system", "fd"), ("system", "fod")]
)
def test_every_transform_ignores_row_order_and_key_types(
    empluk: pd.DataFrame, estimator: str, transform: str
) -> None:
    from opening_up.methods import gmm

    estimate_with = gmm.difference_gmm if estimator == "difference" else gmm.system_gmm
    spec = {
        "entity": "firm",
        "time": "year",
        "y": "n",
        "y_lags": (1,),
        "exog": ["w", "k"],
        "gmm": {"n": (2, None)},
        "transform": transform,
    }
    reference = estimate_with(empluk, **spec)
    shuffled = empluk.sample(frac=1, random_state=17).assign(firm=lambda d: "firm-" + d.firm.astype(str))
    result = estimate_with(shuffled, **spec)
    np.testing.assert_allclose(result.params, reference.params, atol=1e-12)
    np.testing.assert_allclose(result.std_errors, reference.std_errors, atol=1e-12)
    np.testing.assert_allclose(result.hansen, reference.hansen, atol=1e-9)


def test_system_gmm_refuses_a_gmm_lag_of_zero(empluk: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="first lag of at least 1 for n"):
        system_gmm(
            empluk, entity="firm", time="year", y="n", y_lags=(1,), exog=["w", "k"], gmm={"n": (0, None)}
        )
