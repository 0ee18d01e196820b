"""The SQL indices and weights of the warehouse against the numpy references, and the papers' checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pytest

from conftest import PROJECT_ROOT, run_dbt
from opening_up.methods import coupling, entropy

PORT_ITEMS = ["port_trade_value", "foreign_investment", "port_freight", "port_persons"]
BORDER_ITEMS = [
    "trade_total",
    "fdi_utilised",
    "odi_nonfinancial",
    "inbound_tourists",
    "inbound_tourism_income",
]


def test_port_economy_weights_agree_with_numpy(warehouse) -> None:
    """Paper 000 Table 4's pooling: eight benefit indicators over the years, weights summing to one."""
    columns = [f"{system}_{item}" for system in ("gx", "yn") for item in PORT_ITEMS]
    inputs = warehouse.execute(
        f"select {', '.join(columns)} from intermediate.int_port_economy_systems order by year").fetchnumpy()
    x = np.column_stack([inputs[c] for c in columns])
    reference = entropy.entropy_method(x, [entropy.Indicator("benefit")] * len(columns))
    weights = dict(warehouse.execute(
        "select indicator, weight from marts.fct_port_economy_entropy_weights").fetchall())
    np.testing.assert_allclose([weights[c] for c in columns], reference["weights"], atol=1e-9)
    assert sum(weights.values()) == pytest.approx(1, abs=1e-9)
    scores = warehouse.execute(
        "select score_guangxi_u1, score_yunnan_u2 from marts.fct_port_economy_scores order by year"
    ).fetchall()
    u = np.array(scores)
    weighted = reference["normalized"] * reference["weights"]
    np.testing.assert_allclose(u[:, 0], weighted[:, :4].sum(axis=1), atol=1e-9)
    np.testing.assert_allclose(u[:, 1], weighted[:, 4:].sum(axis=1), atol=1e-9)


def test_port_economy_coupling_agrees_with_numpy(warehouse) -> None:
    rows = np.array(warehouse.execute(
        "select score_guangxi_u1, score_yunnan_u2, comprehensive_index_t, c_printed, c_standard, c_wang2021, "
        "d_standard from marts.fct_port_economy_coupling order by year").fetchall(), dtype=float)
    u = rows[:, :2]
    np.testing.assert_allclose(rows[:, 2], coupling.comprehensive_index(u), atol=1e-12)
    np.testing.assert_allclose(rows[:, 3], coupling.coupling_printed(u), atol=1e-12)
    np.testing.assert_allclose(rows[:, 4], coupling.coupling_standard(u), atol=1e-12)
    np.testing.assert_allclose(rows[:, 5], coupling.coupling_wang2021(u), atol=1e-12)
    np.testing.assert_allclose(rows[:, 6], np.sqrt(rows[:, 4] * rows[:, 2]), atol=1e-12)


def test_border_openness_weights_agree_with_numpy(warehouse) -> None:
    """Paper 004's real indicators, complete province-years only, pooled over 2017-2020."""
    inputs = warehouse.execute(
        f"select {', '.join(BORDER_ITEMS)} from intermediate.int_border_opening_wide "
        f"where {' and '.join(c + ' is not null' for c in BORDER_ITEMS)}").fetchnumpy()
    x = np.column_stack([inputs[c] for c in BORDER_ITEMS])
    assert x.shape == (33, 5)
    reference = entropy.entropy_method(x, [entropy.Indicator("benefit")] * 5)
    weights = dict(warehouse.execute(
        "select indicator_code, weight from marts.fct_border_openness_entropy_weights").fetchall())
    np.testing.assert_allclose([weights[c] for c in BORDER_ITEMS], reference["weights"], atol=1e-9)


def test_reach_index_is_the_mean_of_members(warehouse) -> None:
    gap = warehouse.execute(
        "select max(abs(g.composite_openness_index - m.mean_index)) from marts.fct_region_group_openness as "
        "g "
        "inner join (select yangtze_reach, year, avg(composite_openness_index) as mean_index "
        "from marts.fct_province_openness where yangtze_reach is not null group by all) as m "
        "on g.group_code = 'yangtze_' || m.yangtze_reach and g.year = m.year"
    ).fetchone()[0]
    assert gap < 1e-12


def test_weighted_cv_matches_its_formula(warehouse) -> None:
    rows = warehouse.execute(
        "select composite_openness_index, population_year_end from marts.fct_province_openness "
        "where yangtze_reach is not null and year = 2010").fetchnumpy()
    y, population = rows["composite_openness_index"], rows["population_year_end"]
    p = population / population.sum()
    simple, weighted = y.mean(), (p * y).sum()
    cv = warehouse.execute(
        "select cv_weighted_simple_mean, cv_weighted_weighted_mean from marts.fct_openness_dispersion "
        "where group_code = 'yangtze_belt' and year = 2010").fetchone()
    assert cv[0] == pytest.approx(np.sqrt((p * (y - simple) ** 2).sum()) / simple, rel=1e-12)
    assert cv[1] == pytest.approx(np.sqrt((p * (y - weighted) ** 2).sum()) / weighted, rel=1e-12)


