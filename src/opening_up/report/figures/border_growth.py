"""Paper 001's figures: the GMM coefficients and tables (Tables 1 and 3) beside the warehouse's
re-estimates."""

from __future__ import annotations

import html

import pandas as pd

from opening_up.report import charts
from opening_up.report.figures.common import (
    LAND_BORDER_PROVINCES,
    Reader,
    figure,
    footnoted,
    html_table,
    notes_list,
)
from opening_up.report.provenance import InputCount, printed_inputs, yearbook_inputs


def border_growth_inputs(read: Reader) -> InputCount:
    """The yearbook observations of the nine provinces over the GMM's years (one lag before the
    first period)."""
    years = read("""
        select min(period_start) - 1 as first_year, max(period_end) as last_year
        from marts.fct_border_growth_gmm""").iloc[0]
    return yearbook_inputs(read, "yearbook inputs of the 9 provinces", paper="001", entity_type="region",
                           entity_filter=LAND_BORDER_PROVINCES, first_year=int(years.first_year),
                           last_year=int(years.last_year))


def gmm_estimates(read: Reader) -> pd.DataFrame:
    """rpt_gmm_against_published: printed and re-estimated coefficients, in the paper's order."""
    return read("""
        select dependent_variable, period_label as period, period_order, term_code, term_label as term,
            source, coefficient, std_error, significance_stars, instruments_exceed_groups, is_sample
        from marts.rpt_gmm_against_published
        order by period_order, source_order, term_code""")


def printed_period_order(frame: pd.DataFrame) -> list[str]:
    """The periods in the paper's order (the mart's period_order)."""
    return list(frame.sort_values("period_order").period.drop_duplicates())


def gmm_coefficients(read: Reader) -> dict[str, object]:
    """Paper 001 Tables 1 and 3 as coefficient plots."""
    both = gmm_estimates(read)
    outcomes = [("growth_rate", "Table 1: growth rate 经济增长率"),
                ("relative_gdp_per_capita", "Table 3: relative GDP per capita 相对人均GDP")]
    periods = printed_period_order(both)
    fig, axes = charts.new_figure(len(outcomes), len(periods), width=12, height=7.5)
    off_scale = 0
    for row, (outcome, outcome_label) in enumerate(outcomes):
        for column, period in enumerate(periods):
            panel = both[(both.dependent_variable == outcome) & (both.period == period)]
            off_scale += len(charts.coefficient_panel(axes[row, column], panel, f"{outcome_label}, {period}"))
    undefined = both[charts.no_interval(both)]
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), frameon=False)
    printed_rows = both[both.source.str.startswith("printed")]
    inputs = [
        printed_inputs("printed Tables 1 and 3", len(printed_rows)),
        border_growth_inputs(read),
    ]
    return figure(
        "seed001-coefficients", "001",
        "GMM coefficients of the land-border provinces' growth (paper 001, Tables 1 and 3)",
        "沿边省区经济增长的GMM估计系数：差分GMM与系统GMM（表1、表3）",
        "Coefficients with 95% intervals (±1.96 robust standard errors): as printed, and as the "
        "warehouse's two-step difference GMM (the paper's estimator) and system GMM (an extension) "
        "estimate them (fct_border_growth_gmm), each with the paper's instrument set and with a "
        "parsimonious one. Each axis spans the printed intervals widened by their own width on either "
        f"side, so the printed coefficients stay visible; {off_scale} estimates beyond it are triangles at "
        "the edge with their value written. Hollow markers have no interval: their robust standard "
        f"errors ({len(undefined)} estimates) are undefined, not wide. Their models have more "
        "instruments than the 9 provinces (the paper's instrument set has far more instruments than the "
        "9 provinces), so the moment covariance behind the two-step weights, estimated from 9 groups, is "
        "singular: the weights and the errors come from its Moore-Penrose inverse and measure no precision.",
        inputs, charts.to_svg(fig, "seed001-coefficients"))


def gmm_tables(read: Reader) -> dict[str, object]:
    """Paper 001 Tables 1 and 3 with diagnostics and warnings, printed beside recomputed."""
    both = gmm_estimates(read)
    both["cell"] = [
        "" if pd.isna(c) else f"{c:.4f}{s if isinstance(s, str) else ''} ({e:.4g})"
        for c, e, s in zip(both.coefficient, both.std_error, both.significance_stars, strict=True)]
    diagnostics = read("""
        select dependent_variable, period_label as period, period_start, period_end, source, n_obs, n_groups,
            n_instruments, hansen_p, ar1_p, ar2_p, hansen_note, warnings, is_sample
        from marts.rpt_gmm_diagnostics_against_published
        order by period_order, source_order""")
    sections: list[str] = []
    notes: list[str] = []
    for outcome, label in [
        ("growth_rate", "Table 1 表1 — dependent variable: growth rate"),
        ("relative_gdp_per_capita", "Table 3 表3 — dependent variable: relative GDP per capita"),
    ]:
        rows = both[both.dependent_variable == outcome]
        wide = rows.pivot_table(index="term", columns=["period", "source"], values="cell", aggfunc="first")
        sources = list(dict.fromkeys(rows.source))
        wide = wide.reindex(index=list(dict.fromkeys(rows.term)), columns=pd.MultiIndex.from_tuples(
            [(period, source) for period in printed_period_order(both) for source in sources]))
        wide.columns = [f"{period} {source}" for period, source in wide.columns]
        sections.append(f"<h4>{html.escape(label)}</h4>"
                        + html_table(wide.reset_index(), f"gmm-{outcome}"))
        table = diagnostics[diagnostics.dependent_variable == outcome]
        columns = ["period_start", "period_end", "source", "n_obs", "n_groups", "n_instruments",
                   "hansen_p", "ar1_p", "ar2_p", "hansen_note", "warnings"]
        noted = footnoted(table.reindex(columns=columns), ["hansen_note", "warnings"], notes)
        sections.append(
            "<p>Diagnostics: instruments beside groups, Hansen J p-value (Hansen检验; empty where "
            "the test does not exist, with the reason), AR(1)/AR(2) p-values (m1, m2); notes and "
            "warnings by number, each written once below the tables.</p>"
            + html_table(noted, f"gmm-diagnostics-{outcome}", lambda r: "warning" if r.warnings else "")
        )
    sections.append("<h4>Notes and warnings</h4>" + notes_list(notes))
    inputs = [
        printed_inputs("printed Tables 1 and 3", int(both.source.str.startswith("printed").sum())
                       + int(diagnostics.loc[diagnostics.source.str.startswith("printed"),
                                             ["n_obs", "hansen_p", "ar1_p", "ar2_p"]].notna().sum().sum())),
        border_growth_inputs(read),
    ]
    return figure(
        "seed001-tables", "001",
        "Difference- and system-GMM tables with diagnostics and warnings (paper 001, Tables 1 and 3)",
        "差分GMM与系统GMM估计结果与检验（表1、表3）",
        "Each cell: coefficient, significance stars (*** 1%, ** 5%, * 10%) and robust standard error "
        "in brackets; columns: printed, then each estimator and instrument set. Rows with a warning are "
        "highlighted; the notes and warnings explain why the paper's instrument set cannot be estimated "
        "reliably with 9 provinces and why its Hansen test carries no information. The difference-in-"
        "Hansen tests of each instrument group are in fct_border_growth_gmm_instrument_tests.",
        inputs, "".join(sections), kind="table")
