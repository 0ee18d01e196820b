"""One way to run dbt against a chosen DuckDB file, for the refresh, the tests and the benchmarks, and
what a `dbt build` said: its counts, its failures, or its own reason when it wrote no results."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb

from opening_up.warehouse.failing_rows import dbt_test_rows
from opening_up.settings import PROJECT_ROOT, child_environment

DISK_FULL = "No space left on device"


# dbt parses the whole project again (about 11 s of CPU; 4 s when it can reuse its last parse) whenever
# the profile differs from its last parse's, and the profile holds the file's path. So every run opens
# its file through the same relative name, a hard link in a folder of the run's own (DuckDB names the
# catalog after the name it opens, so it is always `opening_up`, as in the published file; a symbolic
# link would be resolved to the target's name), and starts from the last run's parse state, which dbt
# checks and rejects itself when files, vars or environment changed. Where no hard link can be made
# (another file system), dbt opens the file by its own path and parses in full.
DBT_FILE_NAME = "opening_up.duckdb"
PARSE_STATE = "partial_parse.msgpack"


# What dbt parses and builds from: a file of these changed since a parse or a build makes it stale.
DBT_INPUTS = (
    "dbt_project.yml",
    "selectors.yml",
    "profiles",
    "models",
    "macros",
    "seeds",
    "python_models",
    "tests",
    "analyses",
)


def changed_since(
    timestamp: float, names: tuple[str, ...] = DBT_INPUTS, project_dir: Path = PROJECT_ROOT
) -> bool:
    """True when a file or a file of a folder named in `names` was modified after `timestamp` (under
    tests/, only the SQL and YAML dbt reads; caches are not files of the project)."""
    for name in names:
        root = project_dir / name
        for path in [root] if root.is_file() else root.rglob("*"):
            parts = path.relative_to(project_dir).parts
            if "__pycache__" in parts or (parts[0] == "tests" and path.suffix not in (".sql", ".yml")):
                continue
            if path.is_file() and path.stat().st_mtime > timestamp:
                return True
    return False


def _parse_cache(project_dir: Path) -> Path:
    return project_dir / "target" / "run_dbt" / PARSE_STATE


def _link_database(database: Path, work: Path) -> Path | None:
    """DBT_FILE_NAME in a folder of this run, a hard link to `database` (created empty first if
    missing); None where the link cannot be made."""
    link = work / "dbt-file" / DBT_FILE_NAME
    try:
        link.parent.mkdir(parents=True, exist_ok=True)
        target = Path(database).resolve()
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            duckdb.connect(str(target)).close()
        link.unlink(missing_ok=True)
        os.link(target, link)
    except OSError:
        return None
    return link


def _share_parse_state(source: Path, target: Path) -> None:
    """Copy a parse state into place whole (a reader never sees half a file)."""
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        shutil.copyfile(source, partial)
        os.replace(partial, target)


def run_dbt(database: Path, *args: str, project_dir: Path = PROJECT_ROOT,
            work: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `dbt <args>` against `database` (as the profile's $OPENING_UP_DEV_DB, set for this process
    only, through a link of a constant name: see DBT_FILE_NAME); target and logs go to `work` (default:
    beside the database) so that parallel runs never share them. Output is captured, never raised."""
    work = work or database.parent
    link = _link_database(database, work)
    state, cache = work / "target" / PARSE_STATE, _parse_cache(project_dir)
    if link and not state.exists() and cache.exists():
        _share_parse_state(cache, state)
    env = child_environment(OPENING_UP_DEV_DB=DBT_FILE_NAME if link else str(database),
                            DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    try:
        process = subprocess.run(
            [str(Path(sys.executable).with_name("dbt")), *args, "--project-dir", str(project_dir),
             "--profiles-dir", str(project_dir / "profiles"), "--target-path", str(work / "target"),
             "--log-path", str(work / "logs")],
            cwd=link.parent if link else project_dir, env=env, capture_output=True, text=True, timeout=1800)
    finally:
        if link:
            with contextlib.suppress(OSError):
                link.unlink()
    # A run with vars of its own parses for them: its state would only cost the next run a parse.
    if link and state.exists() and "--vars" not in args:
        _share_parse_state(state, cache)
    return process


def _run_results(target: Path) -> list[dict]:
    """The node results of the run_results.json in `target` (none when dbt wrote no readable file)."""
    try:
        return json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return []


def build_counts(target: Path) -> Counter:
    """{status: number of nodes} of the run in `target` (empty when dbt wrote no results)."""
    return Counter(result["status"] for result in _run_results(target))


# Tests that read a paper's printed tables (seeds/published, the fct_published_ marts, the checks reports): a
# warning there is the paper's own inconsistency, kept and flagged in marts.rpt_published_checks.
PAPER_NODE = re.compile(r"\.(pub_|fct_published_|rpt_published_|rpt_\w+_published_checks)")


def warnings_explained(target: Path) -> list[str]:
    """What the build's warnings are, in one line per kind: the tests on the papers' printed figures (the
    papers' own inconsistencies), and each other warning test by name and file."""
    warned = [r["unique_id"] for r in _run_results(target) if r["status"] == "warn"]
    if not warned:
        return []
    try:
        nodes = json.loads((target / "manifest.json").read_text(encoding="utf-8"))["nodes"]
    except (OSError, ValueError, KeyError):
        nodes = {}
    paper = [uid for uid in warned if any(PAPER_NODE.search(dep) for dep in
                                          nodes.get(uid, {}).get("depends_on", {}).get("nodes", []))]
    lines = (
        [
            f"warn={len(warned)}: {len(paper)} the papers' own inconsistencies (misprints and sums that do "
            "not add "
            "up, kept and flagged: marts.rpt_published_checks, status mismatch_in_paper)"
        ]
        if paper
        else []
    )
    lines += [f"warn: {uid.split('.')[2]} ({nodes.get(uid, {}).get('original_file_path', 'its test')}): "
              + _first_comment_line(nodes.get(uid, {})) for uid in warned if uid not in paper]
    return lines


def _first_comment_line(node: dict) -> str:
    """A singular test's leading Jinja comment, else its description, else ''."""
    match = re.search(r"\{#-?\s*(.+?)\s*-?#\}", node.get("raw_code", ""), re.S)
    return " ".join((match.group(1) if match else node.get("description", "")).split())


def _dbt_failures(target: Path, candidate: Path) -> list[str]:
    """One line per failed node; a failed data test's is followed by what it checks and its rows,
    named by file, line, cell and value (opening_up.warehouse.failing_rows)."""
    failed = [r for r in _run_results(target) if r["status"] in ("error", "fail", "runtime error")]
    rows = dbt_test_rows(candidate, target, [r for r in failed if r["unique_id"].startswith("test.")])
    return [f"dbt {r['unique_id']}: {r['status']}: {(r.get('message') or '').strip()[:500]}"
            + "".join(f"\n      {line}" for line in rows.get(r["unique_id"], [])) for r in failed]


def _dbt_reason(output: str) -> str:
    """dbt's own error lines from its console output (what it says when no run_results.json was written)."""
    lines = [line.strip() for line in output.splitlines()
             if any(word in line for word in ("Error", "error:", DISK_FULL, "Exception"))]
    return " | ".join(lines[-5:]) or output.strip()[-1000:]


def run_dbt_build(candidate: Path, work: Path, *args: str) -> list[str]:
    """`dbt build [args]` into the candidate file; returns the failures (empty when everything passed),
    each failed data test with its rows."""
    process = run_dbt(candidate, "build", *args, work=work)
    with contextlib.suppress(OSError):
        (work / "dbt_build.log").write_text(process.stdout + process.stderr, encoding="utf-8")
    if process.returncode == 0:
        return []
    failures = _dbt_failures(work / "target", candidate)
    return failures or [
        f"dbt build exited {process.returncode}: {_dbt_reason(process.stdout + process.stderr)}"
    ]