def test_published_checks_report(warehouse) -> None:
    """Paper 000 Table 5 passes for all eleven years; only the papers' own inconsistencies do not."""
    table5 = warehouse.execute(
        "select count(*), count(*) filter (where status = 'pass') from marts.rpt_published_checks "
        "where check_id like 'seed000_t5_%'").fetchone()
    assert table5 == (34, 34)
    cap = warehouse.execute(
        "select computed, computed_text, check_kind from marts.rpt_published_checks "
        "where check_id = 'seed000_t5_c_below_half'").fetchone()
    assert cap[0] < 0.5
    assert cap[1].startswith("失调")
    assert cap[2] == "derived"
    kinds = dict(warehouse.execute(
        "select check_kind, count(*) from marts.rpt_published_checks group by check_kind").fetchall())
    assert kinds == {"published": 243, "derived": 1}
    mismatches = {row[0] for row in warehouse.execute(
        "select check_id from marts.rpt_published_checks where status <> 'pass'").fetchall()}
    assert mismatches == {
        "seed004_text_border_odi_2020",
        "seed004_text_xinjiang_odi_decline_2020_pct",
        "seed003_t1_average_annual_change_下游地区",
        "seed000_lambda_classes_0.3",
        "seed000_lambda_classes_0.2",
        "seed001_t2_sum_national_1992",
        "seed001_t2_sum_border_9_1992",
        # Stated figures against the papers' own tables (issue 12's recount).
        "seed003_text_yangtze_index_1993",
        "seed004_text_top3_tourists_share_2019_pct",
        "seed001_text_national_share_tertiary_1992_text",
        "seed001_text_border_share_tertiary_1992_text",
    }
    recount = dict(warehouse.execute(
        "select check_id, round(computed, 4) from marts.rpt_published_checks where check_id in "
        "('seed003_text_yangtze_index_1993', 'seed004_text_top3_tourists_share_2019_pct', "
        "'seed003_text_yangtze_index_2022')").fetchall())
    assert recount == {"seed003_text_yangtze_index_1993": 0.0478, "seed003_text_yangtze_index_2022": 3.4444,
                       "seed004_text_top3_tourists_share_2019_pct": 74.9774}
    reach_and_totals = warehouse.execute(
        "select count(*) filter (where status = 'pass'), count(*) from marts.rpt_published_checks "
        "where check_id like 'seed003_t1_composite%' or check_id like 'seed004_表%'").fetchone()
    assert reach_and_totals == (18 + 42, 18 + 42)


def test_fuzzy_marts_agree_with_the_library(warehouse) -> None:
    """The Python models' closure is the squaring reference's, and the levels cover the 38 units; the
    units printed twice (北海港 X3/X12, 河口 X24/X37) carry their port's figures, so they are one class
    from λ = 1 down, and the top level has one class per physical port."""
    from opening_up.methods import fuzzy

    frame = warehouse.execute(
        "select port_code_a, port_code_b, similarity, closure from marts.fct_port_fuzzy_similarity "
        "where basis = 'year 2018'").df()
    R = frame.pivot(index="port_code_a", columns="port_code_b", values="similarity")
    closure = frame.pivot(index="port_code_a", columns="port_code_b", values="closure")
    assert R.shape == (38, 38)
    np.testing.assert_array_equal(closure.to_numpy(), fuzzy.transitive_closure_squaring(R.to_numpy()))
    levels = warehouse.execute(
        "select lambda_level, count(distinct port_code), max(n_clusters) from marts.fct_port_fuzzy_levels "
        "where basis = 'year 2018' group by all order by 1 desc").fetchall()
    assert all(n == 38 for _, n, _ in levels)
    n_physical = warehouse.execute(
        "select count(distinct physical_port_code) from marts.dim_port where is_evaluation_unit"
    ).fetchone()[0]
    assert n_physical == 36
    assert levels[0][2] == n_physical
    assert levels[-1][2] == 1
    split_twins = warehouse.execute(
        "select count(*) from marts.fct_port_fuzzy_levels as unit inner join marts.fct_port_fuzzy_levels as "
        "twin "
        "on unit.basis = twin.basis and unit.lambda_level = twin.lambda_level "
        "and (unit.port_code, twin.port_code) in (('gx_beihai_x03', 'gx_beihai'), ('yn_hekou_x37', "
        "'yn_hekou')) "
        "where unit.cluster_id <> twin.cluster_id"
    ).fetchone()[0]
    assert split_twins == 0


