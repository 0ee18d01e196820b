"""Paper 000's figures: the dynamic clustering tree (Figure 2), the port-economy coupling (Figure 3,
Table 5) and the grey relational grades (Table 3)."""

from __future__ import annotations

import re

import pandas as pd

from opening_up.report import charts
from opening_up.report.figures.common import (
    CLUSTER_PORTS,
    CLUSTER_PREFECTURES,
    EVALUATION_UNITS,
    Reader,
    figure,
)
from opening_up.report.provenance import printed_inputs, yearbook_inputs


def port_cluster_tree(read: Reader) -> dict[str, object]:
    """Paper 000 Figure 2: the dynamic clustering tree (动态聚类图) of the 38 evaluation units."""
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
    for ax, basis in zip(axes[:, 0], bases, strict=True):
        merges = tree[tree.basis == basis]
        check_leaf_order(merges, units.port_code.tolist())
        linkage = charts.linkage_from_merges(merges, len(units))
        charts.dendrogram_panel(ax, linkage, labels, f"basis: {basis}", cuts)
        years = [int(y) for y in re.findall(r"\d{4}", basis)]
        inputs.append(yearbook_inputs(read, f"port inputs ({basis})", paper="000", entity_type="port",
                                      entity_filter=EVALUATION_UNITS, first_year=min(years),
                                      last_year=max(years)))
    return figure(
        "seed000-figure2", "000",
        "Dynamic clustering tree of the 38 border ports (paper 000, Figure 2)",
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
            raise ValueError(
                f"fct_port_fuzzy_tree step {merge.merge_step}: members do not match the leaf order"
            )
        members[len(leaf_codes) + int(merge.merge_step) - 1] = joined


def port_coupling(read: Reader) -> dict[str, object]:
    """Paper 000 Figure 3 and Table 5: u1, u2 and the coupling under each formula."""
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
        "seed000-figure3",
        "000",
        "Port-economy scores and coupling coordination of Guangxi and Yunnan (paper 000, Figure 3 and Table "
        "5)",
        "广西、云南口岸经济耦合协调（图3、表5）",
        "u1 and u2 as printed in Table 5; C and D recomputed from them under each formula "
        "(fct_published_port_coupling_coordination). The printed formula C = √(u1u2)/(u1+u2) never "
        "exceeds 0.5, so every year grades as 失调 (imbalance) whatever the scores; the standard "
        "two-system formula doubles it.",
        [printed_inputs("printed Table 5 u1, u2 and C", 3 * len(table))],
        charts.to_svg(fig, "seed000-figure3"),
    )


def port_grey_relation(read: Reader) -> dict[str, object]:
    """Paper 000 Table 3 as heat maps: grey relational grades of each cluster against its economy."""
    grades = read("""
        select cluster_label as cluster, item_printed as item, printed_grade, computed_grade, is_sample,
            period_first_year, period_last_year, rho
        from marts.rpt_port_grey_relation_against_published""")
    printed_matrix = grades.pivot(index="cluster", columns="item", values="printed_grade")
    computed_matrix = grades.pivot(index="cluster", columns="item", values="computed_grade")
    fig, axes = charts.new_figure(1, 2, width=12, height=3.8)
    charts.heatmap_panel(axes[0, 0], printed_matrix, "(a) printed in paper 000 Table 3", cmap="Blues",
                         x_rotation=30)
    charts.heatmap_panel(
        axes[0, 1],
        computed_matrix,
        f"(b) recomputed by the warehouse (ρ = {grades.rho.iloc[0]:g})",
        cmap="Blues",
        x_rotation=30,
    )
    first, last = int(grades.period_first_year.min()), int(grades.period_last_year.max())
    inputs = [
        printed_inputs("printed Table 3", len(grades)),
        yearbook_inputs(read, "port inputs", paper="000", entity_type="port", entity_filter=CLUSTER_PORTS,
                        first_year=first, last_year=last),
        yearbook_inputs(read, "prefecture inputs", paper="000", entity_type="prefecture",
                        entity_filter=CLUSTER_PREFECTURES, first_year=first, last_year=last),
    ]
    return figure(
        "seed000-table3", "000",
        "Grey relational grades of the port clusters and their local economies (paper 000, Table 3)",
        "口岸集群与地方经济的灰色关联度（表3）",
        f"Grey relational grade (灰色关联度) of each cluster's port activity against each economic "
        f"indicator of its prefectures, {first}-{last}. (a) as printed; (b) fct_port_cluster_grey_relation.",
        inputs, charts.to_svg(fig, "seed000-table3"))
