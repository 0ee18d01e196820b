"""After `make build-spark`'s `dbt run --target spark`: how many marts Spark built, and each mart left
out with the reason (it reads a dbt Python model, directly or through another model: dbt-spark runs
Python models only on Databricks, and the methods beside Spark are issue 37's part 4). Reads dbt's
target/manifest.json and target/run_results.json; exits 1 if a selected mart failed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "target"


def python_ancestor(node_id: str, nodes: dict, seen: set[str] | None = None) -> str | None:
    """The first dbt Python model `node_id` depends on, if any."""
    seen = set() if seen is None else seen
    for parent in nodes[node_id].get("depends_on", {}).get("nodes", []):
        if parent in seen or parent not in nodes:
            continue
        seen.add(parent)
        if nodes[parent].get("language") == "python":
            return nodes[parent]["name"]
        found = python_ancestor(parent, nodes, seen)
        if found:
            return found
    return None


def main() -> int:
    manifest = json.loads((TARGET / "manifest.json").read_text(encoding="utf-8"))
    results = json.loads((TARGET / "run_results.json").read_text(encoding="utf-8"))["results"]
    nodes = manifest["nodes"]
    marts = sorted(
        node_id for node_id, node in nodes.items()
        if node["resource_type"] == "model" and node["schema"] == "marts" and node["config"]["enabled"]
    )
    status = {result["unique_id"]: result["status"] for result in results}
    built = [m for m in marts if status.get(m) == "success"]
    failed = [m for m in marts if status.get(m) not in (None, "success")]
    print(f"build-spark: {len(built)} of {len(marts)} marts built on Spark")
    for mart in marts:
        if mart not in status:
            reason = python_ancestor(mart, nodes)
            why = f"reads the dbt Python model {reason}" if reason else "not selected"
            print(f"  left out {nodes[mart]['name']}: {why} (the methods beside Spark: issue 37, part 4)")
    for mart in failed:
        print(f"  FAILED {nodes[mart]['name']}: {status[mart]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
