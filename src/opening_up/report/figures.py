"""The report's figures and tables, one function each, read from the marts of a built warehouse.

Every function takes `read` (SQL and optional parameters → DataFrame, recording the marts it
reads) and returns a figure record: id, seed, bilingual title, caption, provenance, and the body (inline
SVG for charts, an HTML table for tables). Nothing here computes a published measure: the marts
do; the figures only arrange and draw them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from opening_up.report import charts
from opening_up.report.provenance import InputCount, classify, printed_inputs, yearbook_inputs

Reader = Callable[..., pd.DataFrame]  # (sql, params=None) -> DataFrame

YANGTZE_PROVINCES = "select region_code from marts.dim_region where is_yangtze_belt"
LAND_BORDER_PROVINCES = "select region_code from marts.dim_region where is_land_border"
EVALUATION_UNITS = "select port_code from marts.dim_port where is_evaluation_unit"
CLUSTER_PORTS = "select port_code from marts.dim_port where cluster_code is not null"
CLUSTER_PREFECTURES = "select prefecture_code from marts.dim_port where cluster_code is not null"
CLUSTER_NAMES = "(select distinct cluster_code, cluster_name, cluster_name_en from marts.dim_port)"


def figure(figure_id: str, seed: str, title_en: str, title_zh: str, caption: str,
           inputs: list[InputCount], body: str, kind: str = "chart") -> dict[str, object]:
    """A figure record; provenance is classified from the inputs."""
    return {"id": figure_id, "seed": seed, "title_en": title_en, "title_zh": title_zh,
            "caption": caption, "provenance": classify(inputs), "body": body, "kind": kind}


def mart_rows(label: str, frame: pd.DataFrame) -> InputCount:
    """Rows of a mart that carries is_sample, counted as inputs."""
    return InputCount(label, len(frame), int(frame.is_sample.fillna(False).astype(bool).sum()))


def html_table(frame: pd.DataFrame, table_id: str, row_class: Callable[[pd.Series], str] | None = None) -> str:
    """frame as an escaped HTML table; row_class gives each row a CSS class."""
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in frame.columns)
    rows = []
    for _, row in frame.iterrows():
        cells = "".join(f"<td>{html.escape(format_cell(value))}</td>" for value in row)
        css = f' class="{row_class(row)}"' if row_class else ""
        rows.append(f"<tr{css}>{cells}</tr>")
    return (f'<table id="{table_id}" class="data"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def format_cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.3e}"
    return str(value)


# Seed 003 ---------------------------------------------------------------------------------------

def yangtze_indices(read: Reader) -> dict[str, object]:
    """Seed 003 Figure 1: composite, trade and investment openness of the belt over time."""
    belt = read("""
        select year, composite_openness_index, trade_openness_index, investment_openness_index, is_sample
        from marts.fct_region_group_openness where group_code = 'yangtze_belt' order by year""")
    printed = read("""
        select year, value from marts.fct_published_stated_figures
        where subject = 'Yangtze belt composite openness index' and year is not null order by year""")
    fig, axes = charts.new_figure(1, 2, width=10, height=3.6)
    charts.line_panel(axes[0, 0], belt, "year", [("composite_openness_index", "composite 综合开放指数")],
                      "(a) composite index 综合开放指数", "index")
    charts.mark_points(axes[0, 0], printed.year, printed.value, "printed in seed 003")
    charts.line_panel(axes[0, 1], belt, "year", [("trade_openness_index", "trade 贸易开放指数"),
                                                 ("investment_openness_index", "investment 投资开放指数")],
                      "(b) trade and investment indices 贸易/投资开放指数", "index")
    inputs = [
        yearbook_inputs(read, "yearbook inputs of the 11 provinces", seed="003", entity_type="region",
                        entity_filter=YANGTZE_PROVINCES, first_year=int(belt.year.min()),
                        last_year=int(belt.year.max())),
        printed_inputs("printed endpoints", len(printed)),
    ]
    return figure(
        "seed003-figure1", "003",
        "Openness indices of the Yangtze River Economic Belt over time (seed 003, Figure 1)",
        "长江经济带对外开放指数的变化（图1）",
        "Mean over the 11 provinces of the composite index (trade scale × investment scale / GDP; "
        "贸易开放度 × 投资开放度) and of its trade and investment parts, from fct_region_group_openness. "
        "Hollow circles: the belt's index printed in the paper's text for the first and last year.",
        inputs, charts.to_svg(fig, "seed003-figure1"))


def yangtze_dispersion(read: Reader) -> dict[str, object]:
    """Seed 003 Figure 2: the population-weighted coefficient of variation over time."""
    dispersion = read("""
        select year, cv_weighted_simple_mean, cv_weighted_weighted_mean, cv_unweighted, is_sample
        from marts.fct_openness_dispersion where group_code = 'yangtze_belt' order by year""")
    printed = read("""
        select year, value from marts.fct_published_stated_figures
        where source_doc like '003%' and figure_code like 'cv_%' and year is not null order by year""")
    fig, axes = charts.new_figure(1, 1, width=8, height=3.4)
    charts.line_panel(axes[0, 0], dispersion, "year", [
        ("cv_weighted_simple_mean", "population-weighted, around the simple mean 人口加权变异系数"),
        ("cv_weighted_weighted_mean", "population-weighted, around the weighted mean"),
        ("cv_unweighted", "unweighted 变异系数"),
    ], "Coefficient of variation of the composite index across the 11 provinces", "coefficient of variation")
    charts.mark_points(axes[0, 0], printed.year, printed.value, "printed in seed 003")
    inputs = [
        yearbook_inputs(read, "yearbook inputs of the 11 provinces", seed="003", entity_type="region",
                        entity_filter=YANGTZE_PROVINCES, first_year=int(dispersion.year.min()),
                        last_year=int(dispersion.year.max())),
        printed_inputs("printed values", len(printed)),
    ]
    return figure(
        "seed003-figure2", "003",
        "Regional disparity of openness in the Yangtze belt (seed 003, Figure 2)",
        "长江经济带对外开放水平的人口加权变异系数（图2）",
        "Coefficient of variation of the provinces' composite index weighted by year-end population "
        "(人口加权变异系数), from fct_openness_dispersion, in the three variants the mart carries. "
        "Hollow circles: the values the paper states (1993, its 1998 maximum, 2022).",
        inputs, charts.to_svg(fig, "seed003-figure2"))


def yangtze_table1(read: Reader) -> dict[str, object]:
    """Seed 003 Table 1 as heat maps: printed, and the same cells from the warehouse's marts."""
    printed = read("""
        select published.row_label, published.year, published.value,
            coalesce(regions.yangtze_reach, published.yangtze_reach) as reach, published.row_type
        from marts.fct_published_yangtze_openness_index as published
        left join marts.dim_region as regions on published.region_code = regions.region_code
        where published.measure_code = 'composite_openness_index'""")
    warehouse = read("""
        select region_short_name as row_label, year, composite_openness_index as value, is_sample
        from marts.fct_province_openness where yangtze_reach is not null
        union all
        select group_name, year, composite_openness_index, is_sample
        from marts.fct_region_group_openness where group_code in ('yangtze_lower', 'yangtze_middle', 'yangtze_upper')""")
    reach_order = {"lower": 0, "middle": 1, "upper": 2}
    printed["order"] = printed.reach.map(reach_order) * 10 + (printed.row_type == "reach").astype(int) * 5
    rows = printed.sort_values(["order", "row_label"]).row_label.drop_duplicates().tolist()
    years = sorted(printed.year.dropna().astype(int).unique())
    printed_matrix = printed.pivot(index="row_label", columns="year", values="value").reindex(rows)
    warehouse_matrix = (warehouse[warehouse.year.isin(years)]
                        .pivot(index="row_label", columns="year", values="value").reindex(index=rows, columns=years))
    if warehouse_matrix.isna().all().all():
        raise ValueError("fct_province_openness has none of the cells of seed 003 Table 1")
    fig, axes = charts.new_figure(1, 2, width=11, height=4.6)
    charts.heatmap_panel(axes[0, 0], printed_matrix, "(a) printed in seed 003 Table 1")
    charts.heatmap_panel(axes[0, 1], warehouse_matrix, "(b) computed by the warehouse")
    inputs = [
        printed_inputs("printed Table 1", printed_matrix.notna().sum().sum()),
        yearbook_inputs(read, "yearbook inputs of the computed cells", seed="003", entity_type="region",
                        entity_filter=YANGTZE_PROVINCES, first_year=years[0], last_year=years[-1]),
    ]
    return figure(
        "seed003-table1", "003",
        "Composite openness index by province and year (seed 003, Table 1)",
        "长江经济带各省市综合开放指数（表1）",
        "Rows: the 11 provinces from the lower to the upper reach, each reach's mean after its "
        "provinces. (a) the values printed in the paper; (b) the same cells computed from the "
        "warehouse's yearbook inputs (fct_province_openness and, for the reaches, "
        "fct_region_group_openness). Each panel has its own colour scale.",
        inputs, charts.to_svg(fig, "seed003-table1"))


