"""Check the spatial reference seeds against two independent public sources that install from the
package registries (neither is shipped: the project ships only what ../shared/data/README.md lists).

- ref_region_contiguity: the rook pairs (not the 海南-广东 convention) must equal the pairs of provinces
  whose boundary polygons share a boundary line in Apache ECharts 4.9.0's map/json/china.json (npm,
  Apache-2.0): at least two vertices of one polygon within `--tolerance` degrees of the other's.
- ref_region_capitals: each capital's great-circle distance to the same city in pyecharts 2.1.0's
  datasets/city_coordinates.json (PyPI, MIT).

Get the files with `npm pack echarts@4.9.0` (package/map/json/china.json in the tarball) and
`pip download --no-deps --only-binary=:all: pyecharts==2.1.0` (pyecharts/datasets/city_coordinates.json
in the wheel), then:

    .venv/bin/python scripts/check_spatial_reference.py CHINA_JSON CITY_COORDINATES_JSON

Prints the differences and exits 1 when a pair differs or a capital is more than --max-km away.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
from scipy.spatial import cKDTree

from opening_up.methods.spatial import great_circle_km

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "reference"


def decode_ring(encoded: str, offset: list[int]) -> list[tuple[float, float]]:
    """ECharts' UTF8Encoding of a ring: zigzag-coded deltas in character pairs, 1/1024 degree."""
    x, y = offset
    points = []
    for position in range(0, len(encoded), 2):
        dx, dy = ord(encoded[position]) - 64, ord(encoded[position + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x / 1024, y / 1024))
    return points


def feature_vertices(feature: dict) -> np.ndarray:
    geometry = feature["geometry"]
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    offsets = (
        [geometry["encodeOffsets"]] if geometry["type"] == "Polygon" else geometry["encodeOffsets"]
    )
    return np.array([
        point
        for rings, ring_offsets in zip(polygons, offsets, strict=True)
        for ring, offset in zip(rings, ring_offsets, strict=True)
        for point in decode_ring(ring, offset)
    ])


def boundary_pairs(china_json: Path, codes: set[str], tolerance: float) -> set[tuple[str, str]]:
    features = json.loads(china_json.read_text(encoding="utf-8"))["features"]
    vertices = {
        f["properties"]["id"]: feature_vertices(f) for f in features if f["properties"]["id"] in codes
    }
    pairs = set()
    for a, points_a in vertices.items():
        tree = cKDTree(points_a)
        for b, points_b in vertices.items():
            near = tree.query_ball_point(points_b, tolerance)
            if a != b and sum(1 for hits in near if hits) >= 2:
                pairs.add((a, b))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("china_json", type=Path)
    parser.add_argument("city_coordinates_json", type=Path)
    parser.add_argument("--tolerance", type=float, default=0.05, help="degrees (default 0.05)")
    parser.add_argument("--max-km", type=float, default=40.0, help="largest capital distance (default 40)")
    args = parser.parse_args()

    with open(SEEDS / "ref_region_contiguity.csv", encoding="utf-8") as handle:
        seed_rows = list(csv.DictReader(handle))
    with open(SEEDS / "ref_region_capitals.csv", encoding="utf-8") as handle:
        capitals = list(csv.DictReader(handle))
    codes = {row["region_code"] for row in capitals}
    rook = {(r["region_code"], r["neighbour_code"]) for r in seed_rows if r["is_convention"] == "false"}
    derived = boundary_pairs(args.china_json, codes, args.tolerance)
    print(f"contiguity: {len(rook)} ordered rook pairs in the seed, {len(derived)} from the boundaries")
    for label, pairs in (("only in the seed", rook - derived), ("only in the boundaries", derived - rook)):
        for a, b in sorted(pairs):
            print(f"  {label}: {a} {b}")

    reference = json.loads(args.city_coordinates_json.read_text(encoding="utf-8"))
    worst = 0.0
    failures = 0
    for row in capitals:
        lon, lat = reference[row["capital_name"]]
        distance = great_circle_km(
            np.array([float(row["longitude"]), lon]), np.array([float(row["latitude"]), lat])
        )[0, 1]
        worst = max(worst, distance)
        if distance > args.max_km:
            failures += 1
            print(f"  capital {row['capital_name']}: {distance:.1f} km from the reference")
    print(f"capitals: {len(capitals)}, farthest from the reference {worst:.1f} km")
    return 1 if rook != derived or failures else 0


if __name__ == "__main__":
    sys.exit(main())
