"""Static charts for the report, drawn with matplotlib and returned as inline SVG text.

Text stays text in the SVG (`svg.fonttype = none`) so the browser renders the Chinese labels with
its own CJK font and a reader can search and copy them; matplotlib only lays the text out, with
the first CJK font it finds (fonts-noto-cjk on Debian).
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import LogNorm, Normalize  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from scipy.cluster.hierarchy import dendrogram  # noqa: E402

CJK_FONT_CANDIDATES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)
# The font-family list the SVG text asks the browser for (the HTML uses the same list).
CSS_FONT_FAMILY = ", ".join(f"'{name}'" for name in CJK_FONT_CANDIDATES) + ", sans-serif"
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f")


def first_cjk_font() -> str | None:
    """The first of CJK_FONT_CANDIDATES in matplotlib's font list."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONT_CANDIDATES if name in installed), None)


@functools.cache
def rescan_fonts() -> None:
    """Add the system's fonts that matplotlib's cached font list lacks (a font installed after the cache
    was written, e.g. by `make browser`, is otherwise invisible), once per process, and write the list
    back to matplotlib's cache. Fonts are added to the one FontManager (`font_manager.findfont`, which
    lays the text out, is bound to it: a new manager would leave it looking in the old list)."""
    manager = font_manager.fontManager
    known = {font.fname for font in manager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            # a font file FreeType cannot read is left out, as matplotlib does
            with contextlib.suppress(Exception):
                manager.addfont(path)
    with contextlib.suppress(OSError):
        font_manager.json_dump(
            manager, Path(matplotlib.get_cachedir()) / f"fontlist-v{manager.__version__}.json"
        )


def available_cjk_font() -> str | None:
    """The first CJK font matplotlib can lay text out with, or None when there is none."""
    found = first_cjk_font()
    if found is None:
        rescan_fonts()
        found = first_cjk_font()
    return found


def configure_matplotlib() -> str | None:
    """Deterministic SVG output with text kept as text; returns the CJK font used for layout."""
    cjk_font = available_cjk_font()
    plt.rcParams.update({
        "svg.fonttype": "none",
        "svg.hashsalt": "opening_up",
        "font.family": [name for name in (cjk_font, "DejaVu Sans") if name],
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "font.size": 9,
    })
    return cjk_font


def new_figure(n_rows: int = 1, n_cols: int = 1, width: float = 8.0, height: float = 3.6,
               **kwargs) -> tuple[Figure, np.ndarray]:
    """A figure and a 2-D array of its axes."""
    kwargs.setdefault("layout", "constrained")
    figure, axes = plt.subplots(n_rows, n_cols, figsize=(width, height), squeeze=False, **kwargs)
    return figure, axes


def small_multiples(n_panels: int, n_cols: int, width: float, row_height: float) -> tuple[Figure, list[Axes]]:
    """A grid of n_panels axes, n_cols wide, with the unused cells of the last row hidden."""
    n_rows = -(-n_panels // n_cols)
    figure, axes = new_figure(n_rows, n_cols, width=width, height=row_height * n_rows)
    for ax in axes.ravel()[n_panels:]:
        ax.axis("off")
    return figure, list(axes.ravel()[:n_panels])


def to_svg(figure: Figure, chart_id: str) -> str:
    """The figure as an inline <svg> element (no XML prolog), ids prefixed by chart_id so that
    several charts can share one HTML page without their clip paths and glyph ids colliding."""
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # missing-glyph warnings when no CJK font
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r'(href="|url\()#([^")]+)', lambda m: f"{m.group(1)}#{chart_id}-{m.group(2)}", svg)
    svg = re.sub(r"font-family:[^;\"]*", f"font-family: {CSS_FONT_FAMILY}", svg)
    return svg.replace("<svg ", f'<svg role="img" data-chart="{chart_id}" ', 1)


def line_panel(ax: Axes, frame: pd.DataFrame, x: str, series: Sequence[tuple[str, str]],
               title: str, y_label: str) -> None:
    """One line per (column, label) of frame against x."""
    for (column, label), colour in zip(series, PALETTE, strict=False):
        ax.plot(frame[x], frame[column], label=label, color=colour, linewidth=1.6)
    ax.set_title(title, loc="left", fontsize=10)
    ax.set_ylabel(y_label)
    ax.legend(fontsize=8, frameon=False)


def mark_points(ax: Axes, x: Sequence[float], y: Sequence[float], label: str, colour: str = "black") -> None:
    """Printed values as hollow markers over a computed series."""
    ax.scatter(x, y, s=36, facecolors="none", edgecolors=colour, linewidths=1.4, zorder=5, label=label)
    ax.legend(fontsize=8, frameon=False)


def heatmap_panel(ax: Axes, matrix: pd.DataFrame, title: str, value_format: str = "{:.3f}",
                  cmap: str = "YlOrRd", centre_zero: bool = False, x_rotation: float = 0,
                  limits: tuple[float, float] | None = None, log_scale: bool = False,
                  font_size: float = 7) -> None:
    """A labelled heat map of matrix (rows × columns) with each cell's value written in it; limits fixes
    the colour scale (else the data's range, or symmetric about zero with centre_zero); log_scale
    colours by the logarithm (positive values), so that panels of very different levels can share one
    scale."""
    values = matrix.to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    if limits is not None:
        limits = {"vmin": limits[0], "vmax": limits[1]}
    elif centre_zero and finite.size:
        bound = float(np.nanmax(np.abs(finite))) or 1.0
        limits = {"vmin": -bound, "vmax": bound}
    else:
        limits = {"vmin": float(finite.min()) if finite.size else 0.0,
                  "vmax": float(finite.max()) if finite.size else 1.0}
    if log_scale:
        values = np.where(values > 0, values, np.nan)
    norm = (LogNorm if log_scale else Normalize)(vmin=limits["vmin"], vmax=limits["vmax"])
    mesh = ax.pcolormesh(
        np.ma.masked_invalid(values), cmap=cmap, edgecolors="white", linewidth=0.5, norm=norm
    )
    ax.set_xticks(np.arange(values.shape[1]) + 0.5, [str(c) for c in matrix.columns], rotation=x_rotation,
                  ha="right" if x_rotation else "center")
    ax.set_yticks(np.arange(values.shape[0]) + 0.5, [str(r) for r in matrix.index])
    ax.invert_yaxis()
    ax.grid(False)
    ax.set_title(title, loc="left", fontsize=10)
    for (row, column), value in np.ndenumerate(values):
        if np.isfinite(value):
            shade = float(mesh.norm(value))
            dark = shade > 0.65 or (centre_zero and abs(shade - 0.5) > 0.35)
            ax.text(column + 0.5, row + 0.5, value_format.format(value), ha="center", va="center",
                    fontsize=font_size, color="white" if dark else "black")
    ax.figure.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02)


