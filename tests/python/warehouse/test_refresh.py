"""Write-audit-publish: real exports published with provenance, revisions kept, bad input and failing
tests refused with the published file unchanged, readers undisturbed, a killed refresh harmless."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_ROOT, partial_build
from opening_up.files import file_hash
from opening_up.warehouse.audit import validate_with_great_expectations
from opening_up.warehouse.dbt_runner import run_dbt
from opening_up.warehouse.refresh import refresh as refresh_in_process
from opening_up.warehouse.refresh import refresh_lock
from opening_up.warehouse.refresh_report import print_outcome
from opening_up.yearbooks.drop_folder import SHIPPED_EXPORTS_DIR

PROJECT = Path(__file__).resolve().parents[3]
EXPORTS = sorted(SHIPPED_EXPORTS_DIR.glob("分省年度数据*.csv"))
CORPUS = PROJECT / "tests" / "yearbook_corpus"
GDP_EXPORT = "分省年度数据.csv"


def refresh(db: Path, folder: Path, *extra: str, **popen) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "opening_up",
            "refresh",
            "--db",
            str(db),
            "--drop-folder",
            str(folder),
            *extra,
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=900,
        **popen,
    )


@pytest.fixture(scope="module")
def published(first_refresh: dict) -> tuple[Path, Path]:
    """The session's first refresh (conftest.first_refresh): the seven exports published, vintage 2025."""
    code, out, err = first_refresh["first"]
    assert code == 0, out + err
    assert "skipped indicator '私营企业和个体就业人员'" in out
    return first_refresh["db"], first_refresh["folder"]


def test_exports_are_published_with_provenance(published: tuple[Path, Path]) -> None:
    db, _ = published
    with duckdb.connect(str(db), read_only=True) as connection:
        row = connection.execute(
            "select value, unit, is_sample, vintage, source_file, source_row, source, n_candidates "
            "from marts.fct_yearbook_observations "
            "where entity_code = '110000' and year = 2024 and indicator_code = 'gdp'").fetchone()
    assert row[:4] == (49670.2, "亿元", False, 2025)
    assert row[4].endswith(GDP_EXPORT)
    assert row[5] == 5
    # At the shipped export's vintage the dropped file wins; the shipped one and the merged panel stay
    # candidates.
    assert row[6] == f"drop folder: {GDP_EXPORT}"
    assert row[7] == 3
    assert list(db.parent.glob("*.candidate-*/gx/uncommitted/data_docs/local_site/index.html"))


def test_the_2015_survey_jump_is_flagged(published: tuple[Path, Path]) -> None:
    """The 1% sample survey of 2015 sits among 1‰ surveys: the warn-level jump test lists it."""
    db, _ = published
    compiled = next(db.parent.glob("*.candidate-*/target/compiled/opening_up/tests/marts/yearbook/"
                                   "assert_no_jumps_in_real_series.sql"))
    with duckdb.connect(str(db), read_only=True) as connection:
        flagged = connection.execute(
            f"select distinct indicator_code, year from ({compiled.read_text(encoding='utf-8')})").fetchall()
    assert ("population_survey_sample", 2015) in flagged


@pytest.fixture(scope="module")
def revised(published: tuple[Path, Path]) -> Path:
    """A 2026 edition revising 北京's 2023 GDP, refreshed while a reader holds the published file
    (which keeps reading the old one)."""
    db, folder = published
    export = (
        (folder / GDP_EXPORT)
        .read_bytes()
        .decode("gbk")
        .replace("北京市,49670.2,47353.7", "北京市,49670.2,47400.0")
    )
    (folder / "revised GDP.csv").write_bytes(export.encode("gbk"))
    (folder / "manifest.csv").write_text(
        (folder / "manifest.csv").read_text(encoding="utf-8") + "revised GDP.csv,2026\n", encoding="utf-8"
    )
    reader = duckdb.connect(str(db), read_only=True)
    before = reader.execute("select count(*) from marts.fct_yearbook_observations").fetchone()[0]
    log: list[str] = []
    report = refresh_in_process(db, folder, validate=False, log=log.append,
                                dbt_step=partial_build(os.path.realpath(db), folder, *VINTAGE_PATH))
    assert report.published_new, "\n".join(log + report.failures)
    assert reader.execute("select count(*) from marts.fct_yearbook_observations").fetchone()[0] == before
    reader.close()
    return db


# What a new vintage flows through, from the drop folder to the marts the tests below read.
VINTAGE_PATH = ("int_drop_folder_observations+,+fct_yearbook_observations",
                "int_drop_folder_observations+,+fct_yearbook_revisions")
BEIJING_GDP_2023 = ("select value, vintage from marts.fct_yearbook_observations "
                    "where entity_code = '110000' and year = 2023 and indicator_code = 'gdp'")


def test_a_revised_vintage_is_kept_and_wins_while_readers_keep_reading(revised: Path) -> None:
    with duckdb.connect(str(revised), read_only=True) as connection:
        revision = connection.execute(
            "select old_vintage, new_vintage, old_value, new_value from marts.fct_yearbook_revisions "
            "where entity_code = '110000' and year = 2023 and indicator_code = 'gdp'").fetchone()
        current = connection.execute(BEIJING_GDP_2023).fetchone()
    assert revision == (2025, 2026, 47353.7, 47400.0)
    assert current == (47400.0, 2026)


