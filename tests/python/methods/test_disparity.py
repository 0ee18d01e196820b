"""opening_up.methods.disparity against PySAL's inequality (its published test values on libpysal's
bundled Mexico data, and its Gini and TheilD on the same vectors) and, for Dagum's decomposition (no
maintained package implements it), against its identity, the Gini of the same data and a brute-force
pairwise implementation written here from Dagum (1997)."""

from __future__ import annotations

import itertools

import libpysal
import numpy as np
import pytest
from inequality.gini import Gini
from inequality.theil import Theil, TheilD

from opening_up.methods import disparity


def _mexico() -> tuple[np.ndarray, np.ndarray]:
    table = libpysal.io.open(libpysal.examples.get_path("mexico.csv"))
    y = np.transpose(np.array([table.by_col[f"pcgdp{decade}"] for decade in range(1940, 2010, 10)]))
    return y.astype(float), np.array(table.by_col("hanson98"))


def test_gini_equals_pysal_and_its_published_value() -> None:
    y, _ = _mexico()
    # inequality's test_gini: Gini of pcgdp1940 = 0.35372371173452849.
    assert disparity.gini(y[:, 0]) == pytest.approx(0.35372371173452849, rel=1e-12)
    for column in y.T:
        assert disparity.gini(column) == pytest.approx(Gini(column).g, rel=1e-9)


def test_theil_equals_pysal_and_its_published_values() -> None:
    y, regimes = _mexico()
    published_total = [0.20894344, 0.15222451, 0.10472941, 0.10194725, 0.09560113, 0.10511256, 0.10660832]
    published_between = [0.0345889, 0.02816853, 0.05260921, 0.05931219, 0.03205257, 0.02963731, 0.03635872]
    pysal = TheilD(y, regimes)
    for k, column in enumerate(y.T):
        result = disparity.theil(column, regimes)
        assert result.total == pytest.approx(published_total[k], abs=5e-9)
        assert result.between == pytest.approx(published_between[k], abs=5e-9)
        assert result.total == pytest.approx(Theil(column).T, rel=1e-9)
        assert result.between == pytest.approx(pysal.bg[k], rel=1e-9)
        assert result.within == pytest.approx(pysal.wg[k], rel=1e-9)
        assert result.within + result.between == pytest.approx(result.total, rel=1e-12)


def _dagum_brute_force(y: np.ndarray, groups: np.ndarray) -> tuple[float, float, float]:
    """Dagum (1997) eqs. 2-13 pair by pair, each unordered pair of groups with the richer one first."""
    codes = sorted(set(groups))
    n, mu = len(y), y.mean()
    members = {c: y[groups == c] for c in codes}
    p = {c: len(members[c]) / n for c in codes}
    s = {c: len(members[c]) * members[c].mean() / (n * mu) for c in codes}
    within = 0.0
    for c in codes:
        m = members[c]
        g_jj = sum(abs(a - b) for a in m for b in m) / (2 * len(m) ** 2 * m.mean())
        within += g_jj * p[c] * s[c]
    net = trans = 0.0
    for a, b in itertools.combinations(codes, 2):
        j, h = (a, b) if members[a].mean() >= members[b].mean() else (b, a)
        yj, yh = members[j], members[h]
        g_jh = sum(abs(u - v) for u in yj for v in yh) / (len(yj) * len(yh) * (yj.mean() + yh.mean()))
        d = sum(max(u - v, 0) for u in yj for v in yh) / (len(yj) * len(yh))
        q = sum(max(v - u, 0) for u in yj for v in yh) / (len(yj) * len(yh))
        big_d = (d - q) / (d + q)
        weight = p[j] * s[h] + p[h] * s[j]
        net += g_jh * weight * big_d
        trans += g_jh * weight * (1 - big_d)
    return within, net, trans


def test_dagum_decomposition_adds_up_to_the_gini_and_equals_the_pairwise_formulas() -> None:
    y, regimes = _mexico()
    for column in y.T:
        result = disparity.dagum_gini(column, regimes)
        assert result.within + result.net_between + result.transvariation == pytest.approx(
            result.gini, rel=1e-12)
        assert result.gini == pytest.approx(Gini(column).g, rel=1e-9)
        expected = _dagum_brute_force(column, regimes.astype(str))
        np.testing.assert_allclose([result.within, result.net_between, result.transvariation], expected,
                                   rtol=1e-9)


def test_dagum_with_one_group_is_all_within_and_with_singletons_all_between() -> None:
    rng = np.random.default_rng(3)
    y = rng.lognormal(size=12)
    one = disparity.dagum_gini(y, np.zeros(12, dtype=int))
    assert one.within == pytest.approx(one.gini, rel=1e-12)
    assert one.net_between == 0
    assert one.transvariation == 0
    # Groups that do not overlap have no transvariation: the whole between part is net.
    ordered = np.sort(y)
    apart = disparity.dagum_gini(ordered, np.repeat(["a", "b", "c"], 4))
    assert apart.transvariation == pytest.approx(0, abs=1e-15)


def test_dispersion_uses_the_sample_standard_deviation() -> None:
    y = np.array([1.0, 2.0, 4.0, 8.0])
    assert disparity.coefficient_of_variation(y) == pytest.approx(np.std(y, ddof=1) / y.mean(), rel=1e-15)
    assert disparity.log_standard_deviation(y) == pytest.approx(np.std(np.log(y), ddof=1), rel=1e-15)
    with pytest.raises(ValueError, match="positive"):
        disparity.theil(np.array([1.0, 0.0]))