# Seed 000 ---------------------------------------------------------------------------------------

def port_cluster_tree(read: Reader) -> dict[str, object]:
    """Seed 000 Figure 2: the dynamic clustering tree (动态聚类图) of the 38 evaluation units."""
    tree = read("""
        select basis, merge_step, lambda_level, cluster_a, cluster_b, n_members, member_codes, is_sample
        from marts.fct_port_fuzzy_tree order by basis desc, merge_step""")
    units = read("""
        select port_code, evaluation_unit_label, port_name, port_name_en
        from marts.dim_port where is_evaluation_unit order by evaluation_unit""")
    cuts = read("""
        select distinct lambda_level, n_classes_printed
        from marts.fct_published_port_fuzzy_partitions order by lambda_level desc""")
    bases = list(dict.fromkeys(tree.basis))
    fig, axes = charts.new_figure(len(bases), 1, width=11, height=4.4 * len(bases))
    labels = [f"{row.evaluation_unit_label} {row.port_name}" for row in units.itertuples()]
    inputs = [printed_inputs("printed λ-cuts", len(cuts))]
    for ax, basis in zip(axes[:, 0], bases):
        merges = tree[tree.basis == basis]
        check_leaf_order(merges, units.port_code.tolist())
        linkage = charts.linkage_from_merges(merges, len(units))
        charts.dendrogram_panel(ax, linkage, labels, f"basis: {basis}", cuts)
        years = [int(y) for y in re.findall(r"\d{4}", basis)]
        inputs.append(yearbook_inputs(read, f"port inputs ({basis})", seed="000", entity_type="port",
                                      entity_filter=EVALUATION_UNITS, first_year=min(years),
                                      last_year=max(years)))
    return figure(
        "seed000-figure2", "000",
        "Dynamic clustering tree of the 38 border ports (seed 000, Figure 2)",
        "广西、云南边境口岸模糊聚类动态聚类图（图2）",
        "Fuzzy equivalence clustering (模糊等价聚类): the ports merge as λ falls; each bar joins two "
        "classes at the λ where the transitive closure t(R) first links them (fct_port_fuzzy_tree). "
        "Red dashed lines: the λ-cuts the paper prints with their number of classes "
        "(fct_published_port_fuzzy_partitions).",
        inputs, charts.to_svg(fig, "seed000-figure2"))