def test_as_of_vintage_rebuilds_the_marts_as_of_an_edition(revised: Path, tmp_path: Path) -> None:
    """docs/refresh.md: `--vars '{as_of_vintage: 2024}'` rebuilds the marts as of an edition: after the 2026
    revision is published, as of 2025 the marts hold the 2025 edition's figure again."""
    as_of_vintage, expected = 2025, (47353.7, 2025)
    copy = tmp_path / "as_of.duckdb"
    shutil.copy(revised, copy)
    # The models the vintage filter flows through, up to the mart (the rest of the copy is as published).
    result = run_dbt(copy, "run", "--select", "int_observations_unioned", "int_observations_resolved",
                     "fct_yearbook_observations", "--vars", f"{{as_of_vintage: {as_of_vintage}}}")
    assert result.returncode == 0, result.stdout
    with duckdb.connect(str(copy), read_only=True) as connection:
        assert connection.execute(BEIJING_GDP_2023).fetchone() == expected
        newest = connection.execute("select max(vintage) from marts.fct_yearbook_observations").fetchone()[0]
    assert newest == as_of_vintage


# A file the loader refuses, by a refresh in its own process (every bad input of the corpus is refused in
# test_refusals.py); a refusal by the build step is
# test_a_failing_data_test_leaves_the_published_file_unchanged.
BAD_FILES = [
    ("header_shifted.csv", "load", "header_shifted.csv, line 4, cell A: the header is shifted"),
]


@pytest.mark.parametrize(("name", "step", "message"), BAD_FILES)
def test_bad_input_leaves_the_published_file_unchanged(
    published: tuple[Path, Path], tmp_path: Path, name: str, step: str, message: str
) -> None:
    db, folder = published
    bad = tmp_path / "drop"
    shutil.copytree(folder, bad)
    shutil.copy(CORPUS / name, bad / name)
    before = file_hash(db)
    result = refresh(db, bad, "--no-great-expectations")
    assert result.returncode == 1
    assert "NOT published" in result.stdout
    assert message in result.stdout
    # The step that refused it is the last one logged.
    logged = [line.split()[0] for line in result.stdout.splitlines() if line[:8].strip() in {"load", "build"}]
    assert logged[-1] == step
    assert file_hash(db) == before


def refused_in_process(db: Path, folder: Path, capsys: pytest.CaptureFixture, *select: str) -> str:
    """A refresh of `folder` whose dbt step builds only `select` on the published build: refused, with the
    published file unchanged; returns what the refresh printed."""
    before = file_hash(db)
    report = refresh_in_process(db, folder, validate=False, log=print,
                                dbt_step=partial_build(os.path.realpath(db), folder, *select))
    assert print_outcome(report) == 1
    assert file_hash(db) == before
    return capsys.readouterr().out


def long_csv(folder: Path, name: str, rows: list[tuple[str, str, float]]) -> None:
    """A file of the canonical long template: (entity, indicator, value) in 2010, vintage 2026."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(
        "entity_type,entity_name,year,indicator_name,unit,value,vintage\n"
        + "".join(
            f"region,{entity},2010,{indicator},亿元,{value},2026\n" for entity, indicator, value in rows
        ),
        encoding="utf-8",
    )


def test_a_failing_data_test_is_refused_naming_the_files_lines_cells_and_values(
        published: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db, _ = published
    # Real industries that do not add up to the real GDP, in one file: the relation test fails.
    long_csv(
        tmp_path / "drop",
        "inconsistent.csv",
        [
            ("北京市", "地区生产总值", 100),
            ("北京市", "第一产业增加值", 60),
            ("北京市", "第二产业增加值", 60),
            ("北京市", "第三产业增加值", 60),
        ],
    )
    out = refused_in_process(db, tmp_path / "drop", capsys,
                             "int_drop_folder_observations+,+int_observation_relations")
    assert "checks expression_is_true(expression: holds) on int_observation_relations" in out, out
    # The relation, its sides, and each term traced back to the cell it was printed in.
    assert (
        "sectors_sum_to_gdp, region, 110000, 2010 (100 against 180, beyond 0.05): "
        "gdp = 100 亿元 (inconsistent.csv, line 2, cell F); va_primary = 60 亿元 (inconsistent.csv, line 3, "
        "cell F); "
        "va_secondary = 60 亿元 (inconsistent.csv, line 4, cell F); va_tertiary = 60 亿元 (inconsistent.csv, "
        "line 5, cell F)"
    ) in out, out


def test_conflicting_files_are_refused_naming_both(published: tuple[Path, Path], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    db, _ = published
    long_csv(tmp_path / "drop", "a.csv", [("北京市", "地区生产总值", 100)])
    long_csv(tmp_path / "drop", "b.csv", [("北京", "地区生产总值", 200)])
    out = refused_in_process(db, tmp_path / "drop", capsys, "int_drop_folder_observations")
    assert "drop_folder_values_do_not_conflict" in out
    assert (
        "a.csv, line 2: entity_code 110000, year 2010, indicator_code gdp, printed_value 100, value 100"
        in out
    ), out
    assert (
        "b.csv, line 2: entity_code 110000, year 2010, indicator_code gdp, printed_value 200, value 200"
        in out
    )


def test_an_audit_failure_names_the_rows(built_warehouse: Path, tmp_path: Path) -> None:
    """The Great Expectations audit's refusal names the rows that break an expectation."""
    candidate = tmp_path / "candidate.duckdb"
    shutil.copy(built_warehouse, candidate)
    with duckdb.connect(str(candidate)) as connection:
        connection.execute("update marts.fct_yearbook_observations set value = 'NaN'::double "
                           "where source_file like '%分省年度数据.csv' and source_row = 5 and year = 2023")
        expected = connection.execute(
            "select source_file, printed_value from marts.fct_yearbook_observations where isnan(value)"
        ).fetchall()
    failures = validate_with_great_expectations(candidate, tmp_path / "work")
    assert len(expected) == 1, failures
    assert len(failures) == 1, failures
    file, printed = expected[0]
    assert failures[0].startswith("great_expectations fct_yearbook_observations.value: "
                                  "expect_column_values_to_not_be_null failed (1 rows)")
    assert f"{file}, line 5: entity_code " in failures[0]
    assert f"printed_value {printed}, value NaN" in failures[0]


