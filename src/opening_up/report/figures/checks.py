"""The replication report's figure: rpt_published_checks."""

from __future__ import annotations

from opening_up.report import charts
from opening_up.report.figures.common import Reader, figure, html_table
from opening_up.report.provenance import printed_inputs

# the provenance badge's green for agreement, the mismatch rows' orange for the papers' own slips
STATUS_COLOURS = {"pass": "#2e7d32", "mismatch_in_paper": "#ef6c00"}


def published_checks(read: Reader) -> dict[str, object]:
    """rpt_published_checks: what agrees with the papers and what does not."""
    checks = read("""
        select check_id, check_kind, left(source_doc, 3) as paper, source_table, check_name, subject,
            coalesce(expected_text, cast(round(expected, 6) as varchar)) as expected,
            coalesce(computed_text, cast(round(computed, 6) as varchar)) as computed,
            abs_difference, tolerance, status, note
        from marts.rpt_published_checks
        order by status = 'pass', check_id""")
    counts = checks.pivot_table(index="paper", columns="status", values="check_id", aggfunc="count").fillna(0)
    counts = counts[sorted(counts.columns, key=lambda status: status != "pass")]
    fig, axes = charts.new_figure(1, 1, width=7, height=2.6)
    charts.stacked_bar_panel(axes[0, 0], counts, "Checks per paper by status", "checks",
                             colours=[STATUS_COLOURS.get(status, "#c62828") for status in counts.columns])
    axes[0, 0].legend(fontsize=8, frameon=False)
    summary = "; ".join(
        f"{len(kind)} {kind_name} ("
        + ", ".join(f"{int(n)} {status}" for status, n in kind.status.value_counts().items())
        + ")"
        for kind_name, kind in checks.groupby("check_kind", sort=False)
    )
    body = (
        charts.to_svg(fig, "checks-summary")
        + '<p><label><input type="checkbox" id="checks-mismatch-only"> show only the mismatches</label></p>'
        + '<div class="scroll">'
        + html_table(checks, "checks-table", lambda r: "mismatch" if r.status != "pass" else "")
        + "</div>"
    )
    return figure(
        "published-checks", "all",
        "What agrees with the papers and what does not (rpt_published_checks)",
        "与论文发表结果的核对",
        f"{len(checks)} checks: {summary}. A published check compares a printed figure with the same "
        "quantity recomputed from the papers' own printed inputs (totals, shares, ratios, weights, grades, "
        "ranks); a derived check is this project's own assertion about the printed figures. A "
        "mismatch_in_paper is an inconsistency inside the paper itself, explained in its note.",
        [printed_inputs("printed figures checked", len(checks))], body)
