"""The HTML report (`make report`): its pieces, its figures on a built warehouse, and the page as a
person sees it in headless Chromium."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.cluster.hierarchy import fcluster

from conftest import PROJECT_ROOT, random_similarity, skip_unless_ci
from opening_up.methods import fuzzy
from opening_up.cli import report as main
from opening_up.report import build_report, charts, figures
from opening_up.report.provenance import InputCount, classify, describe

SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"
# The figures issue 7 asks for, by id, issue 35's regional-openness figures and issue 36's spatial ones.
EXPECTED_FIGURES = {
    "coverage-heatmap", "coverage-needs",
    "seed003-figure1", "seed003-figure2", "seed003-table1",
    "seed000-figure2", "seed000-figure3", "seed000-table3",
    "seed001-coefficients", "seed001-tables",
    "seed004-shares", "seed004-growth",
    "regional-disparity", "regional-convergence", "regional-density", "regional-obstacles", "regional-markov",
    "regional-spatial-markov", "regional-moran", "regional-lisa-map",
    "published-checks",
}
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# Pieces -----------------------------------------------------------------------------------------

def test_provenance_kinds_and_share() -> None:
    assert classify([InputCount("a", 10, 0)])["kind"] == "real"
    assert classify([InputCount("a", 10, 10)])["kind"] == "sample"
    mixed = classify([InputCount("printed", 6, 0), InputCount("yearbook", 94, 90)])
    assert mixed["kind"] == "mixed"
    assert mixed["sample_share"] == pytest.approx(0.9)
    text = describe(mixed)
    assert text.startswith("mixed: 90.0% of 100 inputs (90)")
    assert "printed: 0 of 6 sample" in text
    assert "yearbook: 90 of 94 sample" in text
    with pytest.raises(ValueError, match="without inputs"):
        classify([InputCount("empty", 0, 0)])


def test_a_mixed_figure_never_reads_all_sample_or_all_real() -> None:
    """The badge and the share agree: 4,999 sample inputs of 5,000 is mixed, and reads 'over 99.9%'."""
    from opening_up.report import provenance_badge

    almost = classify([InputCount("printed", 1, 0), InputCount("yearbook", 4999, 4999)])
    assert almost["kind"] == "mixed"
    assert provenance_badge(almost).endswith(">mixed, over 99.9% sample</span>")
    assert describe(almost).startswith("mixed: over 99.9% of 5,000 inputs (4,999) are generated sample data, "
                                       "the other 1 real")
    barely = classify([InputCount("printed", 4999, 0), InputCount("yearbook", 1, 1)])
    assert ">mixed, under 0.1% sample<" in provenance_badge(barely)


def test_coefficient_axis_keeps_the_printed_coefficients_in_view() -> None:
    """Estimates with exploded errors (the paper instrument set) neither set the axis nor draw an
    interval; a coefficient beyond the axis is drawn at its edge and reported."""
    import matplotlib.pyplot as plt

    estimates = pd.DataFrame({
        "term": ["a", "b", "a", "b"],
        "source": ["printed (seed 001)", "printed (seed 001)", "paper set", "paper set"],
        "coefficient": [0.5, -0.3, 68.2, 0.1],
        "std_error": [0.1, 0.2, 3.3e12, 4e11]})
    lower, upper = charts.coefficient_axis(estimates)
    # The printed intervals span -0.3 - 1.96 x 0.2 to 0.5 + 1.96 x 0.1, widened by that width each side.
    printed_low, printed_high = -0.3 - 1.96 * 0.2, 0.5 + 1.96 * 0.1
    width = printed_high - printed_low
    assert (lower, upper) == pytest.approx((printed_low - width, printed_high + width))
    fig, ax = plt.subplots()
    off_scale = charts.coefficient_panel(ax, estimates, "test")
    assert off_scale == ["paper set a = 68.2"]
    assert ax.get_xlim() == (lower, upper)
    plt.close(fig)


def test_errors_from_a_singular_weight_matrix_get_no_interval() -> None:
    """A model with more instruments than groups has a singular two-step weight matrix: its finite,
    moderate errors (from a Moore-Penrose inverse) measure nothing, like missing or exploded ones."""
    estimates = pd.DataFrame({"std_error": [0.2, 2.4, np.nan, 3e12, 0.3],
                              "instruments_exceed_groups": [False, True, False, False, None]})
    assert charts.no_interval(estimates).tolist() == [False, True, True, True, False]
    assert charts.no_interval(estimates.drop(columns="instruments_exceed_groups")).tolist() == [
        False, False, True, True, False]


def test_a_repeated_warning_is_written_once() -> None:
    frame = pd.DataFrame({"period": ["1992-2020", "1992-2013", "2014-2020"],
                          "warnings": ["singular weights", "singular weights", None]})
    notes: list[str] = []
    noted = figures.common.footnoted(frame, ["warnings"], notes)
    again = figures.common.footnoted(
        frame.assign(warnings=["other", "singular weights", None]), ["warnings"], notes
    )
    assert noted.warnings.tolist() == ["[1]", "[1]", ""]
    assert again.warnings.tolist() == ["[2]", "[1]", ""]
    assert figures.common.notes_list(notes).count("singular weights") == 1


def closure_merges(n: int = 12, seed: int = 7) -> tuple[pd.DataFrame, np.ndarray]:
    """The merge table of the transitive closure of a random fuzzy similarity matrix."""
    closure = fuzzy.transitive_closure(random_similarity(n, seed))
    cuts = fuzzy.lambda_cuts(closure)
    merges = cuts.merges.assign(merge_step=np.arange(1, len(cuts.merges) + 1))
    merges["n_members"] = merges.members.map(len)
    return merges, closure


def test_dendrogram_linkage_reproduces_every_lambda_partition() -> None:
    """Cutting the drawn tree at height 1 - λ gives the λ-cut partition of t(R)."""
    merges, closure = closure_merges()
    linkage = charts.linkage_from_merges(merges, 12)
    np.testing.assert_allclose(linkage[:, 2], 1 - merges.lambda_level.to_numpy())
    for level, classes in fuzzy.lambda_cuts(closure).levels:
        labels = fcluster(linkage, t=1 - level + 1e-12, criterion="distance")
        drawn = sorted(sorted(np.flatnonzero(labels == label).tolist()) for label in np.unique(labels))
        assert drawn == classes, level
    with pytest.raises(ValueError, match="needs 11 merges"):
        charts.linkage_from_merges(merges.iloc[:3], 12)


def test_leaf_order_is_checked_against_the_members() -> None:
    merges, _ = closure_merges()
    codes = [f"port{i}" for i in range(12)]
    merges["member_codes"] = merges.members.map(lambda m: ", ".join(codes[i] for i in m))
    figures.check_leaf_order(merges, codes)
    with pytest.raises(ValueError, match="leaf order"):
        figures.check_leaf_order(merges, list(reversed(codes)))


def test_svg_ids_are_prefixed_so_charts_can_share_a_page() -> None:
    fig, axes = charts.new_figure()
    axes[0, 0].plot([1, 2], [3, 4], marker="o")
    svg = charts.to_svg(fig, "c1")
    ids = re.findall(r'id="([^"]+)"', svg)
    assert ids
    assert all(i.startswith("c1-") for i in ids)
    references = re.findall(r'(?:href="|url\()#([^")]+)', svg)
    assert references
    assert set(references) <= set(ids)
    assert svg.startswith("<svg")
    assert "<?xml" not in svg


def test_missing_warehouse_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "out")]) == 2
    assert "run `make build` first" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# On a built warehouse --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("report")
    target, records, marts_read = build_report(built_warehouse, out)
    return {"path": target, "records": {r["id"]: r for r in records}, "marts": marts_read,
            "html": target.read_text(encoding="utf-8")}


def test_every_figure_is_present_titled_and_captioned_with_provenance(report: dict[str, object]) -> None:
    records = report["records"]
    assert set(records) == EXPECTED_FIGURES
    page = report["html"]
    for figure_id, record in records.items():
        block = page.split(f'<figure id="{figure_id}"', 1)[1].split("</figure>", 1)[0]
        assert html.escape(record["title_en"]) in block
        assert record["title_zh"] in block
        assert f'data-provenance="{record["provenance"]["kind"]}"' in block
        assert "Provenance</span> " + record["provenance"]["kind"] in block
        assert ("<svg" if record["kind"] == "chart" else "<table") in block


def test_provenance_on_the_shipped_data(report: dict[str, object]) -> None:
    """Figures drawn only from printed tables are real; figures with panels computed from the yearbook
    observations are mixed: the shipped real exports (GDP, trade) beside the sample."""
    kinds = {figure_id: record["provenance"] for figure_id, record in report["records"].items()}
    for real in ["seed000-figure3", "seed004-shares", "seed004-growth", "published-checks"]:
        assert kinds[real]["kind"] == "real", real
        assert kinds[real]["n_sample"] == 0, real
    for mixed in ["seed003-figure1", "seed003-figure2", "seed003-table1", "seed000-figure2",
                  "seed000-table3", "seed001-coefficients", "seed001-tables", "regional-disparity",
                  "regional-convergence", "regional-density", "regional-obstacles", "regional-markov",
                  "regional-spatial-markov", "regional-moran", "regional-lisa-map"]:
        assert kinds[mixed]["kind"] == "mixed", mixed
        assert 0 < kinds[mixed]["sample_share"] < 1, mixed
    # Paper 003's inputs are now largely real (GDP 2006 on, trade 2005-2024 but 2006 and 2015).
    assert kinds["seed003-figure1"]["sample_share"] < 0.8


def test_the_captions_say_why_printed_and_computed_differ(report: dict[str, object], warehouse) -> None:
    """Paper 003's Table 1: printed and computed on one scale as well, and the measured ratio; paper 001:
    why the paper set's errors explode; the GMM tables write each warning once."""
    table1 = report["records"]["seed003-table1"]["caption"]
    ratio = warehouse.execute(
        "select median(printed_value / computed_value), count(*) from marts.rpt_yangtze_table1_cells "
        "where printed_value > 0 and computed_value > 0").fetchone()
    assert f"Printed ÷ computed is {ratio[0]:.3g} at the median of the {ratio[1]} cells" in table1
    assert "on one logarithmic scale" in table1
    assert "states no unit or scale" in table1
    coefficients = report["records"]["seed001-coefficients"]["caption"]
    assert "are undefined, not wide" in coefficients
    assert "far more instruments than the 9 provinces" in coefficients
    tables = report["records"]["seed001-tables"]["body"]
    warnings = [
        text
        for (text,) in warehouse.execute(
            "select distinct warnings from marts.rpt_gmm_diagnostics_against_published where warnings <> ''"
        ).fetchall()
    ]
    assert warnings
    for text in warnings:
        # Each written once, as an item of the notes list (one warning may begin another).
        assert tables.count(f"<li>{html.escape(text)}</li>") == 1, text