def check_leaf_order(merges: pd.DataFrame, leaf_codes: list[str]) -> None:
    """The tree's leaf i is the i-th evaluation unit: every merge's members must agree."""
    members: dict[int, set[str]] = {i: {code} for i, code in enumerate(leaf_codes)}
    for merge in merges.sort_values("merge_step").itertuples():
        joined = members[int(merge.cluster_a)] | members[int(merge.cluster_b)]
        if joined != set(merge.member_codes.split(", ")):
            raise ValueError(f"fct_port_fuzzy_tree step {merge.merge_step}: members do not match the leaf order")
        members[len(leaf_codes) + int(merge.merge_step) - 1] = joined


def port_coupling(read: Reader) -> dict[str, object]:
    """Seed 000 Figure 3 and Table 5: u1, u2 and the coupling under each formula."""
    table = read("""
        select year, score_guangxi_u1, score_yunnan_u2, comprehensive_index_t, coupling_degree_c,
            recomputed_c_printed, recomputed_c_standard, recomputed_c_wang2021,
            recomputed_d_standard, recomputed_d_wang2021
        from marts.fct_published_port_coupling_coordination order by year""")
    fig, axes = charts.new_figure(1, 2, width=11, height=3.8)
    charts.line_panel(axes[0, 0], table, "year", [
        ("score_guangxi_u1", "u1 Guangxi 广西"), ("score_yunnan_u2", "u2 Yunnan 云南"),
        ("comprehensive_index_t", "T = 0.5 u1 + 0.5 u2 综合协调指数")],
        "(a) port-economy scores 口岸经济综合评价", "score")
    ax = axes[0, 1]
    charts.line_panel(ax, table, "year", [
        ("recomputed_c_printed", "C, printed formula √(u1u2)/(u1+u2)"),
        ("recomputed_c_standard", "C, standard 2√(u1u2)/(u1+u2)"),
        ("recomputed_c_wang2021", "C, Wang et al. (2021)"),
        ("recomputed_d_standard", "D = √(CT), standard C"),
        ("recomputed_d_wang2021", "D = √(CT), Wang et al. C")],
        "(b) coupling C (耦合度) and coordination D (耦合协调度)", "degree")
    charts.mark_points(ax, table.year, table.coupling_degree_c, "C printed in Table 5")
    ax.axhline(0.5, color="black", linestyle=":", linewidth=1)
    ax.text(table.year.min(), 0.51, "0.5: ceiling of the printed formula = lowest 协调 grade",
            fontsize=7, va="bottom")
    ax.set_ylim(0, 1.05)
    return figure(
        "seed000-figure3", "000",
        "Port-economy scores and coupling coordination of Guangxi and Yunnan (seed 000, Figure 3 and Table 5)",
        "广西、云南口岸经济耦合协调（图3、表5）",
        "u1 and u2 as printed in Table 5; C and D recomputed from them under each formula "
        "(fct_published_port_coupling_coordination). The printed formula C = √(u1u2)/(u1+u2) never "
        "exceeds 0.5, so every year grades as 失调 (imbalance) whatever the scores; the standard "
        "two-system formula doubles it.",
        [printed_inputs("printed Table 5 u1, u2 and C", 3 * len(table))],
        charts.to_svg(fig, "seed000-figure3"))


