"""The dbt project's house rules, read from the manifest of the session's build: each paper is a unit
(its tag, its intermediate and mart folders, its checks model), the layers are the dbt guide's
(intermediate models read staging and intermediate models only), and what exists only for tests or
benchmarks stays out of the warehouse and out of every production model's SQL."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import PROJECT_ROOT, run_dbt

# The papers' names (papers 000-004 of ../shared/seeds/) and, for one release, their old tags.
PAPERS = {"port_clusters": "seed_000", "border_growth": "seed_001", "inner_mongolia_ports": "seed_002",
          "yangtze_openness": "seed_003", "border_opening": "seed_004"}
NOT_WAREHOUSE = {"method_examples", "benchmark"}


def _models(manifest: dict) -> dict[str, dict]:
    return {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == "model"}


def _layer(node: dict) -> str:
    return node["fqn"][1]


def test_each_paper_is_its_tag_its_folders_and_its_checks(manifest: dict) -> None:
    models = _models(manifest)
    seeds = {node["name"]: node for node in manifest["nodes"].values() if node["resource_type"] == "seed"}
    for paper, old_tag in PAPERS.items():
        tagged = {name for name, node in models.items() if paper in node["tags"]}
        assert any(name.startswith("fct_") for name in tagged), paper
        assert any(name.startswith("int_") for name in tagged), paper
        # Every model in a paper's folders, and every seed of its folder of printed tables, carries
        # its tag and (until 0.2) its old one.
        in_folders = {name for name, node in [*models.items(), *seeds.items()]
                      if len(node["fqn"]) > 3 and paper in node["fqn"][2:-1]}
        assert in_folders, paper
        for name in in_folders:
            node = models.get(name) or seeds[name]
            assert {paper, old_tag} <= set(node["tags"]), (paper, name)
        if paper != "inner_mongolia_ports":  # paper 002 prints no figure its others recompute
            assert f"rpt_{paper}_published_checks" in tagged
    checks = models["rpt_published_checks"]["depends_on"]["nodes"]
    assert {node.split(".")[-1] for node in checks if node.endswith("_published_checks")} == {
        f"rpt_{paper}_published_checks" for paper in PAPERS if paper != "inner_mongolia_ports"}


def test_no_mart_passes_another_model_through(manifest: dict) -> None:
    """A published table is one model (its fct_published_ mart reads the paper's staging model): no
    intermediate model holds what a mart only re-selects."""
    models = _models(manifest)
    for name, node in models.items():
        if name.startswith("fct_published_"):
            parents = [parent.split(".")[-1] for parent in node["depends_on"]["nodes"]]
            assert parents, (name, parents)
            assert all(parent.startswith("stg_") for parent in parents), (name, parents)
    assert not [name for name in models if name.startswith("int_published_")]


def test_intermediate_models_read_no_mart(manifest: dict) -> None:
    models = _models(manifest)
    by_id = {node["unique_id"]: node for node in models.values()}
    reads_marts = {name: [by_id[parent]["name"] for parent in node["depends_on"]["nodes"]
                          if parent in by_id and _layer(by_id[parent]) == "marts"]
                   for name, node in models.items() if _layer(node) == "intermediate"}
    assert {name: marts for name, marts in reads_marts.items() if marts} == {}


def test_staging_renames_and_casts_only(manifest: dict) -> None:
    """Staging models read one source or seed each and no other model (name resolution is intermediate)."""
    for name, node in _models(manifest).items():
        if _layer(node) == "staging":
            parents = node["depends_on"]["nodes"]
            assert len(parents) == 1, (name, parents)
            assert parents[0].split(".")[0] in ("source", "seed"), (name, parents)


def test_no_production_model_branches_on_a_test_or_benchmark_var(manifest: dict) -> None:
    """The scale benchmark's and the method examples' models are left out of the warehouse (tags, the
    default selector) and no production model or macro it calls mentions their vars."""
    models = _models(manifest)
    production = {name: node for name, node in models.items() if not NOT_WAREHOUSE & set(node["tags"])}
    macros = {
        macro["unique_id"]: macro
        for macro in manifest["macros"].values()
        if macro["package_name"] == "opening_up"
    }
    test_vars = re.compile(r"scale_schema|scale_indicators|method_example")
    for name, node in production.items():
        used = [
            macros[m]["macro_sql"]
            for m in node["depends_on"]["macros"]
            if m in macros and "validate_vars" not in m
        ]
        assert not test_vars.search(node["raw_code"]), name
        assert not any(test_vars.search(sql) for sql in used), name
    assert {name for name, node in models.items() if "method_examples" in node["tags"]}, (
        "the method examples parse"
    )
    disabled = [node for nodes in manifest["disabled"].values() for node in nodes]
    assert {node["name"] for node in disabled if "benchmark" in node["tags"]} >= {
        "int_scale_panel",
        "int_scale_coupling",
    }


def test_the_method_examples_unit_tests_pass_when_their_selector_asks(
    built_warehouse: Path, tmp_path: Path
) -> None:
    """The generic SQL macros against the worked examples (tests/fixtures/method_examples.json): dbt
    unit tests on test-only models, which `dbt build --selector method_examples` builds and runs."""
    database = tmp_path / "examples.duckdb"
    shutil.copy(built_warehouse, database)
    result = run_dbt(PROJECT_ROOT, database, "build", "--selector", "method_examples")
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"Done\. PASS=(\d+) WARN=0 ERROR=0", result.stdout), result.stdout[-2000:]
    assert "entropy_weights_on_the_water_quality_example" in result.stdout
    assert "coupling_coordination_on_four_systems" in result.stdout
