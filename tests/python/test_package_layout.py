"""The package's house rules, read from its source: no import cycles (imports inside functions and
under TYPE_CHECKING count), the environment read by opening_up.settings alone and written by no one,
and the layers (yearbooks and methods import no warehouse, report or orchestration code)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from opening_up.settings import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "src" / "opening_up"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    """{module: the package's modules it imports}; `from a import b` counts as importing a.b when b is a
    module."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                submodules = {f"{base}.{alias.name}" for alias in node.names} & modules.keys()
                imported |= submodules or {base}
        graph[name] = {module for module in imported if module in modules and module != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_a_cycle_is_found_when_there_is_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _environment_uses(path: Path) -> list[str]:
    """`os.environ` and `os.getenv` in a module, by line."""
    uses = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os" \
                and node.attr in ("environ", "getenv", "putenv", "unsetenv"):
            uses.append(f"{path.relative_to(PACKAGE)}:{node.lineno} os.{node.attr}")
    return uses


def test_only_the_settings_module_touches_the_environment() -> None:
    uses = [use for path in PACKAGE.rglob("*.py") if path.name != "settings.py" or path.parent != PACKAGE
            for use in _environment_uses(path)]
    assert uses == []
    settings = (PACKAGE / "settings.py").read_text(encoding="utf-8")
    assert "os.environ[" not in settings
    assert "putenv" not in settings
    assert ".update(" not in settings


def test_reading_yearbooks_and_the_methods_need_no_warehouse() -> None:
    graph = import_graph()
    lower = [name for name in graph if name.startswith(("opening_up.yearbooks", "opening_up.methods",
                                                           "opening_up.sample", "opening_up.papers",
                                                           "opening_up.measures"))]
    upper = ("opening_up.warehouse", "opening_up.report", "opening_up.orchestration")
    assert {name: sorted(m for m in graph[name] if m.startswith(upper)) for name in lower
            if any(m.startswith(upper) for m in graph[name])} == {}


def test_no_source_file_is_ignored_by_git() -> None:
    """A file .gitignore matches never reaches a clone (the root `warehouse/` once hid the package's
    `warehouse/` subpackage): no file of the package, the dbt project or the tests may match it."""
    import subprocess

    import pytest

    folders = [
        "src",
        "models",
        "python_models",
        "macros",
        "seeds",
        "tests",
        "analyses",
        "docs",
        "scripts",
        "benchmarks",
    ]
    files = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in folders
        for path in (PROJECT_ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        input="\n".join(files),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode == 128:
        pytest.skip(f"not a git checkout: {result.stderr.strip()}")
    assert result.stdout.split() == []


def test_relative_settings_paths_are_taken_from_the_project_root() -> None:
    """settings' docstring: "Relative paths are taken from the project root" — every path setting."""
    from opening_up.settings import from_environment

    settings = from_environment({"OPENING_UP_DB": "a/p.duckdb", "OPENING_UP_DEV_DB": "a/d.duckdb",
                                 "OPENING_UP_YEARBOOKS": "a/y", "OPENING_UP_REPORT_DIR": "a/r",
                                 "OPENING_UP_BENCH_DIR": "a/b"})
    paths = [settings.published_database, settings.development_database, settings.drop_folder,
             settings.report_folder, settings.bench_folder]
    assert all(path.is_absolute() and path.is_relative_to(PROJECT_ROOT / "a") for path in paths), paths
    assert from_environment({}).bench_folder is None


def test_the_command_line_lives_in_one_module() -> None:
    """opening_up.cli parses every command; library modules hold functions only (no argparse, no main)."""
    command_line = re.compile(r"^\s*import argparse|^def main\(", re.M)
    offenders = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                 if path.name != "cli.py" and command_line.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    from opening_up import cli

    assert set(cli.COMMANDS) == {
        "ingest", "refresh", "parquet", "spark-raw", "spark-methods", "spark-compare", "report", "needs",
        "sample", "serve",
    }


def test_every_console_script_names_a_function() -> None:
    import importlib
    import tomllib

    scripts = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    for name, target in scripts.items():
        module, function = target.split(":")
        assert callable(getattr(importlib.import_module(module), function, None)), (name, target)