def port_grey_relation(read: Reader) -> dict[str, object]:
    """Seed 000 Table 3 as heat maps: grey relational grades of each cluster against its economy."""
    printed = read(f"""
        select ports.cluster_name || ' ' || ports.cluster_name_en as cluster, published.item_printed as item,
            published.grey_relational_grade
        from marts.fct_published_port_grey_relation as published
        inner join {CLUSTER_NAMES} as ports on published.cluster_code = ports.cluster_code""")
    recomputed = read(f"""
        select ports.cluster_name || ' ' || ports.cluster_name_en as cluster, items.item_printed as item,
            grey.grey_relational_grade, grey.is_sample, grey.period_first_year, grey.period_last_year, grey.rho
        from marts.fct_port_cluster_grey_relation as grey
        inner join {CLUSTER_NAMES} as ports on grey.cluster_code = ports.cluster_code
        inner join (select distinct indicator_code, item_printed from marts.fct_published_port_grey_relation) as items
            on grey.indicator_code = items.indicator_code""")
    fig, axes = charts.new_figure(1, 2, width=12, height=3.8)
    printed_matrix = printed.pivot(index="cluster", columns="item", values="grey_relational_grade")
    recomputed_matrix = recomputed.pivot(index="cluster", columns="item", values="grey_relational_grade")
    charts.heatmap_panel(axes[0, 0], printed_matrix, "(a) printed in seed 000 Table 3", cmap="Blues",
                         x_rotation=30)
    charts.heatmap_panel(axes[0, 1], recomputed_matrix.reindex(index=printed_matrix.index,
                                                               columns=printed_matrix.columns),
                         f"(b) recomputed by the warehouse (ρ = {recomputed.rho.iloc[0]:g})", cmap="Blues",
                         x_rotation=30)
    first, last = int(recomputed.period_first_year.min()), int(recomputed.period_last_year.max())
    inputs = [
        printed_inputs("printed Table 3", len(printed)),
        yearbook_inputs(read, "port inputs", seed="000", entity_type="port", entity_filter=CLUSTER_PORTS,
                        first_year=first, last_year=last),
        yearbook_inputs(read, "prefecture inputs", seed="000", entity_type="prefecture",
                        entity_filter=CLUSTER_PREFECTURES, first_year=first, last_year=last),
    ]
    return figure(
        "seed000-table3", "000",
        "Grey relational grades of the port clusters and their local economies (seed 000, Table 3)",
        "口岸集群与地方经济的灰色关联度（表3）",
        f"Grey relational grade (灰色关联度) of each cluster's port activity against each economic "
        f"indicator of its prefectures, {first}-{last}. (a) as printed; (b) fct_port_cluster_grey_relation.",
        inputs, charts.to_svg(fig, "seed000-table3"))


