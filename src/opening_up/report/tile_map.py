"""A tile-grid map of China's provinces (方块地图): one equal square per province at its (tile_column,
tile_row) of dim_region, labelled with its short name. No boundary data: the layout is the project's
(ref_region_tile_grid)."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch, Rectangle


def tile_map_panel(
    ax: Axes, tiles: pd.DataFrame, title: str, legend: dict[str, object] | None = None
) -> None:
    """Draw tiles (columns tile_column, tile_row, label, colour, and optionally emphasis: a heavier
    outline) with the rows from north to south; legend maps a label to its colour."""
    for tile in tiles.itertuples():
        heavy = bool(getattr(tile, "emphasis", False))
        ax.add_patch(Rectangle((tile.tile_column, tile.tile_row), 0.94, 0.94, facecolor=tile.colour,
                               edgecolor="black" if heavy else "white", linewidth=1.8 if heavy else 0.5))
        red, green, blue = to_rgb(tile.colour)
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
        ax.text(tile.tile_column + 0.47, tile.tile_row + 0.47, tile.label, ha="center", va="center",
                fontsize=7.5, color="white" if dark else "black")
    ax.set_xlim(-0.1, tiles.tile_column.max() + 1.04)
    ax.set_ylim(tiles.tile_row.max() + 1.04, -0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=10)
    if legend:
        ax.legend(handles=[Patch(facecolor=colour, label=label) for label, colour in legend.items()],
                  fontsize=7, frameon=False, loc="lower left", ncol=1)
