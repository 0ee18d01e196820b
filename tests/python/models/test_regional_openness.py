"""The regional-openness marts recomputed independently from their inputs (fct_province_openness and
ref_region_groups, read here, not the intermediate models) with the maintained references: PySAL's
inequality (Gini, TheilD), statsmodels (OLS, KDEUnivariate), pymcdm (CRITIC, TOPSIS) and, for Dagum's
decomposition, the package's numpy reference (itself tested against brute force and its identity)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from inequality.gini import Gini
from inequality.theil import TheilD
from pymcdm.methods import TOPSIS
from pymcdm.normalizations import minmax_normalization
from pymcdm.weights import critic_weights
from statsmodels.nonparametric.kde import KDEUnivariate

from opening_up.methods import disparity

INDICES = ["composite_openness_index", "trade_openness_index", "investment_openness_index"]
COMPONENTS = {
    "trade_scale": "trade_total_cny",
    "trade_intensity": "trade_openness_degree",
    "investment_scale": "fie_total_investment_cny",
    "investment_intensity": "investment_openness_degree",
}


@pytest.fixture
def provinces(warehouse) -> pd.DataFrame:
    """The index of the 31 provinces in the years every province has it, from the mart BI reads."""
    frame = warehouse.execute(f"""
        select region_code, year, {', '.join(INDICES)}, {', '.join(COMPONENTS.values())}
        from marts.fct_province_openness
        where region_level = 'province' and composite_openness_index is not null
        order by year, region_code""").df()
    return frame[frame.groupby("year").region_code.transform("count") == 31]


@pytest.fixture
def groups(warehouse) -> dict[str, pd.Series]:
    """{grouping: group_code by region_code} from the seed and dim_region, joined here."""
    rows = warehouse.execute("""
        select g.grouping, g.group_code, r.region_code
        from raw.ref_region_groups as g
        inner join marts.dim_region as r
            on case g.member_column when 'macro_region' then r.macro_region
                                    when 'yangtze_reach' then r.yangtze_reach
                                    else cast(r.is_land_border as varchar) end = g.member_value
        where r.region_level = 'province'""").df()
    return {
        grouping: frame.set_index("region_code").group_code for grouping, frame in rows.groupby("grouping")
    }


@pytest.fixture
def disparity_mart(warehouse) -> pd.DataFrame:
    return warehouse.execute("select * from marts.fct_openness_disparity").df()


def _value(mart: pd.DataFrame, index: str, year: int, grouping: str, measure: str) -> float:
    rows = mart[(mart.index_code == index) & (mart.year == year) & (mart.grouping == grouping)
                & (mart.measure == measure)]
    assert len(rows) == 1, (index, year, grouping, measure)
    return float(rows.value.iloc[0])


def test_gini_and_theil_equal_pysal(provinces, groups, disparity_mart) -> None:
    years = sorted(provinces.year.unique())
    assert years[0] == 1992
    assert set(disparity_mart.year) == set(years)
    for grouping, membership in groups.items():
        for year in years[::5] + [years[-1]]:
            frame = provinces[(provinces.year == year) & provinces.region_code.isin(membership.index)]
            for index in INDICES:
                y = frame[index].to_numpy()
                partition = frame.region_code.map(membership).to_numpy()
                theil = TheilD(y, partition)
                assert _value(disparity_mart, index, year, grouping, "gini") == pytest.approx(
                    Gini(y).g, rel=1e-9
                )
                assert _value(disparity_mart, index, year, grouping, "theil_t") == pytest.approx(
                    float(theil.T), rel=1e-9)
                assert _value(disparity_mart, index, year, grouping, "theil_t_between") == pytest.approx(
                    float(theil.bg[0]), rel=1e-9)
                assert _value(disparity_mart, index, year, grouping, "cv") == pytest.approx(
                    np.std(y, ddof=1) / y.mean(), rel=1e-9)
                assert _value(disparity_mart, index, year, grouping, "log_sd") == pytest.approx(
                    np.std(np.log(y), ddof=1), rel=1e-9)


def test_dagum_rows_equal_the_numpy_reference(provinces, groups, disparity_mart) -> None:
    year = int(provinces.year.max())
    for grouping, membership in groups.items():
        frame = provinces[(provinces.year == year) & provinces.region_code.isin(membership.index)]
        result = disparity.dagum_gini(frame.composite_openness_index.to_numpy(),
                                      frame.region_code.map(membership).to_numpy())
        index = "composite_openness_index"
        for measure, expected in [("dagum_within", result.within), ("dagum_net_between", result.net_between),
                                  ("dagum_transvariation", result.transvariation)]:
            assert _value(disparity_mart, index, year, grouping, measure) == pytest.approx(expected, rel=1e-9)
        rows = disparity_mart[(disparity_mart.index_code == index) & (disparity_mart.year == year)
                              & (disparity_mart.grouping == grouping)]
        for k, code in enumerate(result.groups):
            row = rows[(rows.measure == "dagum_group") & (rows.group_code == code)]
            assert float(row.value.iloc[0]) == pytest.approx(result.group_gini[k], rel=1e-9)
        pairs = rows[rows.measure == "dagum_between_pair"]
        assert len(pairs) == len(result.groups) * (len(result.groups) - 1) // 2
        for row in pairs.itertuples():
            j, h = result.groups.index(row.group_code), result.groups.index(row.group_code_other)
            assert row.value == pytest.approx(result.pair_gini[j, h], rel=1e-9)
            assert result.relative_economic_affluence[j, h] >= 0  # the larger mean first


def test_absolute_convergence_equals_statsmodels_ols(provinces, warehouse) -> None:
    mart = warehouse.execute("""
        select * from marts.fct_openness_convergence
        where grouping = 'all_provinces' and kind = 'beta_absolute'""").df()
    first, last = int(provinces.year.min()), int(provinces.year.max())
    for index in INDICES:
        wide = provinces.pivot(index="region_code", columns="year", values=index)
        growth = (np.log(wide[last]) - np.log(wide[first])) / (last - first)
        ols = sm.OLS(growth.to_numpy(), sm.add_constant(np.log(wide[first].to_numpy()))).fit()
        row = mart[(mart.index_code == index) & (mart.period_start == first) & (mart.period_end == last)]
        assert float(row.beta.iloc[0]) == pytest.approx(ols.params[1], rel=1e-9)
        assert float(row.std_error.iloc[0]) == pytest.approx(ols.bse[1], rel=1e-9)
        assert float(row.p_value.iloc[0]) == pytest.approx(ols.pvalues[1], rel=1e-9)
        assert int(row.n_obs.iloc[0]) == 31


def test_conditional_convergence_is_the_within_estimator(provinces, warehouse) -> None:
    row = warehouse.execute("""
        select beta, n_obs from marts.fct_openness_convergence
        where grouping = 'all_provinces' and kind = 'beta_conditional'
            and index_code = 'composite_openness_index'
        order by period_end - period_start desc limit 1""").fetchone()
    frame = provinces.assign(log_y=np.log(provinces.composite_openness_index)).sort_values(
        ["region_code", "year"]
    )
    frame["lagged"] = frame.groupby("region_code").log_y.shift(1)
    frame = frame.dropna(subset=["lagged"])
    growth = frame.log_y - frame.lagged
    demeaned = frame.lagged - frame.groupby("region_code").lagged.transform("mean")
    beta = float((demeaned * (growth - growth.groupby(frame.region_code).transform("mean"))).sum()
                 / (demeaned**2).sum())
    assert row[0] == pytest.approx(beta, rel=1e-9)
    assert row[1] == len(frame)


def test_gaussian_densities_equal_statsmodels(provinces, warehouse) -> None:
    year = int(provinces.year.max())
    mart = warehouse.execute("""
        select x, density from marts.fct_openness_density
        where index_code = 'composite_openness_index' and kernel = 'gaussian' and year = ?
        order by point""", [year]).df()
    kde = KDEUnivariate(provinces[provinces.year == year].composite_openness_index.to_numpy())
    kde.fit(kernel="gau", bw="silverman", fft=False)
    assert len(mart) == 100
    np.testing.assert_allclose(mart.density, kde.evaluate(mart.x.to_numpy()), rtol=1e-9)


def test_topsis_and_critic_equal_pymcdm(provinces, warehouse) -> None:
    year = int(provinces.year.max())
    frame = provinces[provinces.year == year].sort_values("region_code")
    matrix = frame[list(COMPONENTS.values())].to_numpy()
    weights = warehouse.execute("""
        select indicator_code, weight from marts.fct_openness_evaluation_weights
        where year = ? and weight_method = 'critic'""", [year]).df().set_index("indicator_code").weight
    expected_weights = critic_weights(matrix)
    np.testing.assert_allclose(weights.reindex(list(COMPONENTS)).to_numpy(), expected_weights, rtol=1e-9)
    for method in ("critic", "entropy"):
        mart = warehouse.execute("""
            select region_code, closeness, rank from marts.fct_openness_topsis
            where year = ? and weight_method = ? order by region_code""", [year, method]).df()
        method_weights = warehouse.execute("""
            select indicator_code, weight from marts.fct_openness_evaluation_weights
            where year = ? and weight_method = ?""", [year, method]).df().set_index("indicator_code").weight
        expected = TOPSIS(normalization_function=minmax_normalization)(
            matrix, method_weights.reindex(list(COMPONENTS)).to_numpy(), np.ones(4))
        np.testing.assert_allclose(mart.closeness, expected, rtol=1e-9)
        assert mart.loc[mart.closeness.idxmax(), "rank"] == 1


def test_obstacle_degrees_are_the_weighted_deviations(provinces, warehouse) -> None:
    year = int(provinces.year.max())
    frame = provinces[provinces.year == year].sort_values("region_code")
    matrix = frame[list(COMPONENTS.values())].to_numpy()
    standardized = (matrix - matrix.min(axis=0)) / (matrix.max(axis=0) - matrix.min(axis=0))
    weights = warehouse.execute("""
        select indicator_code, weight from marts.fct_openness_evaluation_weights
        where year = ? and weight_method = 'entropy'""", [year]).df().set_index("indicator_code").weight
    w = weights.reindex(list(COMPONENTS)).to_numpy()
    weighted = w * (1 - standardized)
    expected = weighted / weighted.sum(axis=1, keepdims=True)
    mart = (
        warehouse.execute(
            """
        select region_code, indicator_code, obstacle_degree from marts.fct_openness_obstacle_degree
        where year = ?""",
            [year],
        )
        .df()
        .pivot(index="region_code", columns="indicator_code", values="obstacle_degree")
    )
    np.testing.assert_allclose(mart.loc[frame.region_code, list(COMPONENTS)].to_numpy(), expected, rtol=1e-9)


def test_classic_markov_equals_giddy(provinces, warehouse) -> None:
    """The relative composite index in quartiles pooled over the years (mapclassify's Quantiles, as
    giddy's Spatial_Markov with fixed=True classifies), through giddy's Markov."""
    import mapclassify
    from giddy.markov import Markov

    wide = provinces.pivot(index="region_code", columns="year", values="composite_openness_index")
    relative = (wide / wide.mean(axis=0)).to_numpy()
    classes = mapclassify.Quantiles(relative.ravel(), k=4).yb.reshape(relative.shape)
    reference = Markov(classes)
    mart = warehouse.execute("""
        select from_class, to_class, n_transitions, probability, ergodic_probability
        from marts.fct_openness_markov
        where index_code = 'composite_openness_index' and kind = 'classic'
        order by from_class, to_class""").df()
    np.testing.assert_array_equal(mart.n_transitions.to_numpy().reshape(4, 4), reference.transitions)
    np.testing.assert_allclose(mart.probability.to_numpy().reshape(4, 4), reference.p, rtol=1e-9)
    ergodic = mart.groupby("from_class").ergodic_probability.first().to_numpy()
    np.testing.assert_allclose(ergodic, reference.steady_state, rtol=1e-9)