# Seed 001 ---------------------------------------------------------------------------------------

def border_growth_inputs(read: Reader) -> InputCount:
    """The yearbook observations of the nine provinces over the GMM's years (one lag before the
    first period)."""
    years = read("""
        select min(period_start) - 1 as first_year, max(period_end) as last_year
        from marts.fct_border_growth_gmm""").iloc[0]
    return yearbook_inputs(read, "yearbook inputs of the 9 provinces", seed="001", entity_type="region",
                           entity_filter=LAND_BORDER_PROVINCES, first_year=int(years.first_year),
                           last_year=int(years.last_year))


def gmm_estimates(read: Reader) -> pd.DataFrame:
    """Printed and recomputed coefficients side by side: term, period, source, coefficient, std_error."""
    printed = read("""
        select dependent_variable, period_start, period_end, term_code, term_printed,
            'printed (seed 001)' as source, coefficient, std_error, significance_stars, false as is_sample
        from marts.fct_published_gmm_estimates""")
    recomputed = read("""
        select dependent_variable, period_start, period_end, term_code,
            estimator || ' GMM, ' || instrument_set || ' instruments' as source,
            coefficient, std_error, significance_stars, is_sample
        from marts.fct_border_growth_gmm
        order by estimator, instrument_set""")
    labels = printed.drop_duplicates("term_code").set_index("term_code").term_printed
    recomputed["term_printed"] = recomputed.term_code.map(labels)
    both = pd.concat([printed, recomputed], ignore_index=True)
    both["term"] = both.term_printed.fillna(both.term_code)
    both["period"] = period_label(both)
    return both


def period_label(frame: pd.DataFrame) -> pd.Series:
    """'1992–2020' from period_start and period_end, as the paper heads its columns."""
    return frame.period_start.astype(str) + "–" + frame.period_end.astype(str)


def printed_period_order(frame: pd.DataFrame) -> list[str]:
    """The full period first, then the sub-periods in time order, as the paper prints them."""
    ordered = frame.assign(length=frame.period_end - frame.period_start).sort_values(
        ["length", "period_start"], ascending=[False, True])
    return list(dict.fromkeys(ordered.period))


