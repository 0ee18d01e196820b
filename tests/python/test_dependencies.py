"""The dependencies: direct pins in requirements.in (and requirements-orchestrate.in) agree with
pyproject.toml's runtime, dev and orchestrate sets; the locks generated from them pin every package
with its hashes, and what is installed is what they lock."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version

import pytest

from conftest import PROJECT_ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str]) -> dict[str, str]:
    return {canonical(m.group(1)): m.group(2) for line in lines if (m := PIN.match(line.strip()))}


def direct(name: str) -> dict[str, str]:
    return pins((PROJECT_ROOT / name).read_text(encoding="utf-8").splitlines())


def locked(name: str) -> dict[str, str]:
    """{package: version} of a pip-compile lock, asserting each pin carries at least one sha256 hash."""
    text = (PROJECT_ROOT / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n\n", 1)[1])
    for entry in entries:
        if PIN.match(entry):
            assert "--hash=sha256:" in entry, entry.splitlines()[0]
    return pins(text.splitlines())


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_pyproject_separates_runtime_dev_and_orchestrate_as_the_in_files_pin(project: dict) -> None:
    runtime = pins(project["dependencies"])
    dev = pins(project["optional-dependencies"]["dev"])
    assert runtime
    assert dev
    assert not runtime.keys() & dev.keys()
    assert runtime | dev == direct("requirements.in")
    assert pins(project["optional-dependencies"]["orchestrate"]) == direct("requirements-orchestrate.in")


@pytest.mark.parametrize(
    ("source", "lock"),
    [
        ("requirements.in", "requirements.txt"),
        ("requirements-orchestrate.in", "requirements-orchestrate.txt"),
    ],
)
def test_the_locks_hold_every_direct_pin_with_hashes(source: str, lock: str) -> None:
    packages = locked(lock)
    assert direct(source).items() <= packages.items()
    assert "--only-binary :all:" in (PROJECT_ROOT / lock).read_text(encoding="utf-8")


def test_the_environment_is_the_lock() -> None:
    """`make install` installed exactly the locked versions (the orchestration extra's too)."""
    expected = locked("requirements.txt") | locked("requirements-orchestrate.txt")
    installed = {}
    for name in expected:
        try:
            installed[name] = version(name)
        except PackageNotFoundError:
            installed[name] = None
    assert installed == expected