def test_cluster_grey_relation_has_the_shape_of_table_3(warehouse) -> None:
    rows = warehouse.execute(
        "select cluster_code, grade_rank, grey_relational_grade from marts.fct_port_cluster_grey_relation"
    ).fetchall()
    clusters: dict[str, list[tuple[int, float]]] = {}
    for code, rank, grade in rows:
        clusters.setdefault(code, []).append((rank, grade))
    assert set(clusters) == {"honghe", "dehong", "chongzuo", "beibuwan"}
    for items in clusters.values():
        # Six items ranked 1..6 within the cluster, and a higher grade never ranks below a lower one.
        assert sorted(rank for rank, _ in items) == list(range(1, 7))
        assert all(
            rank_a < rank_b for rank_a, grade_a in items for rank_b, grade_b in items if grade_a > grade_b
        )


def test_border_growth_models_report_their_instruments(warehouse) -> None:
    """Both estimators for every model; the difference GMM's parsimonious set has at most as many
    instruments as provinces; every Hansen test with instruments at least the groups says in one sentence
    why it carries no information, and none is stored with an impossible value (the paper set's J of
    -4.7e9 with p = 1 before)."""
    rows = warehouse.execute(
        "select estimator, instrument_set, n_groups, n_instruments, instruments_exceed_groups, warnings, "
        "hansen_statistic, hansen_p, hansen_note "
        "from marts.fct_border_growth_gmm_diagnostics where status = 'estimated'").fetchall()
    assert len(rows) == 24
    assert {row[0] for row in rows} == {"difference", "system"}
    for estimator, instrument_set, groups, instruments, exceed, warnings, j, p, note in rows:
        assert groups == 9
        assert instruments > 0
        if instrument_set == "parsimonious" and estimator == "difference":
            assert instruments <= groups
        if exceed:
            assert "instruments exceed" in warnings
        if instruments >= groups:
            assert note.endswith("carries no information.")
            assert note.count(".") == 1
        assert j is None or (j >= 0 and 0 <= p <= 1)
        if j is None:
            assert "Hansen/Sargan statistic is" in warnings
    tests = warehouse.execute(
        "select estimator, count(distinct instrument_group), count(*) filter (where hansen_difference is "
        "null "
        "and note is null) from marts.fct_border_growth_gmm_instrument_tests group by all order by 1"
    ).fetchall()
    assert tests == [("difference", 4, 0), ("system", 5, 0)]
    terms = warehouse.execute(
        "select distinct term_code from marts.fct_border_growth_gmm").fetchall()
    assert {t for (t,) in terms} == {"d_ln_fai", "d_is", "d_bo", "d_g_x_d_ln_fai", "d_g_x_d_is", "d_g_x_d_bo"}


PORT_SUMS = """
    select ports.region_code, panel.year,
        sum(panel.port_import_value + panel.port_export_value) as trade,
        sum(panel.port_import_value + panel.port_export_value)
            filter (where ports.is_counted_in_sums) as counted
    from intermediate.int_port_panel as panel
    inner join marts.dim_port as ports on panel.port_code = ports.port_code
    where ports.is_evaluation_unit and ports.region_code in ('450000', '530000') and panel.year = 2018
    group by all order by 1"""


def test_duplicate_port_units_are_counted_once_unless_the_var_says(
    built_warehouse: Path, tmp_path: Path
) -> None:
    """北海港 (X3/X12) and 河口 (X24/X37) count once in the provincial systems; the var
    count_duplicate_port_units restores paper 000's 38-unit sums."""
    copy = tmp_path / "ports.duckdb"
    shutil.copy(built_warehouse, copy)
    with duckdb.connect(str(copy), read_only=True) as connection:
        sums = connection.execute(PORT_SUMS).fetchall()
        systems = connection.execute(
            "select gx_port_trade_value, yn_port_trade_value from intermediate.int_port_economy_systems "
            "where year = 2018").fetchone()
    (_, _, gx, gx_counted), (_, _, yn, yn_counted) = sums
    assert systems == pytest.approx((gx_counted, yn_counted))
    assert gx > gx_counted
    assert yn > yn_counted
    result = run_dbt(PROJECT_ROOT, copy, "run", "--select", "int_port_economy_systems",
                     "--vars", "{count_duplicate_port_units: true}")
    assert result.returncode == 0, result.stdout[-3000:]
    with duckdb.connect(str(copy), read_only=True) as connection:
        doubled = connection.execute(
            "select gx_port_trade_value, yn_port_trade_value from intermediate.int_port_economy_systems "
            "where year = 2018").fetchone()
    assert doubled == pytest.approx((gx, yn))