def gmm_coefficients(read: Reader) -> dict[str, object]:
    """Seed 001 Tables 1 and 3 as coefficient plots."""
    both = gmm_estimates(read)
    outcomes = [("growth_rate", "Table 1: growth rate 经济增长率"),
                ("relative_gdp_per_capita", "Table 3: relative GDP per capita 相对人均GDP")]
    periods = printed_period_order(both)
    fig, axes = charts.new_figure(len(outcomes), len(periods), width=12, height=7.5)
    for row, (outcome, outcome_label) in enumerate(outcomes):
        for column, period in enumerate(periods):
            panel = both[(both.dependent_variable == outcome) & (both.period == period)]
            charts.coefficient_panel(axes[row, column], panel, f"{outcome_label}, {period}")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), frameon=False)
    printed_rows = both[both.source.str.startswith("printed")]
    inputs = [
        printed_inputs("printed Tables 1 and 3", len(printed_rows)),
        border_growth_inputs(read),
    ]
    return figure(
        "seed001-coefficients", "001",
        "GMM coefficients of the land-border provinces' growth (seed 001, Tables 1 and 3)",
        "沿边省区经济增长的GMM估计系数：差分GMM与系统GMM（表1、表3）",
        "Coefficients with 95% intervals (±1.96 robust standard errors): as printed, and as the "
        "warehouse's two-step difference GMM (the paper's estimator) and system GMM (an extension) "
        "estimate them (fct_border_growth_gmm), each with the paper's instrument set and with a "
        "parsimonious one. Intervals running off the axis are the paper set's: with far more instruments "
        "than the 9 provinces its weight matrix is singular.",
        inputs, charts.to_svg(fig, "seed001-coefficients"))


def gmm_tables(read: Reader) -> dict[str, object]:
    """Seed 001 Tables 1 and 3 with diagnostics and warnings, printed beside recomputed."""
    both = gmm_estimates(read)
    both["cell"] = [
        "" if pd.isna(c) else f"{c:.4f}{s if isinstance(s, str) else ''} ({e:.4g})"
        for c, e, s in zip(both.coefficient, both.std_error, both.significance_stars)]
    diagnostics = read("""
        select dependent_variable, period_start, period_end,
            estimator || ' GMM, ' || instrument_set || ' instruments' as source,
            n_obs, n_groups, n_instruments, hansen_p, ar1_p, ar2_p, hansen_note, warnings, is_sample
        from marts.fct_border_growth_gmm_diagnostics
        order by estimator, instrument_set""")
    statistics = read("""
        select dependent_variable, period_start, period_end, statistic_code, value
        from marts.fct_published_gmm_statistics""")
    sections = []
    for outcome, label in [("growth_rate", "Table 1 表1 — dependent variable: growth rate"),
                           ("relative_gdp_per_capita", "Table 3 表3 — dependent variable: relative GDP per capita")]:
        rows = both[both.dependent_variable == outcome]
        wide = rows.pivot_table(index="term", columns=["period", "source"], values="cell", aggfunc="first")
        sources = list(dict.fromkeys(rows.source))
        wide = wide.reindex(index=list(dict.fromkeys(rows.term)), columns=pd.MultiIndex.from_tuples(
            [(period, source) for period in printed_period_order(both) for source in sources]))
        wide.columns = [f"{period} {source}" for period, source in wide.columns]
        sections.append(f"<h4>{html.escape(label)}</h4>"
                        + html_table(wide.reset_index(), f"gmm-{outcome}"))
        printed_stats = statistics[statistics.dependent_variable == outcome].pivot_table(
            index=["period_start", "period_end"], columns="statistic_code", values="value").reset_index()
        printed_stats.insert(2, "source", "printed (seed 001)")
        recomputed = diagnostics[diagnostics.dependent_variable == outcome].drop(
            columns=["dependent_variable", "is_sample"])
        table = pd.concat([printed_stats.rename(columns={"m1_p": "ar1_p", "m2_p": "ar2_p"}), recomputed],
                          ignore_index=True)
        table["period"] = period_label(table)
        rank = {period: i for i, period in enumerate(printed_period_order(both))}
        table = table.assign(rank=table.period.map(rank)).sort_values(["rank", "source"], kind="stable")
        columns = ["period_start", "period_end", "source", "n_obs", "n_groups", "n_instruments",
                   "hansen_p", "ar1_p", "ar2_p", "hansen_note", "warnings"]
        sections.append("<p>Diagnostics: instruments beside groups, Hansen J p-value (Hansen检验; empty where "
                        "the test does not exist, with the reason), AR(1)/AR(2) p-values (m1, m2).</p>"
                        + html_table(table.reindex(columns=columns), f"gmm-diagnostics-{outcome}",
                                     lambda r: "warning" if isinstance(r.warnings, str) and r.warnings else ""))
    inputs = [
        printed_inputs("printed Tables 1 and 3", int(both.source.str.startswith("printed").sum()) + len(statistics)),
        border_growth_inputs(read),
    ]
    return figure(
        "seed001-tables", "001",
        "Difference- and system-GMM tables with diagnostics and warnings (seed 001, Tables 1 and 3)",
        "差分GMM与系统GMM估计结果与检验（表1、表3）",
        "Each cell: coefficient, significance stars (*** 1%, ** 5%, * 10%) and robust standard error "
        "in brackets; columns: printed, then each estimator and instrument set. Rows with a warning are "
        "highlighted; the notes and warnings explain why the paper's instrument set cannot be estimated "
        "reliably with 9 provinces and why its Hansen test carries no information. The difference-in-"
        "Hansen tests of each instrument group are in fct_border_growth_gmm_instrument_tests.",
        inputs, "".join(sections), kind="table")