def test_lisa_map_draws_every_province_twice(report: dict[str, object], warehouse) -> None:
    """The tile-grid map: each province's short name on both panels (the index and the clusters), and
    the caption's count of significant provinces is the mart's."""
    record = report["records"]["regional-lisa-map"]
    names = [name for (name,) in warehouse.execute(
        "select region_short_name from marts.dim_region where region_level = 'province'").fetchall()]
    assert len(names) == 31
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", record["body"])
    for name in names:
        assert texts.count(name) == 2, name
    counts = dict(warehouse.execute("""
        select quadrant, count(*) from marts.fct_openness_lisa
        where index_code = 'composite_openness_index' and weights_type = 'rook' and is_significant
            and year = (select max(year) from marts.fct_openness_lisa)
        group by quadrant""").fetchall())
    for quadrant, n in counts.items():
        assert f"{n} {quadrant}" in record["caption"], (quadrant, n)


def test_report_opens_with_how_real_the_warehouse_is(report: dict[str, object], warehouse) -> None:
    """The first section: the heat map's overall share and the needs table agree with the marts."""
    page = report["html"]
    assert page.index('id="paper-coverage"') < page.index('id="paper-003"')
    real, cells = warehouse.execute(
        "select sum(n_real)::bigint, sum(n_cells)::bigint from marts.rpt_input_coverage").fetchone()
    assert f"{real:,} of the {cells:,} input cells" in report["records"]["coverage-heatmap"]["caption"]
    first = warehouse.execute(
        "select indicator_code from marts.rpt_data_needs where need_rank = 1").fetchone()[0]
    table = page.split('id="needs-table"', 1)[1].split("</table>", 1)[0]
    assert f"<td>{first}</td>" in table


