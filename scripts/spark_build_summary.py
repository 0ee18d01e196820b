"""After `make build-spark`: how many marts Spark built, and each mart left out or failed. Reads dbt's
target/manifest.json and the run_results.json of the build's dbt runs, given in order (the models
upstream of the dbt Python models, then those downstream of them; `python -m opening_up spark-methods`
builds the Python models between the two); exits 1 unless every mart was built."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from opening_up.spark.compare import is_mart

TARGET = Path(__file__).resolve().parents[1] / "target"


def main(run_results: list[str]) -> int:
    manifest = json.loads((TARGET / "manifest.json").read_text(encoding="utf-8"))
    status: dict[str, str] = {}
    for path in run_results:
        results = json.loads(Path(path).read_text(encoding="utf-8"))["results"]
        status |= {result["unique_id"]: result["status"] for result in results}
    nodes = manifest["nodes"]
    marts = sorted(node_id for node_id, node in nodes.items() if is_mart(node))
    built = [m for m in marts if status.get(m) == "success"]
    print(f"build-spark: {len(built)} of {len(marts)} marts built on Spark")
    for mart in marts:
        if mart not in status:
            print(f"  left out {nodes[mart]['name']}: selected by neither dbt run")
        elif status[mart] != "success":
            print(f"  FAILED {nodes[mart]['name']}: {status[mart]}")
    return 0 if len(built) == len(marts) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
