"""Beyond the papers: the spatial pattern of paper 003's openness index over the 31 provinces, drawn from
fct_openness_spatial_autocorrelation, fct_openness_lisa and the spatial chains of fct_openness_markov
(the Moran scatter plot, the LISA cluster map on a tile-grid map, the spatial transition matrices)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import colormaps

from opening_up.report import charts
from opening_up.report.figures.common import Reader, figure
from opening_up.report.figures.regional_openness import SECTION, province_inputs
from opening_up.report.tile_map import tile_map_panel

INDEX = "composite_openness_index"
WEIGHTS = "rook"
QUADRANT_COLOURS = {"HH": "#d7191c", "LL": "#2c7bb6", "LH": "#abd9e9", "HL": "#fdae61"}
NOT_SIGNIFICANT = "#e6e6e6"
WEIGHTS_LABELS = {"rook": "rook 邻接", "inverse_distance": "inverse distance 反距离", "knn6": "kNN-6 k近邻"}


def _lisa(read: Reader) -> pd.DataFrame:
    """The LISA rows of the composite index on rook weights in the last year, with the provinces'
    names and squares."""
    return read(f"""
        select l.*, r.region_short_name, r.tile_column, r.tile_row
        from marts.fct_openness_lisa as l
        inner join marts.dim_region as r on l.region_code = r.region_code
        where l.index_code = '{INDEX}' and l.weights_type = '{WEIGHTS}'
            and l.year = (select max(year) from marts.fct_openness_lisa)
        order by l.region_code""")


def openness_moran(read: Reader) -> dict[str, object]:
    """The Moran scatter plot of the last year and global Moran's I by year and weights type."""
    lisa = _lisa(read)
    year = int(lisa.year.iloc[0])
    global_rows = read(f"""
        select year, weights_type, value, p_permutation, is_sample
        from marts.fct_openness_spatial_autocorrelation
        where index_code = '{INDEX}' and statistic = 'moran_i' order by weights_type, year""")
    moran = global_rows[(global_rows.weights_type == WEIGHTS) & (global_rows.year == year)].value.iloc[0]
    fig, axes = charts.new_figure(1, 2, width=14, height=4.6)
    scatter = axes[0, 0]
    scatter.scatter(lisa.standardized_value, lisa.spatial_lag, s=28,
                    c=[QUADRANT_COLOURS[q] for q in lisa.quadrant], edgecolors="black", linewidths=0.4)
    for row in lisa.itertuples():
        scatter.annotate(row.region_short_name, (row.standardized_value, row.spatial_lag), fontsize=6.5,
                         xytext=(3, 2), textcoords="offset points")
    span = np.array([lisa.standardized_value.min(), lisa.standardized_value.max()])
    scatter.plot(span, moran * span, color="black", linewidth=1, label=f"slope = Moran's I = {moran:.3f}")
    scatter.axhline(0, color="grey", linewidth=0.6)
    scatter.axvline(0, color="grey", linewidth=0.6)
    scatter.set_xlabel("standardised index z 标准化值")
    scatter.set_ylabel("spatial lag Wz 空间滞后")
    scatter.set_title(f"(a) Moran scatter plot 莫兰散点图, {year}, rook weights", loc="left", fontsize=10)
    scatter.legend(fontsize=8, frameon=False, loc="upper right")
    trend = axes[0, 1]
    by_weights = global_rows.groupby("weights_type")
    for (weights_type, rows), colour in zip(by_weights, charts.PALETTE, strict=False):
        trend.plot(rows.year, rows.value, color=colour, linewidth=1.4, label=WEIGHTS_LABELS[weights_type])
        significant = rows[rows.p_permutation < 0.05]
        trend.scatter(significant.year, significant.value, color=colour, s=18, zorder=5)
    expected = -1 / (len(lisa) - 1)
    trend.axhline(expected, color="grey", linewidth=0.8, linestyle="--", label="E[I] = −1/(n − 1)")
    trend.set_title("(b) Global Moran's I 全局莫兰指数 by year (dots: permutation p < 0.05)", loc="left",
                    fontsize=10)
    trend.set_ylabel("Moran's I")
    trend.legend(fontsize=8, frameon=False)
    on_rook = global_rows[global_rows.weights_type == WEIGHTS]
    significant_years = on_rook[on_rook.p_permutation < 0.05]
    return figure(
        "regional-moran", SECTION,
        "Do open provinces cluster? Global Moran's I "
        "(fct_openness_spatial_autocorrelation, fct_openness_lisa)",
        "综合开放指数的全局空间自相关（莫兰散点图与全局莫兰指数）",
        f"(a) Each province's composite index in {year}, standardised over the 31 provinces, against the "
        "average of its land neighbours' (rook weights, 海南 linked to 广东 by convention); the slope of "
        f"the line is Moran's I ({moran:.3f}); colours are the quadrants (HH upper right, LL lower left). "
        "(b) Moran's I by year on each weights type; with rook weights it is significant (999 "
        f"permutations, p < 0.05) in {len(significant_years)} of {global_rows.year.nunique()} years.",
        province_inputs(read, global_rows.year), charts.to_svg(fig, "regional-moran"))