def test_report_is_self_contained(report: dict[str, object]) -> None:
    page = report["html"]
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert not re.search(r"(?:src|href)=\"(?!#|data:)", page)
    assert not re.search(r"url\((?!#)", page)
    assert "@import" not in page


def test_exposure_lists_exactly_what_the_report_reads(report: dict[str, object], manifest: dict) -> None:
    exposure = manifest["exposures"]["exposure.opening_up.opening_up_report"]
    declared = {node.rsplit(".", 1)[1] for node in exposure["depends_on"]["nodes"]}
    assert declared == report["marts"]


# In the browser ---------------------------------------------------------------------------------

def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser_page(report: dict[str, object]):
    executable = chromium_path()
    if executable is None:
        skip_unless_ci("Chromium is not installed (`make browser` installs it with apt-get, as root): "
                       "the report's browser test is skipped")
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
        page.on("console", lambda message: errors.append(f"console {message.type}: {message.text}")
                if message.type == "error" else None)
        page.on("requestfailed", lambda request: errors.append(f"request failed: {request.url}"))
        page.goto(Path(report["path"]).as_uri())
        page.wait_for_load_state("load")
        yield page, errors
        browser.close()


def test_every_chart_draws_without_script_errors(browser_page, report: dict[str, object]) -> None:
    page, errors = browser_page
    drawn = page.evaluate("""() => Array.from(document.querySelectorAll('figure')).map(figure => ({
        id: figure.id,
        kind: figure.className,
        svgs: Array.from(figure.querySelectorAll('svg')).map(svg => {
            const box = svg.getBoundingClientRect();
            return {width: box.width, height: box.height,
                    marks: svg.querySelectorAll('path, use, rect, text, image').length};
        }),
        tableRows: figure.querySelectorAll('table tbody tr').length,
    }))""")
    assert {entry["id"] for entry in drawn} == EXPECTED_FIGURES
    for entry in drawn:
        if entry["kind"] == "chart":
            assert entry["svgs"], entry["id"]
            for svg in entry["svgs"]:
                assert svg["width"] > 200, entry["id"]
                assert svg["height"] > 100, entry["id"]
                assert svg["marks"] > 20, entry["id"]
        else:
            assert entry["tableRows"] > 0, entry["id"]
    assert errors == []


