"""A clean run prints what matters: no setuptools deprecation warning when the package is installed,
no sqlfluff line for each macro it skips (Dagster's telemetry banner: test_dagster_server.py)."""

from __future__ import annotations

import subprocess
import warnings

from conftest import PROJECT_ROOT


def test_the_package_metadata_raises_no_deprecation_warning() -> None:
    from setuptools.config.pyprojecttoml import read_configuration

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        configuration = read_configuration(PROJECT_ROOT / "pyproject.toml")
    assert configuration["project"]["license"] == "MIT"
    assert [str(warning.message) for warning in caught] == []


def test_lint_passes_sqlfluff_only_files_it_lints() -> None:
    """sqlfluff skips a macro (and a generic test, a macro too) with a warning line each: the lint
    names the folders of models, analyses and singular tests only."""
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "lint"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    command = next(line for line in dry_run.splitlines() if "sqlfluff lint" in line)
    folders = command.split("sqlfluff lint", 1)[1].split()
    assert folders[:2] == ["models", "analyses"]
    assert not any(
        folder.startswith(("macros", "tests/generic")) or folder == "tests" for folder in folders
    ), folders
    singular = {
        f"{path.parent.relative_to(PROJECT_ROOT).as_posix()}/"
        for path in (PROJECT_ROOT / "tests").glob("**/*.sql")
        if path.parent.name != "generic"
    }
    assert set(folders[2:]) == singular


def test_make_test_shows_progress_and_leaves_no_temporary_files() -> None:
    """pytest's progress line is not held back until the end (make's --output-sync did), the lint
    writes its dbt file under target/, and pytest removes its temporary folders when every test passed."""
    import tomllib

    dry_run = subprocess.run(["make", "--no-print-directory", "-n", "test", "lint"], cwd=PROJECT_ROOT,
                             capture_output=True, text=True, check=True).stdout
    assert "--output-sync" not in dry_run
    assert "mktemp" not in dry_run
    options = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"][
        "ini_options"
    ]
    assert options["tmp_path_retention_policy"] == "failed"
