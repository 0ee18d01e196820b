"""The report's opening section, "How real is this warehouse": a mart x indicator heat map of the real
share of the inputs (rpt_input_coverage) and the downloads that would make the rest real
(rpt_data_needs). The figures count cells; they draw no yearbook figure themselves."""

from __future__ import annotations

from opening_up.report import charts
from opening_up.report.figures import Reader, figure, html_table
from opening_up.report.provenance import InputCount

TOP_NEEDS = 12


PROVENANCE_TEXT = ("real: counts of the warehouse's own input cells and where to get the missing ones; "
                   "no yearbook figure is drawn here.")


def _counted(label: str, n_rows: int) -> list[InputCount]:
    """Counts of the warehouse's own cells: facts about it, with no sample figure among them."""
    return [InputCount(label, int(n_rows), 0)]


def _coverage_figure(*args: object, **kwargs: object) -> dict[str, object]:
    """A figure record whose caption says what its provenance means here."""
    return {**figure(*args, **kwargs), "provenance_text": PROVENANCE_TEXT}


def real_share_heatmap(read: Reader) -> dict[str, object]:
    """Real share of each analytic mart's inputs, by indicator."""
    coverage = read("""
        select mart, indicator_code, sum(n_real) as n_real, sum(n_cells) as n_cells
        from marts.rpt_input_coverage
        group by mart, indicator_code""")
    coverage["real_share"] = coverage.n_real / coverage.n_cells
    matrix = coverage.pivot(index="mart", columns="indicator_code", values="real_share")
    order = (coverage.groupby("mart").n_real.sum() / coverage.groupby("mart").n_cells.sum()).sort_values()
    matrix = matrix.loc[
        order.index[::-1], coverage.groupby("indicator_code").n_cells.sum().sort_values().index[::-1]
    ]
    fig, axes = charts.new_figure(1, 1, width=14, height=0.45 * len(matrix) + 2.6)
    charts.heatmap_panel(
        axes[0, 0],
        matrix,
        "Real share of the inputs (0 = all sample or missing, 1 = all real)",
        value_format="{:.0%}",
        cmap="RdYlGn",
        x_rotation=45,
        limits=(0.0, 1.0),
        font_size=9,
    )
    real, cells = int(coverage.n_real.sum()), int(coverage.n_cells.sum())
    return _coverage_figure(
        "coverage-heatmap",
        "coverage",
        "How real each mart is, by the indicator it reads (rpt_input_coverage)",
        "各数据集市输入数据中真实数据所占比重",
        f"{real:,} of the {cells:,} input cells the analytic marts read ({real / cells:.1%}) are real: "
        "printed "
        "in a paper or loaded from a yearbook export (the NBS exports and the merged panel shipped in "
        "data/real/, and any file in the drop folder). The rest are generated sample data or missing. "
        "A cell is one entity, year and indicator a mart reads.",
        _counted("input cells counted", len(coverage)),
        charts.to_svg(fig, "coverage-heatmap"),
    )


def top_needs(read: Reader) -> dict[str, object]:
    """The downloads that would make the most marts real, in order."""
    needs = read(f"""
        select need_rank, indicator_code, indicator_name, entity_scope,
            case when first_year = last_year then first_year::varchar else first_year || '–' || last_year end
                as years,
            n_cells, n_sample, n_missing, n_marts_needing,
            n_marts_made_fully_real, n_marts_fully_real_after,
            coalesce(nbs_database || ' > ' || nbs_menu_path || ': ' || export_indicator_line, other_source)
                as where_to_get_it
        from marts.rpt_data_needs
        order by need_rank
        limit {TOP_NEEDS}""")
    n_needs = int(read("select count(*) as n from marts.rpt_data_needs").n.iloc[0])
    # Every analytic mart is fully real after the last line: the total the 'after' column counts towards.
    n_marts = int(read("select max(n_marts_fully_real_after) as n from marts.rpt_data_needs").n.iloc[0])
    return _coverage_figure(
        "coverage-needs",
        "coverage",
        f"The first {len(needs)} of {n_needs} downloads that would make the warehouse real (rpt_data_needs)",
        "使数据仓库变为真实数据所需下载的统计表",
        "In download order: first what the marts closest to real still need. n_cells = n_sample + n_missing; "
        "n_marts_made_fully_real is how many marts this line completes (0 when each of its marts also needs "
        "a "
        f"later line), n_marts_fully_real_after how many of the {n_marts} analytic marts are fully real once "
        "this line and those above it are loaded. 'where_to_get_it' gives the NBS "
        "data portal's database, menu path and the 指标 line exactly as its export prints it (drop the file "
        "as "
        "downloaded into data/yearbooks/ and run make refresh), or the yearbook that publishes the figures. "
        "`python -m opening_up needs` prints the whole list.",
        _counted("needs listed", len(needs)),
        html_table(needs, "needs-table"),
        kind="table",
    )


COVERAGE_FIGURES = (real_share_heatmap, top_needs)