# Seed 004 ---------------------------------------------------------------------------------------

BORDER_SHARES = """
    select shares.indicator_code, indicators.indicator_name, indicators.indicator_name_en, shares.unit,
        shares.region_short_name || ' ' || regions.region_name_en as province, shares.region_code, shares.year,
        shares.share_of_national_pct, shares.border_share_printed_pct, shares.yoy_growth_pct, shares.is_sample
    from marts.fct_border_opening_shares as shares
    inner join marts.dim_indicator as indicators on shares.indicator_code = indicators.indicator_code
    inner join marts.dim_region as regions on shares.region_code = regions.region_code
    order by shares.indicator_code, shares.region_code, shares.year"""


def border_shares(read: Reader) -> dict[str, object]:
    """Seed 004 Tables 1–4: each border province's share of the national total, stacked."""
    shares = read(BORDER_SHARES)
    indicators = list(dict.fromkeys(shares.indicator_code))
    fig, axes = charts.small_multiples(len(indicators), 3, width=12, row_height=3.4)
    for ax, indicator in zip(axes, indicators):
        rows = shares[shares.indicator_code == indicator]
        stacked = rows.pivot(index="year", columns="province", values="share_of_national_pct")
        stacked = stacked[list(dict.fromkeys(rows.province))]
        charts.stacked_bar_panel(ax, stacked, f"{rows.indicator_name.iloc[0]}\n{rows.indicator_name_en.iloc[0]}",
                                 "% of national 占全国比重")
        printed = rows.groupby("year").border_share_printed_pct.first().reindex(stacked.index)
        ax.scatter(np.arange(len(printed)), printed, marker="_", s=300, color="black", zorder=5,
                   label="border total printed")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, frameon=False, loc="outside right center")
    return figure(
        "seed004-shares", "004",
        "Border provinces' shares of the national totals (seed 004, Tables 1–4)",
        "沿边省区外贸、外资、对外投资与入境旅游占全国比重（表1—表4）",
        "Bars: each of the nine land-border provinces' share of the national total (fct_border_opening_shares), "
        "stacked to the border provinces' combined share; black ticks: the combined share printed in the paper.",
        [mart_rows("printed province values", shares)], charts.to_svg(fig, "seed004-shares"))