def test_a_killed_refresh_leaves_the_published_file_unchanged(published: tuple[Path, Path]) -> None:
    db, folder = published
    before = file_hash(db)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "opening_up",
            "refresh",
            "--db",
            str(db),
            "--drop-folder",
            str(folder),
            "--no-great-expectations",
        ],
        cwd=PROJECT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    candidates = set(db.parent.glob("*.candidate-*.duckdb"))
    # Its own signal (the candidate file appears), however slow the machine.
    while process.poll() is None and set(db.parent.glob("*.candidate-*.duckdb")) == candidates:
        time.sleep(0.2)
    time.sleep(2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert file_hash(db) == before
    # The killed refresh holds no lock any more: the next one can start at once.
    with refresh_lock(db):
        pass


def test_source_freshness_of_the_drop_folder(published: tuple[Path, Path], tmp_path: Path) -> None:
    db, _ = published
    # On a copy of the published build: dbt opens its file for writing, and nothing but the refresh writes a
    # build.
    copy = tmp_path / db.name
    shutil.copy(os.path.realpath(db), copy)
    result = run_dbt(copy, "source", "freshness", work=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "PASS" in result.stdout


def test_no_path_of_the_machine_is_in_the_warehouse(published: tuple[Path, Path]) -> None:
    """A drop-folder row names its file within the folder; the folder is recorded once, in the load record."""
    db, folder = published
    machine = str(folder.parent)
    with duckdb.connect(str(db), read_only=True) as connection:
        columns = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where table_schema in ('marts', 'raw') and data_type = 'VARCHAR' and table_name <> "
            "'yearbook_loads'"
        ).fetchall()
        leaks = [
            (schema, table, column)
            for schema, table, column in columns
            if connection.execute(
                f'select count(*) from {schema}."{table}" where "{column}" like ?', [f"%{machine}%"]
            ).fetchone()[0]
        ]
        files = {
            file
            for (file,) in connection.execute(
                "select distinct source_file from marts.fct_yearbook_observations where source like 'drop "
                "folder:%'"
            ).fetchall()
        }
        location, recorded = connection.execute(
            "select location, files_sha256 from raw.yearbook_loads where table_name = 'yearbook_drop_folder' "
            "order by loaded_at desc limit 1").fetchone()
    assert not leaks, leaks
    in_folder = {path.name for path in folder.iterdir()}
    assert files
    assert files <= in_folder
    # The folder once, in the load record, with each file (and manifest.csv) by its name in it.
    assert location == str(folder)
    assert set(json.loads(recorded)) == in_folder


def test_an_invisible_character_in_a_name_is_shown_escaped(published: tuple[Path, Path], tmp_path: Path,
                                                           capsys: pytest.CaptureFixture) -> None:
    """A zero-width space inside 北京市 makes it a name no seed knows; the refusal shows the character."""
    db, _ = published
    long_csv(tmp_path / "drop", "zero_width.csv", [("北京\u200b市", "地区生产总值", 100)])
    out = refused_in_process(db, tmp_path / "drop", capsys, "int_drop_folder_observations")
    assert "北京<U+200B>市" in out, out
    assert "\u200b" not in out, out


def test_the_refresh_says_what_it_is_in_one_whole_sentence() -> None:
    result = subprocess.run([sys.executable, "-m", "opening_up", "refresh", "--help"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=120)
    text = " ".join(result.stdout.split())
    assert result.returncode == 0, result.stdout
    assert (
        "Write-audit-publish refresh of the warehouse (`make build`, `make refresh`, "
        "`python -m opening_up refresh`, the Dagster job and assets): the only path "
        "that writes the published warehouse."
    ) in text, result.stdout
