"""The report's figures and tables, one module per paper, one function each, read from the marts
of a built warehouse.

Every function takes `read` (SQL and optional parameters → DataFrame, recording the marts it
reads) and returns a figure record: id, paper, bilingual title, caption, provenance, and the body (inline
SVG for charts, an HTML table for tables). Nothing here computes a published measure or shapes data:
the marts do (the rpt_ marts of each paper's folder in models/marts/ put the printed tables beside the
warehouse's);
the figures only arrange and draw them.
"""

from __future__ import annotations

from collections.abc import Callable

from opening_up.report.figures.checks import published_checks
from opening_up.report.figures.common import Reader, figure, html_table
from opening_up.report.figures.regional_openness import (
    openness_convergence,
    openness_densities,
    openness_disparity,
    openness_markov,
    openness_obstacles,
)
from opening_up.report.figures.spatial_openness import (
    openness_lisa_map,
    openness_moran,
    openness_spatial_markov,
)
from opening_up.report.figures.port_clusters import (
    check_leaf_order,
    port_cluster_tree,
    port_coupling,
    port_grey_relation,
)
from opening_up.report.figures.border_growth import gmm_coefficients, gmm_tables
from opening_up.report.figures.yangtze_openness import yangtze_dispersion, yangtze_indices, yangtze_table1
from opening_up.report.figures.border_opening import border_growth, border_shares

FIGURES: tuple[Callable[[Reader], dict[str, object]], ...] = (
    yangtze_indices, yangtze_dispersion, yangtze_table1,
    port_cluster_tree, port_coupling, port_grey_relation,
    gmm_coefficients, gmm_tables,
    border_shares, border_growth,
    openness_disparity, openness_convergence, openness_densities, openness_obstacles, openness_markov,
    openness_spatial_markov, openness_moran, openness_lisa_map,
    published_checks,
)

__all__ = ["FIGURES", "Reader", "check_leaf_order", "figure", "html_table"]
