"""The SAMPLE yearbooks (seeds/sample/): generated, deterministic, and marked as sample in every row.

generate (the generator and `python -m opening_up.sample`), local (prefectures and ports), paths
(random walks, shocks, calibration) and real_anchors (the real magnitudes it meets).
"""