def linkage_from_merges(merges: pd.DataFrame, n_leaves: int) -> np.ndarray:
    """A scipy linkage matrix from the fuzzy-closure merge list (cluster_a, cluster_b, lambda_level,
    n_members), with height 1 − λ so that the tree grows upwards as λ falls (动态聚类图)."""
    ordered = merges.sort_values("merge_step")
    linkage = np.column_stack([
        ordered.cluster_a.to_numpy(float),
        ordered.cluster_b.to_numpy(float),
        1.0 - ordered.lambda_level.to_numpy(float),
        ordered.n_members.to_numpy(float),
    ])
    if len(linkage) != n_leaves - 1:
        raise ValueError(f"a tree over {n_leaves} leaves needs {n_leaves - 1} merges, got {len(linkage)}")
    return linkage


def dendrogram_panel(ax: Axes, linkage: np.ndarray, labels: Sequence[str], title: str,
                     printed_cuts: pd.DataFrame | None = None) -> None:
    """The dynamic clustering tree with the λ axis labelled in λ, printed λ-cuts as dashed lines."""
    dendrogram(linkage, labels=list(labels), ax=ax, color_threshold=0, above_threshold_color="#1f77b4",
               leaf_rotation=90, leaf_font_size=7)
    ticks = ax.get_yticks()
    ax.set_yticks(ticks, [f"{1 - t:.2f}" for t in ticks])
    ax.set_ylabel("λ")
    ax.grid(False)
    ax.set_title(title, loc="left", fontsize=10)
    if printed_cuts is not None:
        for _, cut in printed_cuts.iterrows():
            height = 1 - cut.lambda_level
            ax.axhline(height, color="#d62728", linestyle="--", linewidth=0.8)
            ax.text(
                ax.get_xlim()[1],
                height,
                f" λ={cut.lambda_level:g}: {int(cut.n_classes_printed)} classes printed",
                va="center",
                ha="left",
                fontsize=7,
                color="#d62728",
            )


# A standard error above this is not an estimate's precision but a singular weight matrix's artefact
# (the paper instrument set: far more instruments than the 9 provinces): no interval is drawn.
UNDEFINED_STD_ERROR = 1e6


