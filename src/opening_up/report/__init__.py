"""`make report` / `python -m opening_up report`: a self-contained HTML report of the marts.

The report opens the warehouse read-only (as any BI reader does), draws every figure of
`opening_up.report.figures.FIGURES`, and writes one HTML file with the charts inline as SVG, its
CSS and its one small script inline: it needs no network and no other file to be viewed.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from opening_up.report import charts
from opening_up.report.coverage_figures import COVERAGE_FIGURES
from opening_up.report.figures import FIGURES
from opening_up.report.provenance import describe, share_text

PAPER_SECTIONS = {
    "coverage": "How real is this warehouse (真实数据与样本数据)",
    "003": "Paper 003 — openness of the Yangtze River Economic Belt, 1993–2022 (长江经济带对外开放)",
    "000": "Paper 000 — border-port clusters of Guangxi and Yunnan (广西、云南边境口岸集群)",
    "001": "Paper 001 — growth of the nine land-border provinces, difference GMM (沿边九省区经济增长)",
    "004": "Paper 004 — border provinces' trade, investment and tourism, 2017–2021 (沿边省区对外开放)",
    "regional": "Beyond the papers — disparity, convergence, distribution and obstacles of the 31 provinces' "
    "openness (区域差异、收敛、分布动态与障碍度)",
    "all": "Checks against the published tables (与论文核对)",
}
MART_PATTERN = re.compile(r"\bmarts\.(\w+)")


def recording_reader(con: duckdb.DuckDBPyConnection) -> tuple[Callable[..., pd.DataFrame], set[str]]:
    """A (SQL, parameters) → DataFrame reader and the set of marts it has read (the report
    exposure's lineage)."""
    marts_read: set[str] = set()

    def read(sql: str, params: list[object] | None = None) -> pd.DataFrame:
        marts_read.update(MART_PATTERN.findall(sql))
        return con.execute(sql, params).df()

    return read, marts_read


def build_report(database: Path, out_dir: Path) -> tuple[Path, list[dict[str, object]], set[str]]:
    """Draw every figure from the warehouse at `database` into out_dir/index.html.

    Returns the file, the figure records and the marts read. Raises FileNotFoundError when the
    warehouse has not been built."""
    if not database.exists():
        raise FileNotFoundError(f"no warehouse at {database}: run `make build` first")
    cjk_font = charts.configure_matplotlib()
    con = duckdb.connect(str(database), read_only=True)
    try:
        read, marts_read = recording_reader(con)
        records = [make_figure(read) for make_figure in COVERAGE_FIGURES + FIGURES]
    finally:
        con.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    target.write_text(render_page(records, database, cjk_font), encoding="utf-8")
    return target, records, marts_read


def render_page(records: list[dict[str, object]], database: Path, cjk_font: str | None) -> str:
    """The whole HTML document."""
    sections = []
    for paper, heading in PAPER_SECTIONS.items():
        members = [record for record in records if record["paper"] == paper]
        if members:
            sections.append(f'<section id="paper-{paper}"><h2>{html.escape(heading)}</h2>'
                            + "".join(render_figure(record) for record in members) + "</section>")
    contents = "".join(
        f'<li><a href="#{r["id"]}">{html.escape(str(r["title_en"]))}</a> '
        f'{provenance_badge(r["provenance"])}</li>'
        for r in records
    )
    font_note = (
        f"Charts laid out with the font {html.escape(cjk_font)}."
        if cjk_font
        else "No CJK font was found when drawing: install fonts-noto-cjk (Debian) for well-spaced Chinese "
             "labels."
    )
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return PAGE.format(
        css=CSS.replace("FONTS", charts.CSS_FONT_FAMILY), script=SCRIPT, contents=contents,
        sections="".join(sections), database=html.escape(database.name), generated=generated,
        font_note=font_note)


def provenance_badge(provenance: dict[str, object]) -> str:
    """`real`, `sample`, or `mixed, 62% sample` as a coloured label."""
    kind = provenance["kind"]
    text = f"mixed, {share_text(provenance['sample_share'])} sample" if kind == "mixed" else kind
    return f'<span class="prov prov-{kind}">{text}</span>'


def render_figure(record: dict[str, object]) -> str:
    provenance = record["provenance"]
    return (
        f'<figure id="{record["id"]}" class="{record["kind"]}" data-provenance="{provenance["kind"]}" '
        f'data-sample-share="{provenance["sample_share"]:.4f}">'
        f'<h3>{html.escape(str(record["title_en"]))}<br><span '
        f'lang="zh-Hans">{html.escape(str(record["title_zh"]))}</span></h3>'
        f'<div class="body">{record["body"]}</div>'
        f"<figcaption>{html.escape(str(record['caption']))}"
        f'<br><span class="prov prov-{provenance["kind"]}">Provenance</span> '
        f"{html.escape(str(record.get('provenance_text') or describe(provenance)))}"
        f"</figcaption></figure>"
    )


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>opening_up — report 对外开放数据仓库报告</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>opening_up report <span lang="zh-Hans">对外开放与边境口岸经济</span></h1>
<p>Drawn from the marts of <code>{database}</code> on {generated}. Every figure says where its numbers come
from: <span class="prov prov-real">real</span> (printed in a paper or loaded from a yearbook export),
<span class="prov prov-sample">sample</span> (generated by <code>opening_up.sample</code> — <strong>not real
figures</strong>) or <span class="prov prov-mixed">mixed</span>, with the share of sample inputs.
The first section says how real each mart is and which yearbook tables to download to make the rest real;
drop them into <code>data/yearbooks/</code>, run <code>make refresh</code> and re-run
<code>make report</code>. {font_note}</p>
<nav><ol>{contents}</ol></nav>
</header>
<main>{sections}</main>
<script>{script}</script>
</body>
</html>
"""

CSS = """
body { font-family: FONTS; margin: 0 auto; max-width: 1200px; padding: 0 1.5em 3em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #ccc; margin-top: 2em; } h3 { font-size: 1.05em; }
figure { margin: 1.5em 0; padding: 1em; border: 1px solid #e3e3e3; border-radius: 6px; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #444; margin-top: 0.6em; }
.prov { display: inline-block; padding: 0 0.5em; border-radius: 3px; font-size: 0.85em; color: white; }
.prov-real { background: #2e7d32; } .prov-sample { background: #c62828; } .prov-mixed { background: #ef6c00; }
table.data { border-collapse: collapse; font-size: 0.8em; margin: 0.5em 0; display: block; overflow-x: auto; }
table.data th, table.data td {
  border: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top;
}
table.data th { background: #f3f3f3; position: sticky; top: 0; }
.scroll { max-height: 36em; overflow: auto; }
tr.mismatch td, tr.warning td { background: #fff3e0; }
body.mismatch-only #checks-table tbody tr:not(.mismatch) { display: none; }
#checks-table td:first-child { word-break: break-all; min-width: 14em; }
#checks-table td:nth-child(4), #checks-table td:nth-child(5) { min-width: 12em; }
#checks-table td:last-child { min-width: 36em; }
ol.notes { font-size: 0.8em; color: #444; }
/* Print: a wide table fits the page (smaller type, wrapped cells) instead of running off it. */
@media print {
  body { max-width: none; padding: 0; }
  figure { break-inside: avoid-page; border: none; padding: 0; }
  table.data { display: table; table-layout: fixed; width: 100%; font-size: 0.6em; overflow: visible; }
  table.data th, table.data td { word-break: break-word; overflow-wrap: anywhere; padding: 1px 2px; }
  table.data th { position: static; }
  .scroll { max-height: none; overflow: visible; }
  #checks-table td:first-child, #checks-table td:nth-child(4), #checks-table td:nth-child(5),
  #checks-table td:last-child { min-width: 0; }
}
"""

SCRIPT = """
document.getElementById('checks-mismatch-only').addEventListener('change', function (event) {
  document.body.classList.toggle('mismatch-only', event.target.checked);
});
"""
