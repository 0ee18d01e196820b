"""Beyond the papers: the field's standard measures on paper 003's openness index for all 31 provinces,
drawn from the regional_openness marts (disparity and its decomposition, β-convergence, the yearly
densities and the obstacle degree)."""

from __future__ import annotations

import pandas as pd

from opening_up.report import charts
from opening_up.report.figures.common import Reader, figure, html_table
from opening_up.report.provenance import yearbook_inputs

PROVINCES = "select region_code from marts.dim_region where region_level = 'province'"
SECTION = "regional"


def province_inputs(read: Reader, years: pd.Series) -> list:
    """The provenance of a figure over the 31 provinces' yearbook inputs in the years shown."""
    return [yearbook_inputs(
        read, "yearbook inputs of the 31 provinces", paper="003", entity_type="region",
        entity_filter=PROVINCES, first_year=int(years.min()), last_year=int(years.max()))]


def openness_disparity(read: Reader) -> dict[str, object]:
    """Dagum's decomposition of the Gini by NBS region and the σ of σ-convergence, by year."""
    rows = read("""
        select year, grouping, measure, value, is_sample from marts.fct_openness_disparity
        where index_code = 'composite_openness_index' and group_code is null
            and grouping in ('nbs_four_regions', 'land_border') order by year""")
    dagum = rows[rows.grouping == "nbs_four_regions"].pivot(index="year", columns="measure", values="value")
    theil = rows[rows.grouping == "land_border"].pivot(index="year", columns="measure", values="value")
    fig, axes = charts.new_figure(1, 3, width=15, height=3.8)
    parts = dagum[["dagum_within", "dagum_net_between", "dagum_transvariation"]].rename(columns={
        "dagum_within": "within 区域内", "dagum_net_between": "net between 区域间",
        "dagum_transvariation": "transvariation 超变密度"})
    charts.stacked_bar_panel(axes[0, 0], parts, "(a) Dagum Gini by NBS region 四大地区", "Gini")
    axes[0, 0].tick_params(axis="x", labelrotation=90, labelsize=6)
    # Headroom above the bars for the legend.
    axes[0, 0].set_ylim(0, float(dagum.gini.max()) * 1.3)
    axes[0, 0].legend(fontsize=7, frameon=False, loc="upper center", ncol=3)
    charts.line_panel(
        axes[0, 1],
        theil.reset_index(),
        "year",
        [
            ("theil_t", "Theil T 泰尔指数"),
            ("theil_t_within", "within 组内"),
            ("theil_t_between", "between 组间"),
        ],
        "(b) Theil T, land-border vs other provinces",
        "Theil T",
    )
    charts.line_panel(
        axes[0, 2],
        dagum.reset_index(),
        "year",
        [("cv", "CV 变异系数"), ("log_sd", "σ of ln index")],
        "(c) σ-convergence σ收敛 (31 provinces)",
        "dispersion",
    )
    return figure(
        "regional-disparity", SECTION,
        "Where the disparity of openness comes from, and whether it narrows (fct_openness_disparity)",
        "对外开放水平的区域差异及其来源（Dagum基尼系数、泰尔指数、σ收敛）",
        "Composite openness index of the 31 provinces. (a) Dagum's decomposition of the Gini coefficient "
        "over NBS's four regions: within-region, net between-region and transvariation parts stack to "
        "the Gini. (b) Theil T with its within/between parts for the nine land-border provinces and the "
        "other 22. (c) The coefficient of variation and the standard deviation of the log index: a "
        "falling line is σ-convergence.",
        province_inputs(read, rows.year), charts.to_svg(fig, "regional-disparity"))


def openness_convergence(read: Reader) -> dict[str, object]:
    """β-convergence of the composite index: all provinces and each NBS region, every period."""
    table = read("""
        select grouping, coalesce(group_code, '(all)') as group_code, kind, period_start, period_end,
            round(beta, 5) as beta, round(std_error, 5) as std_error, round(p_value, 4) as p_value,
            round(speed, 5) as speed, round(half_life_years, 1) as half_life_years, n_obs, is_sample
        from marts.fct_openness_convergence
        where index_code = 'composite_openness_index' and grouping in ('all_provinces', 'nbs_four_regions')
        order by grouping, group_code, kind, period_end - period_start desc, period_start""")
    return figure(
        "regional-convergence", SECTION,
        "β-convergence of the composite openness index (fct_openness_convergence)",
        "综合开放指数的β收敛检验（绝对β收敛与条件β收敛）",
        "Absolute β: OLS of the mean annual log growth on the initial log level across the provinces; "
        "conditional β: yearly log growth on the previous year's log level with province fixed effects, "
        "errors clustered by province. β < 0 is convergence; speed λ and half-life ln 2 / λ (years), empty "
        "where β does not converge. Periods: the whole span, then paper 003's four stages.",
        province_inputs(read, pd.concat([table.period_start, table.period_end])),
        '<div class="scroll">' + html_table(table, "convergence-table") + "</div>", kind="table")