def test_chinese_renders_with_a_real_font(browser_page) -> None:
    """Two different ideographs draw different pixels: with no CJK font both would be the same
    fallback box."""
    page, _ = browser_page
    differ = page.evaluate("""() => {
        const draw = (glyph) => {
            const canvas = document.createElement('canvas');
            canvas.width = 40; canvas.height = 40;
            const context = canvas.getContext('2d');
            context.font = '32px ' + getComputedStyle(document.body).fontFamily;
            context.fillText(glyph, 2, 32);
            return Array.from(context.getImageData(0, 0, 40, 40).data).join(',');
        };
        return draw('中') !== draw('国') && draw('中') !== draw(' ');
    }""")
    if not differ:
        pytest.fail(
            "Chinese text renders as boxes: install a CJK font (Debian: fonts-noto-cjk, `make browser`)"
        )


def test_mismatch_filter_and_screenshot(browser_page, report: dict[str, object]) -> None:
    page, errors = browser_page
    visible = (
        "() => Array.from(document.querySelectorAll('#checks-table tbody tr'))"
        ".filter(r => r.offsetParent !== null).length"
    )
    total = page.evaluate(visible)
    page.check("#checks-mismatch-only")
    mismatches = page.evaluate(visible)
    expected = report["html"].count('<tr class="mismatch">')
    assert total > mismatches == expected > 0
    page.uncheck("#checks-mismatch-only")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    from PIL import Image

    with Image.open(shot) as image:
        assert image.height > 5000
        colours = image.convert("L").resize((64, 256)).getextrema()
        assert colours[1] - colours[0] > 100
    for figure_id in sorted(EXPECTED_FIGURES):
        page.locator(f"#{figure_id}").screenshot(path=str(SCREENSHOTS / f"{figure_id}.png"))
    assert errors == []


STALE_FONT_CACHE = """
import matplotlib
from matplotlib import font_manager
manager = font_manager.fontManager
manager.ttflist = [font for font in manager.ttflist if "CJK" not in font.name]
cache = font_manager.Path(matplotlib.get_cachedir(), f"fontlist-v{manager.__version__}.json")
font_manager.json_dump(manager, cache)
"""
FIRST_REPORT_RUN = """
import matplotlib.pyplot as plt
from matplotlib import font_manager
from opening_up.report import charts
font = charts.configure_matplotlib()
figure, axes = plt.subplots()
axes.set_title("广西 口岸 经济 耦合协调度")
figure.savefig(__import__("io").StringIO(), format="svg")
print(font)
print(font_manager.findfont(font_manager.FontProperties(family=plt.rcParams["font.family"])))
"""


def test_fonts_installed_after_matplotlibs_cache_are_used_on_the_first_run(tmp_path: Path) -> None:
    """`make browser` installs fonts-noto-cjk after matplotlib cached its font list: the report's first run
    finds the CJK font and lays the Chinese out in it, without a findfont warning (a cache built without
    the CJK fonts stands in for the machine before the install)."""
    import subprocess
    import sys

    from matplotlib import font_manager

    if not any("NotoSansCJK" in path for path in font_manager.findSystemFonts()):
        skip_unless_ci(
            "fonts-noto-cjk is not installed (`make browser` installs it): the font test is skipped"
        )
    environment = {"MPLCONFIGDIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", STALE_FONT_CACHE], env=environment, check=True, timeout=300)
    run = subprocess.run(
        [sys.executable, "-c", FIRST_REPORT_RUN], env=environment, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert "findfont" not in run.stderr, run.stderr[:2000]
    font, path = run.stdout.splitlines()[-2:]
    assert font in charts.CJK_FONT_CANDIDATES, run.stdout
    assert "NotoSansCJK" in path, run.stdout
