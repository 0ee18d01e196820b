"""Paper 003's figures: the Yangtze belt's openness indices (Figure 1), their dispersion (Figure 2) and Table
1."""

from __future__ import annotations

import pandas as pd

from opening_up.report import charts
from opening_up.report.figures.common import YANGTZE_PROVINCES, Reader, figure
from opening_up.report.provenance import printed_inputs, yearbook_inputs


def yangtze_indices(read: Reader) -> dict[str, object]:
    """Paper 003 Figure 1: composite, trade and investment openness of the belt over time."""
    belt = read("""
        select year, composite_openness_index, trade_openness_index, investment_openness_index, is_sample
        from marts.fct_region_group_openness where group_code = 'yangtze_belt' order by year""")
    printed = read("""
        select year, value from marts.fct_published_stated_figures
        where subject = 'Yangtze belt composite openness index' and year is not null order by year""")
    fig, axes = charts.new_figure(1, 2, width=10, height=3.6)
    charts.line_panel(axes[0, 0], belt, "year", [("composite_openness_index", "composite 综合开放指数")],
                      "(a) composite index 综合开放指数", "index")
    charts.mark_points(axes[0, 0], printed.year, printed.value, "printed in paper 003")
    charts.line_panel(axes[0, 1], belt, "year", [("trade_openness_index", "trade 贸易开放指数"),
                                                 ("investment_openness_index", "investment 投资开放指数")],
                      "(b) trade and investment indices 贸易/投资开放指数", "index")
    inputs = [
        yearbook_inputs(read, "yearbook inputs of the 11 provinces", paper="003", entity_type="region",
                        entity_filter=YANGTZE_PROVINCES, first_year=int(belt.year.min()),
                        last_year=int(belt.year.max())),
        printed_inputs("printed endpoints", len(printed)),
    ]
    return figure(
        "seed003-figure1", "003",
        "Openness indices of the Yangtze River Economic Belt over time (paper 003, Figure 1)",
        "长江经济带对外开放指数的变化（图1）",
        "Mean over the 11 provinces of the composite index (trade scale × investment scale / GDP; "
        "贸易开放度 × 投资开放度) and of its trade and investment parts, from fct_region_group_openness. "
        "Hollow circles: the belt's index printed in the paper's text for the first and last year; they "
        "stand several times above the computed line because paper 003 states no scale for its index "
        "(Table 1's caption below measures the ratio), so compare the course over time, not the level.",
        inputs, charts.to_svg(fig, "seed003-figure1"))


def yangtze_dispersion(read: Reader) -> dict[str, object]:
    """Paper 003 Figure 2: the population-weighted coefficient of variation over time."""
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
    charts.mark_points(axes[0, 0], printed.year, printed.value, "printed in paper 003")
    inputs = [
        yearbook_inputs(read, "yearbook inputs of the 11 provinces", paper="003", entity_type="region",
                        entity_filter=YANGTZE_PROVINCES, first_year=int(dispersion.year.min()),
                        last_year=int(dispersion.year.max())),
        printed_inputs("printed values", len(printed)),
    ]
    return figure(
        "seed003-figure2", "003",
        "Regional disparity of openness in the Yangtze belt (paper 003, Figure 2)",
        "长江经济带对外开放水平的人口加权变异系数（图2）",
        "Coefficient of variation of the provinces' composite index weighted by year-end population "
        "(人口加权变异系数), from fct_openness_dispersion, in the three variants the mart carries. "
        "Hollow circles: the values the paper states (1993, its 1998 maximum, 2022).",
        inputs, charts.to_svg(fig, "seed003-figure2"))


def yangtze_table1(read: Reader) -> dict[str, object]:
    """Paper 003 Table 1 as heat maps: printed, and the same cells from the warehouse's marts."""
    cells = read("""
        select row_label, row_order, year, printed_value, computed_value, is_sample
        from marts.rpt_yangtze_table1_cells order by row_order, year""")
    rows = list(dict.fromkeys(cells.row_label))
    years = sorted(cells.year.unique())
    printed_matrix = cells.pivot(index="row_label", columns="year", values="printed_value").reindex(rows)
    warehouse_matrix = cells.pivot(index="row_label", columns="year", values="computed_value").reindex(
        index=rows, columns=years)
    if warehouse_matrix.isna().all().all():
        raise ValueError(
            "rpt_yangtze_table1_cells: the warehouse computes none of the cells of paper 003 Table 1"
        )
    both = cells.dropna(subset=["printed_value", "computed_value"])
    both = both[(both.printed_value > 0) & (both.computed_value > 0)]
    ratio = both.printed_value / both.computed_value
    factor, low, high = ratio.median(), ratio.quantile(0.25), ratio.quantile(0.75)
    reconciled = int((((both.computed_value * factor) / both.printed_value - 1).abs() <= 0.25).sum())
    shared = pd.concat([printed_matrix.stack(), warehouse_matrix.stack()])
    shared = shared[shared > 0]
    limits = (float(shared.min()), float(shared.max()))
    fig, axes = charts.new_figure(2, 2, width=11, height=9)
    charts.heatmap_panel(axes[0, 0], printed_matrix, "(a) printed in paper 003 Table 1, its own scale",
                         value_format="{:.3g}")
    charts.heatmap_panel(axes[0, 1], warehouse_matrix, "(b) computed by the warehouse, its own scale",
                         value_format="{:.3g}")
    charts.heatmap_panel(axes[1, 0], printed_matrix, "(c) printed, on the pair's one (log) scale",
                         limits=limits, log_scale=True, value_format="{:.3g}")
    charts.heatmap_panel(axes[1, 1], warehouse_matrix, "(d) computed, on the pair's one (log) scale",
                         limits=limits, log_scale=True, value_format="{:.3g}")
    inputs = [
        printed_inputs("printed Table 1", int(printed_matrix.notna().sum().sum())),
        yearbook_inputs(read, "yearbook inputs of the computed cells", paper="003", entity_type="region",
                        entity_filter=YANGTZE_PROVINCES, first_year=int(years[0]), last_year=int(years[-1])),
    ]
    return figure(
        "seed003-table1", "003",
        "Composite openness index by province and year (paper 003, Table 1)",
        "长江经济带各省市综合开放指数（表1）",
        "Rows: the 11 provinces from the lower to the upper reach, each reach's mean after its "
        "provinces. (a) the values printed in the paper; (b) the same cells computed from the "
        "warehouse's yearbook inputs (fct_province_openness and, for the reaches, "
        "fct_region_group_openness), each on its own colour scale; (c) and (d) the same two on one "
        "logarithmic scale, so that a colour means the same value in both. The levels differ: paper 003 "
        "states no unit or scale for its index; the warehouse states T, I and Z in 万亿元 (10^12 yuan: "
        f"trade × FIE investment / GDP). Printed ÷ computed is {factor:.3g} at the median of the "
        f"{len(both)} cells both have (quartiles {low:.3g} and {high:.3g}), so no single scale factor "
        f"reconciles them: scaled by {factor:.3g}, {reconciled} of {len(both)} computed cells fall within "
        "25% of the printed value. The computed cells rest on the inputs counted below (sample data "
        "where no yearbook file has been loaded), so compare the pattern across provinces and years, "
        "not the level.",
        inputs, charts.to_svg(fig, "seed003-table1"))