def no_interval(estimates: pd.DataFrame) -> np.ndarray:
    """The estimates whose standard error measures no precision: missing or infinite, above
    UNDEFINED_STD_ERROR, or from a model with more instruments than groups (`instruments_exceed_groups`,
    when the frame has it: its two-step weight matrix is singular)."""
    std_error = estimates.std_error.to_numpy(float)
    flagged = (estimates["instruments_exceed_groups"].fillna(False).to_numpy(bool)
               if "instruments_exceed_groups" in estimates else np.zeros(len(estimates), dtype=bool))
    return ~np.isfinite(std_error) | (std_error >= UNDEFINED_STD_ERROR) | flagged


def coefficient_axis(estimates: pd.DataFrame) -> tuple[float, float]:
    """The x range of a coefficient plot: the printed coefficients' 95% intervals (all estimates' when
    none is printed), widened by their own width on each side; estimates beyond it are drawn at its edge."""
    printed = estimates[estimates.source.str.startswith("printed")]
    basis = printed if len(printed) else estimates
    defined = basis[~no_interval(basis)]
    lower = np.nanmin(
        np.r_[(defined.coefficient - 1.96 * defined.std_error).to_numpy(float), basis.coefficient]
    )
    upper = np.nanmax(
        np.r_[(defined.coefficient + 1.96 * defined.std_error).to_numpy(float), basis.coefficient]
    )
    width = upper - lower or 1.0
    return float(lower - width), float(upper + width)


def coefficient_panel(ax: Axes, estimates: pd.DataFrame, title: str) -> list[str]:
    """Coefficients with 95% intervals, one row per term and one marker per source, on coefficient_axis:
    a coefficient beyond it is drawn as a triangle at the edge with its value written; one whose standard
    error measures nothing (no_interval) as a hollow marker without an interval. Returns what was drawn
    off scale, for the caption.

    estimates: term, source, coefficient, std_error (and optionally instruments_exceed_groups)."""
    terms = list(dict.fromkeys(estimates.term))
    sources = list(dict.fromkeys(estimates.source))
    offsets = np.linspace(-0.25, 0.25, len(sources)) if len(sources) > 1 else np.zeros(1)
    lower, upper = coefficient_axis(estimates)
    off_scale = []
    for source, offset, colour in zip(sources, offsets, PALETTE, strict=False):
        rows = estimates[estimates.source == source].set_index("term").reindex(terms)
        y = np.arange(len(terms)) + offset
        coefficient = rows.coefficient.to_numpy(float)
        std_error = rows.std_error.to_numpy(float)
        undefined = no_interval(rows)
        inside = (coefficient >= lower) & (coefficient <= upper)
        half = np.where(undefined, 0, 1.96 * np.nan_to_num(std_error))
        shown = inside & ~undefined
        ax.errorbar(coefficient[shown], y[shown], xerr=half[shown], fmt="o", ms=4, color=colour, capsize=2,
                    label=source, linewidth=1)
        hollow = inside & undefined
        ax.plot(coefficient[hollow], y[hollow], "o", ms=5, mfc="none", color=colour)
        for index in np.flatnonzero(~inside & np.isfinite(coefficient)):
            edge, marker = (upper, ">") if coefficient[index] > upper else (lower, "<")
            ax.plot(
                [edge], [y[index]], marker, ms=6, color=colour, mfc="none" if undefined[index] else colour
            )
            ax.annotate(f"{coefficient[index]:.3g}", (edge, y[index]), fontsize=7, color=colour,
                        xytext=(-4 if marker == ">" else 4, 0), textcoords="offset points",
                        ha="right" if marker == ">" else "left", va="center")
            off_scale.append(f"{source} {terms[index]} = {coefficient[index]:.3g}")
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlim(lower, upper)
    ax.set_yticks(np.arange(len(terms)), terms)
    ax.invert_yaxis()
    ax.set_title(title, loc="left", fontsize=10)
    return off_scale


def stacked_bar_panel(ax: Axes, frame: pd.DataFrame, title: str, y_label: str,
                      colours: Sequence[str] | None = None) -> None:
    """Bars of frame's columns stacked per row (index = x), in colours (default tab10)."""
    bottom = np.zeros(len(frame))
    x = np.arange(len(frame))
    colours = colours or plt.get_cmap("tab10").colors
    for column, colour in zip(frame.columns, colours, strict=False):
        values = frame[column].fillna(0).to_numpy(float)
        ax.bar(x, values, bottom=bottom, label=str(column), color=colour, width=0.7)
        bottom += values
    ax.set_xticks(x, [str(i) for i in frame.index])
    ax.set_title(title, loc="left", fontsize=10)
    ax.set_ylabel(y_label)
