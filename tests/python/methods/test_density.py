"""opening_up.methods.density against statsmodels' KDEUnivariate (Silverman's bandwidth, evaluated
without FFT), and Stata's Epanechnikov kernel as statsmodels' textbook one with the bandwidth scaled by
sqrt 5 (a convention difference: Stata's `kdensity` reports h for its sqrt 5 support)."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.nonparametric.bandwidths import bw_silverman
from statsmodels.nonparametric.kde import KDEUnivariate

from opening_up.methods import density

VALUES = np.random.default_rng(7).lognormal(mean=-1.0, sigma=0.8, size=31)


def test_the_bandwidth_is_silvermans_rule_as_statsmodels_computes_it() -> None:
    assert density.silverman_bandwidth(VALUES) == pytest.approx(bw_silverman(VALUES), rel=1e-12)


def test_gaussian_density_equals_statsmodels() -> None:
    result = density.kernel_density(VALUES, "gaussian")
    kde = KDEUnivariate(VALUES)
    kde.fit(kernel="gau", bw="silverman", fft=False)
    np.testing.assert_allclose(result.density, kde.evaluate(result.x), rtol=1e-9)
    assert len(result.x) == 100
    assert result.x[0] == pytest.approx(VALUES.min() - 3 * result.bandwidth, rel=1e-12)
    assert result.x[-1] == pytest.approx(VALUES.max() + 3 * result.bandwidth, rel=1e-12)


def test_statas_epanechnikov_is_the_textbook_kernel_with_the_bandwidth_times_sqrt_5() -> None:
    result = density.kernel_density(VALUES, "epanechnikov")
    kde = KDEUnivariate(VALUES)
    kde.fit(kernel="epa", bw=result.bandwidth * np.sqrt(5), fft=False)
    # statsmodels evaluates a compact kernel one point at a time, NaN where no value is in reach.
    expected = np.array([np.ravel(kde.evaluate(x))[0] for x in result.x])
    np.testing.assert_allclose(result.density, np.nan_to_num(expected, nan=0.0), rtol=1e-9, atol=1e-300)
    # A density: it integrates to one over its grid (within the trapezoid rule's error).
    assert np.trapezoid(result.density, result.x) == pytest.approx(1, abs=2e-3)


def test_an_unknown_kernel_and_no_spread_are_refused() -> None:
    with pytest.raises(ValueError, match="kernel must be one of"):
        density.kernel_density(VALUES, "triangular")
    with pytest.raises(ValueError, match="no spread"):
        density.kernel_density(np.ones(5))