def openness_densities(read: Reader) -> dict[str, object]:
    """The Gaussian kernel density of the composite index in every fifth year and the last."""
    densities = read("""
        select year, x, density, is_sample from marts.fct_openness_density
        where index_code = 'composite_openness_index' and kernel = 'gaussian' order by year, point""")
    years = sorted(densities.year.unique())
    shown = sorted(set(years[::5]) | {years[-1]})
    wide = pd.concat([densities[densities.year == year].set_index("x").density.rename(str(year))
                      for year in shown], axis=1)
    # One panel per year: the index grows a hundredfold over the period, so each year on its own scale.
    fig, panels = charts.small_multiples(len(shown), 4, width=14, row_height=2.6)
    for ax, year in zip(panels, shown, strict=True):
        frame = densities[densities.year == year]
        ax.plot(frame.x, frame.density, color=charts.PALETTE[0], linewidth=1.4)
        ax.fill_between(frame.x, frame.density, alpha=0.15, color=charts.PALETTE[0])
        ax.set_title(f"{year}", loc="left", fontsize=9)
        ax.tick_params(labelsize=7)
    panels[0].set_ylabel("density 核密度")
    return figure(
        "regional-density", SECTION,
        "How the distribution of openness moves (fct_openness_density)",
        "综合开放指数分布的动态演进（核密度估计）",
        f"Gaussian kernel, Silverman's bandwidth, in {len(shown)} of the {len(years)} years "
        f"({', '.join(wide.columns)}); the mart also holds every year and Stata's Epanechnikov kernel. "
        "Each year on its own axis (the index grows about a hundredfold over the period). A long right "
        "tail is a few far more open provinces; a second peak is polarisation.",
        province_inputs(read, densities.year), charts.to_svg(fig, "regional-density"))


def openness_obstacles(read: Reader) -> dict[str, object]:
    """The obstacle degree of the four components for each province in the last year, stacked."""
    rows = read("""
        select o.year, r.region_short_name, o.indicator_code, o.obstacle_degree, o.obstacle_rank, o.is_sample
        from marts.fct_openness_obstacle_degree as o
        inner join marts.dim_region as r on o.region_code = r.region_code
        where o.year = (select max(year) from marts.fct_openness_obstacle_degree)
        order by o.region_code""")
    year = int(rows.year.iloc[0])
    wide = rows.pivot(index="region_short_name", columns="indicator_code", values="obstacle_degree")
    wide = wide[["trade_scale", "trade_intensity", "investment_scale", "investment_intensity"]]
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=False).index]
    fig, axes = charts.new_figure(1, 1, width=13, height=3.8)
    charts.stacked_bar_panel(axes[0, 0], wide, f"Obstacle degree 障碍度 of each component, {year}", "share")
    axes[0, 0].tick_params(axis="x", labelsize=7)
    axes[0, 0].legend(fontsize=7, frameon=False, ncol=4)
    top = rows[rows.obstacle_rank == 1].indicator_code.value_counts()
    return figure(
        "regional-obstacles", SECTION,
        "What holds each province's openness back (fct_openness_obstacle_degree)",
        "制约各省区对外开放的障碍因素（障碍度模型）",
        f"For each province in {year}, the share of each component in its weighted shortfall from the best "
        "province (entropy weights × (1 − standardised value)); each bar sums to 1. The largest obstacle is "
        + ", ".join(f"{code} in {n}" for code, n in top.items()) + " provinces.",
        province_inputs(read, rows.year), charts.to_svg(fig, "regional-obstacles"))


def openness_markov(read: Reader) -> dict[str, object]:
    """The classic Markov transition matrix of each index, as heat maps of the probabilities."""
    rows = read("""
        select index_code, from_class, to_class, n_transitions, probability, ergodic_probability, is_sample
        from marts.fct_openness_markov where kind = 'classic' order by index_code, from_class, to_class""")
    indices = ["composite_openness_index", "trade_openness_index", "investment_openness_index"]
    fig, axes = charts.new_figure(1, 3, width=15, height=3.8)
    for ax, index in zip(axes[0], indices, strict=True):
        chain = rows[rows.index_code == index]
        matrix = chain.pivot(index="from_class", columns="to_class", values="probability")
        matrix.index = [f"{c} (π {p:.2f})" for c, p in
                        chain.groupby("from_class").ergodic_probability.first().items()]
        charts.heatmap_panel(ax, matrix, index.replace("_openness_index", ""), limits=(0.0, 1.0))
        ax.set_xlabel("class in t + 1")
    axes[0, 0].set_ylabel("class in t (ergodic share π)")
    years = read("select min(year) as first_year, max(year) as last_year from marts.fct_openness_disparity")
    return figure(
        "regional-markov", SECTION,
        "How provinces move between openness classes (fct_openness_markov)",
        "对外开放水平的马尔可夫转移概率矩阵",
        "Each index relative to the year's mean over the 31 provinces, in quartile classes pooled over the "
        "years (1 the lowest quarter): the share of provinces in a class one year that are in each class the "
        "next, and the ergodic share π each class would hold if these probabilities held. A heavy diagonal "
        "is persistence; the spatial chains, conditioned on the neighbours' class, follow below.",
        province_inputs(read, pd.Series([int(years.first_year.iloc[0]), int(years.last_year.iloc[0])])),
        charts.to_svg(fig, "regional-markov"))