def openness_lisa_map(read: Reader) -> dict[str, object]:
    """The standardised index and the LISA clusters of the last year on the tile-grid map."""
    lisa = _lisa(read)
    year = int(lisa.year.iloc[0])
    fig, axes = charts.new_figure(1, 2, width=13, height=5.2)
    cmap = colormaps["RdBu_r"]
    values = lisa.assign(label=lisa.region_short_name,
                         colour=[cmap((np.clip(v, -2, 2) + 2) / 4) for v in lisa.standardized_value])
    tile_map_panel(axes[0, 0], values, f"(a) Standardised composite index 标准化综合开放指数, {year}",
                   legend={"z ≥ 2": cmap(1.0), "z = 0": cmap(0.5), "z ≤ −2": cmap(0.0)})
    clusters = lisa.assign(
        label=lisa.region_short_name,
        colour=[QUADRANT_COLOURS[q] if significant else NOT_SIGNIFICANT
                for q, significant in zip(lisa.quadrant, lisa.is_significant, strict=True)],
        emphasis=lisa.is_significant_fdr)
    tile_map_panel(axes[0, 1], clusters, f"(b) LISA clusters LISA集聚图, {year}, rook weights, p < 0.05",
                   legend={"HH 高-高": QUADRANT_COLOURS["HH"], "LL 低-低": QUADRANT_COLOURS["LL"],
                           "LH 低-高": QUADRANT_COLOURS["LH"], "HL 高-低": QUADRANT_COLOURS["HL"],
                           "not significant 不显著": NOT_SIGNIFICANT})
    counts = lisa[lisa.is_significant].quadrant.value_counts()
    found = ", ".join(f"{counts[q]} {q}" for q in QUADRANT_COLOURS if q in counts) or "none"
    return figure(
        "regional-lisa-map", SECTION,
        "Where open and closed provinces cluster: the LISA map (fct_openness_lisa)",
        "综合开放指数的局部空间自相关（LISA集聚图）",
        f"A tile-grid map: one square per province in its approximate position (the project's layout in "
        f"dim_region; no boundaries). (a) The composite index in {year}, standardised over the 31 provinces. "
        "(b) Local Moran's I on rook weights: provinces whose conditional permutation p-value is below 0.05 "
        "in the colour of their quadrant (HH a high province among high neighbours, LL low among low, LH "
        "and HL the outliers); a black outline marks those still significant under the false-discovery "
        f"rate. Significant in {year}: {found}.",
        province_inputs(read, lisa.year), charts.to_svg(fig, "regional-lisa-map"))


def openness_spatial_markov(read: Reader) -> dict[str, object]:
    """The composite index's spatial Markov matrices, one per lag class of its land neighbours."""
    rows = read(f"""
        select lag_class, from_class, to_class, n_transitions, probability, is_sample
        from marts.fct_openness_markov
        where index_code = '{INDEX}' and kind = 'spatial' order by lag_class, from_class, to_class""")
    fig, axes = charts.new_figure(1, 4, width=17, height=3.8)
    for ax, (lag_class, chain) in zip(axes[0], rows.groupby("lag_class"), strict=True):
        matrix = chain.pivot(index="from_class", columns="to_class", values="probability")
        counts = chain.groupby("from_class").n_transitions.sum()
        matrix.index = [f"{c} (n {counts[c]})" for c in matrix.index]
        charts.heatmap_panel(ax, matrix, f"neighbours in class {lag_class}", limits=(0.0, 1.0))
        ax.set_xlabel("class in t + 1")
    axes[0, 0].set_ylabel("class in t (transitions n)")
    years = read("select min(year) as first_year, max(year) as last_year from marts.fct_openness_lisa")
    return figure(
        "regional-spatial-markov", SECTION,
        "Does the neighbourhood pull a province up or down? Spatial Markov chains (fct_openness_markov)",
        "综合开放指数的空间马尔可夫转移概率矩阵",
        "The classic chain of the composite index split by the class of the province's land neighbours "
        "(the rook-weighted average of their relative index, in quartiles pooled over the years) at the "
        "start of each transition (Rey 2001). Compared with the classic matrix above, a larger chance of "
        "moving up among high neighbours than among low ones is a spatial spillover. Empty rows are classes "
        "no province held with such neighbours.",
        province_inputs(read, pd.Series([int(years.first_year.iloc[0]), int(years.last_year.iloc[0])])),
        charts.to_svg(fig, "regional-spatial-markov"))
