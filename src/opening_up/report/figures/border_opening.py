"""Paper 004's figures: the border provinces' shares of the national totals and their growth (Tables 1–4)."""

from __future__ import annotations

import numpy as np

from opening_up.report import charts
from opening_up.report.figures.common import Reader, figure, mart_rows

BORDER_SHARES = """
    select shares.indicator_code, indicators.indicator_name, indicators.indicator_name_en, shares.unit,
        shares.region_short_name || ' ' || regions.region_name_en as province, shares.region_code,
        shares.year,
        shares.share_of_national_pct, shares.border_share_printed_pct, shares.yoy_growth_pct, shares.is_sample
    from marts.fct_border_opening_shares as shares
    inner join marts.dim_indicator as indicators on shares.indicator_code = indicators.indicator_code
    inner join marts.dim_region as regions on shares.region_code = regions.region_code
    order by shares.indicator_code, shares.region_code, shares.year"""


def border_shares(read: Reader) -> dict[str, object]:
    """Paper 004 Tables 1–4: each border province's share of the national total, stacked."""
    shares = read(BORDER_SHARES)
    indicators = list(dict.fromkeys(shares.indicator_code))
    fig, axes = charts.small_multiples(len(indicators), 3, width=12, row_height=3.4)
    for ax, indicator in zip(axes, indicators, strict=True):
        rows = shares[shares.indicator_code == indicator]
        stacked = rows.pivot(index="year", columns="province", values="share_of_national_pct")
        stacked = stacked[list(dict.fromkeys(rows.province))]
        charts.stacked_bar_panel(
            ax,
            stacked,
            f"{rows.indicator_name.iloc[0]}\n{rows.indicator_name_en.iloc[0]}",
            "% of national 占全国比重",
        )
        printed = rows.groupby("year").border_share_printed_pct.first().reindex(stacked.index)
        ax.scatter(np.arange(len(printed)), printed, marker="_", s=300, color="black", zorder=5,
                   label="border total printed")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, frameon=False, loc="outside right center")
    return figure(
        "seed004-shares",
        "004",
        "Border provinces' shares of the national totals (paper 004, Tables 1–4)",
        "沿边省区外贸、外资、对外投资与入境旅游占全国比重（表1—表4）",
        "Bars: each of the nine land-border provinces' share of the national total "
        "(fct_border_opening_shares), "
        "stacked to the border provinces' combined share; black ticks: the combined share printed in the "
        "paper.",
        [mart_rows("printed province values", shares)],
        charts.to_svg(fig, "seed004-shares"),
    )


def border_growth(read: Reader) -> dict[str, object]:
    """Paper 004 Tables 1–4: year-on-year growth of each indicator by province."""
    shares = read(BORDER_SHARES)
    indicators = list(dict.fromkeys(shares.indicator_code))
    fig, axes = charts.small_multiples(len(indicators), 3, width=13, row_height=3.6)
    for ax, indicator in zip(axes, indicators, strict=True):
        rows = shares[shares.indicator_code == indicator]
        matrix = rows.pivot(index="province", columns="year", values="yoy_growth_pct")
        matrix = matrix.reindex(list(dict.fromkeys(rows.province))).dropna(axis=1, how="all")
        charts.heatmap_panel(ax, matrix, f"{rows.indicator_name.iloc[0]} {rows.indicator_name_en.iloc[0]}",
                             value_format="{:.0f}", cmap="RdBu", centre_zero=True)
    return figure(
        "seed004-growth", "004",
        "Year-on-year growth of the border provinces' opening-up (paper 004, Tables 1–4)",
        "沿边省区对外开放指标同比增长率（%）",
        "Growth over the previous year in % (同比增长), computed from the printed values "
        "(fct_border_opening_shares.yoy_growth_pct); blue is growth, red decline.",
        [mart_rows("printed province values", shares)], charts.to_svg(fig, "seed004-growth"))
