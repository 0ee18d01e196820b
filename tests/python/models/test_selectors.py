"""selectors.yml: one selector per paper, the published checks and the BI marts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT
from opening_up.warehouse import dbt_runner

PAPERS = ["port_clusters", "border_growth", "inner_mongolia_ports", "yangtze_openness", "border_opening"]
# The papers' old selector names, kept until release 0.2.
OLD_NAMES = {"seed_000": "port_clusters", "seed_001": "border_growth", "seed_002": "inner_mongolia_ports",
             "seed_003": "yangtze_openness", "seed_004": "border_opening"}


@pytest.fixture(scope="module")
def selected(tmp_path_factory: pytest.TempPathFactory, built_warehouse: Path) -> dict[str, set[str]]:
    """{selector: the marts `dbt ls --selector` lists}, and "all": every mart of the project (dbt in
    process, from the session build's parse state: `dbt ls` reads no data)."""
    from dbt.cli.main import dbtRunner

    work = tmp_path_factory.mktemp("selectors")
    (work / "target").mkdir()
    shutil.copy(built_warehouse.parent / "target" / "partial_parse.msgpack", work / "target")
    project = ["--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT / "profiles"),
               "--target-path", str(work / "target"), "--log-path", str(work / "logs")]
    monkeypatch = pytest.MonkeyPatch()
    # The build's profile (opening_up.warehouse.dbt_runner opens every file by one name), so that dbt accepts
    # its
    # parse state; parsed once, then every `ls` selects from that manifest.
    monkeypatch.setenv("OPENING_UP_DEV_DB", dbt_runner.DBT_FILE_NAME)
    parsed = dbtRunner().invoke(["parse", *project, "--quiet"])
    assert parsed.success, parsed.exception
    runner = dbtRunner(manifest=parsed.result)
    marts = {}
    for selector in [*PAPERS, *OLD_NAMES, "regional_openness", "published_checks", "bi_marts", None]:
        args = ["--selector", selector] if selector else []
        result = runner.invoke(
            ["ls", *project, *args, "--resource-type", "model", "--output", "path", "--quiet"]
        )
        assert result.success, result.exception
        paths = [Path(line) for line in result.result]
        marts[selector or "all"] = {path.stem for path in paths if path.parts[:2] == ("models", "marts")}
    monkeypatch.undo()
    return marts


def test_each_paper_selects_its_published_tables_and_its_own_marts(selected: dict[str, set[str]]) -> None:
    for paper in PAPERS:
        assert any(
            name.startswith("fct_") and not name.startswith("fct_published") for name in selected[paper]
        ), paper
    # Each paper's own published marts are in its selection and in no other paper's analytic marts.
    assert "fct_published_port_coupling_coordination" in selected["port_clusters"]
    assert {"fct_published_gmm_estimates", "rpt_gmm_against_published"} <= selected["border_growth"]
    assert "fct_published_yangtze_openness_index" in selected["yangtze_openness"]
    assert "fct_published_border_opening" in selected["border_opening"]
    assert not {"fct_border_growth_gmm", "fct_province_openness"} & selected["port_clusters"]
    # Each paper's checks report is in its selection.
    assert "rpt_port_clusters_published_checks" in selected["port_clusters"]


def test_the_old_selector_names_select_what_the_new_ones_do(selected: dict[str, set[str]]) -> None:
    """The papers' old selectors (seed_000 ... seed_004) keep working until release 0.2."""
    for old, new in OLD_NAMES.items():
        assert selected[old] == selected[new], old


def test_bi_marts_are_every_mart_and_every_analytic_mart_belongs_to_a_selector(
    selected: dict[str, set[str]],
) -> None:
    assert selected["bi_marts"] == selected["all"]
    covered = set().union(*(selected[name] for name in [*PAPERS, "regional_openness", "published_checks"]))
    # Shared by every paper: the yearbook observations, their coverage and the reference dimensions.
    shared = {name for name in selected["all"]
              if name.startswith(("dim_", "fct_yearbook_", "rpt_input_", "rpt_data_", "rpt_quarantined_"))}
    assert selected["all"] - shared <= covered