def border_growth(read: Reader) -> dict[str, object]:
    """Seed 004 Tables 1–4: year-on-year growth of each indicator by province."""
    shares = read(BORDER_SHARES)
    indicators = list(dict.fromkeys(shares.indicator_code))
    fig, axes = charts.small_multiples(len(indicators), 3, width=13, row_height=3.6)
    for ax, indicator in zip(axes, indicators):
        rows = shares[shares.indicator_code == indicator]
        matrix = rows.pivot(index="province", columns="year", values="yoy_growth_pct")
        matrix = matrix.reindex(list(dict.fromkeys(rows.province))).dropna(axis=1, how="all")
        charts.heatmap_panel(ax, matrix, f"{rows.indicator_name.iloc[0]} {rows.indicator_name_en.iloc[0]}",
                             value_format="{:.0f}", cmap="RdBu", centre_zero=True)
    return figure(
        "seed004-growth", "004",
        "Year-on-year growth of the border provinces' opening-up (seed 004, Tables 1–4)",
        "沿边省区对外开放指标同比增长率（%）",
        "Growth over the previous year in % (同比增长), computed from the printed values "
        "(fct_border_opening_shares.yoy_growth_pct); blue is growth, red decline.",
        [mart_rows("printed province values", shares)], charts.to_svg(fig, "seed004-growth"))


# Checks -----------------------------------------------------------------------------------------

# the provenance badge's green for agreement, the mismatch rows' orange for the papers' own slips
STATUS_COLOURS = {"pass": "#2e7d32", "mismatch_in_paper": "#ef6c00"}


def published_checks(read: Reader) -> dict[str, object]:
    """rpt_published_checks: what agrees with the papers and what does not."""
    checks = read("""
        select check_id, check_kind, left(source_doc, 3) as seed, source_table, check_name, subject,
            coalesce(expected_text, cast(round(expected, 6) as varchar)) as expected,
            coalesce(computed_text, cast(round(computed, 6) as varchar)) as computed,
            abs_difference, tolerance, status, note
        from marts.rpt_published_checks
        order by status = 'pass', check_id""")
    counts = checks.pivot_table(index="seed", columns="status", values="check_id", aggfunc="count").fillna(0)
    counts = counts[sorted(counts.columns, key=lambda status: status != "pass")]
    fig, axes = charts.new_figure(1, 1, width=7, height=2.6)
    charts.stacked_bar_panel(axes[0, 0], counts, "Checks per seed paper by status", "checks",
                             colours=[STATUS_COLOURS.get(status, "#c62828") for status in counts.columns])
    axes[0, 0].legend(fontsize=8, frameon=False)
    summary = "; ".join(
        f"{len(kind)} {kind_name} (" + ", ".join(f"{int(n)} {status}" for status, n in kind.status.value_counts().items()) + ")"
        for kind_name, kind in checks.groupby("check_kind", sort=False))
    body = (charts.to_svg(fig, "checks-summary")
            + '<p><label><input type="checkbox" id="checks-mismatch-only"> show only the mismatches</label></p>'
            + '<div class="scroll">'
            + html_table(checks, "checks-table", lambda r: "mismatch" if r.status != "pass" else "")
            + "</div>")
    return figure(
        "published-checks", "all",
        "What agrees with the papers and what does not (rpt_published_checks)",
        "与论文发表结果的核对",
        f"{len(checks)} checks: {summary}. A published check compares a printed figure with the same "
        "quantity recomputed from the papers' own printed inputs (totals, shares, ratios, weights, grades, "
        "ranks); a derived check is this project's own assertion about the printed figures. A "
        "mismatch_in_paper is an inconsistency inside the paper itself, explained in its note.",
        [printed_inputs("printed figures checked", len(checks))], body)


FIGURES: tuple[Callable[[Reader], dict[str, object]], ...] = (
    yangtze_indices, yangtze_dispersion, yangtze_table1,
    port_cluster_tree, port_coupling, port_grey_relation,
    gmm_coefficients, gmm_tables,
    border_shares, border_growth,
    published_checks,
)
