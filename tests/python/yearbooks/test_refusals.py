"""Nothing wrong is ever published: every bad input of the corpus (tests/yearbook_corpus/ and the
cases that only a file system can hold, made here) is refused by the refresh with exit 1, `NOT
published`, the file (and for a value its line, cell and value) named, no traceback, the published
build's hash unchanged and nothing left on disk but the refused candidate's folder; a full disk is
freed again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, publish_fast, skip_unless_ci
from opening_up.files import file_hash
from opening_up.warehouse.ingest import ingest
from opening_up.cli import refresh as main
from opening_up.yearbooks.drop_folder import load_drop_folder

CORPUS = PROJECT_ROOT / "tests" / "yearbook_corpus"
YEARBOOK_TABLES = PROJECT_ROOT / "tests" / "yearbook_tables"
NUMBER = "is not a number as yearbooks print one"

# file of the corpus -> what the refusal must say (after the file's name)
CORPUS_REFUSALS = {
    "value_inf.csv": f", line 2, cell F: value 'inf' {NUMBER}",
    "value_1e308.csv": f", line 2, cell F: value '1e308' {NUMBER}",
    "value_1e400.csv": f", line 2, cell F: value '1e400' {NUMBER}",
    "locale_decimal_comma.csv": f", line 2, cell F: value '1.234,5' {NUMBER}",
    "digit_separator.csv": f", line 2, cell F: value '1_000' {NUMBER}",
    "negative_zero.csv": ", line 2, cell F: value '-0' is a negative zero",
    "unquoted_decimal_comma.csv": ", line 2: 8 cells where the header has 7 (a cell too many",
    "unterminated_quote.csv": ", line 2: a quote opened here is never closed",
    "duplicate_columns.csv": ", line 1, cells F and G: the header names 'value' twice",
    "blank_year_header.csv": ", line 4, cell C: a blank header cell over values",
    "short_row.csv": ", line 2: 6 cells where the header has 7 (cells missing)",
    "row_vintage_9999.csv": ", line 2, cell G: vintage 9999 is not a plausible yearbook edition",
    "row_vintage_decimal.csv": ", line 2, cell G: vintage '2022.0' is not a year",
    "incomplete_last_line.csv": ", line 3: the last line has no line end",
    "cr_only.csv": ": CR-only line ends",
    "not_a_workbook.xls": ": not a readable .xls workbook (XLRDError",
    "undecodable.csv": ", line 2: undecodable bytes",
    "non_numeric.csv": f", line 5, cell C: value 'abc' {NUMBER}",
    "header_shifted.csv": ", line 4, cell A: the header is shifted",
    "year_out_of_range.csv": ", line 4, cell C: year 1900 outside",
    "empty.csv": ": the file is empty",
}


# bad yearbook table -> what the refusal says (after the file)
YEARBOOK_TABLE_REFUSALS = {
    "ambiguous_header.xlsx": "#Sheet, lines 2-3, cell B: the header '货物进出口总额/实际使用外资' could be",
    "figures_under_blank_header.csv": ", line 3, cell C: a figure under a blank header",
    "shifted_row.xls": "#Sheet1, line 4, cell C: a figure under a blank header",
    "no_year.csv": ", line 1: no year in the title or the header",
}


def _huge_dimension_xlsx(folder: Path) -> None:
    """1.7 KB on disk declaring A1:XFD20000 (327 million cells) in its <dimension>."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["entity_type", "entity_name", "year", "indicator_name", "unit", "value"])
    book.save(folder / "plain.xlsx")
    with (
        zipfile.ZipFile(folder / "plain.xlsx") as source,
        zipfile.ZipFile(folder / "huge.xlsx", "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+" ?/>', b'<dimension ref="A1:XFD20000"/>', data)
                assert b"XFD20000" in data
            target.writestr(item, data)
    (folder / "plain.xlsx").unlink()


def _zip_renamed(folder: Path) -> None:
    with zipfile.ZipFile(folder / "archive.xlsx", "w") as archive:
        archive.writestr("notes.txt", "a zip archive, renamed")


def _not_a_zip(folder: Path) -> None:
    (folder / "text.xlsx").write_text("entity_type,entity_name\n", encoding="utf-8")


def _field_too_large(folder: Path) -> None:
    (folder / "long_note.csv").write_text(
        "entity_type,entity_name,year,indicator_name,unit,value,note\n"
        f"region,北京市,2024,地区生产总值,亿元,49670.2,{'x' * 200_000}\n", encoding="utf-8")


def _manifest(text: str):
    def make(folder: Path) -> None:
        shutil.copy(CORPUS / "gdp#2024.csv", folder / "gdp.csv")
        (folder / "manifest.csv").write_text(text, encoding="utf-8")
    return make


def _symlink_loop(folder: Path) -> None:
    (folder / "loop.csv").symlink_to("loop.csv")


def _dangling_symlink(folder: Path) -> None:
    (folder / "gone.csv").symlink_to(folder / "missing.csv")


def _folder_named_csv(folder: Path) -> None:
    (folder / "x.csv").mkdir()


# cases that a repository cannot hold as plain files: (name, how to make it, what the refusal says)
MADE_REFUSALS = [
    ("huge_dimension", _huge_dimension_xlsx, "huge.xlsx#Sheet: declares 20,000 rows x 16,384 columns"),
    ("zip_renamed", _zip_renamed, "archive.xlsx: not a readable .xlsx workbook"),
    ("not_a_zip", _not_a_zip, "text.xlsx: not an .xlsx workbook (not a zip archive"),
    ("field_too_large", _field_too_large, "long_note.csv, line 2: a cell longer than 131,072 characters"),
    (
        "manifest_letters",
        _manifest("file,vintage\ngdp.csv,2024a\n"),
        "manifest.csv, line 2, cell B: vintage '2024a'",
    ),
    (
        "manifest_far_future",
        _manifest("file,vintage\ngdp.csv,99999\n"),
        "manifest.csv, line 2, cell B: vintage '99999'",
    ),
    ("manifest_empty", _manifest(""), "manifest.csv: not a readable manifest"),
    (
        "manifest_semicolons",
        _manifest("file;vintage\ngdp.csv;2024\n"),
        "manifest.csv, line 1: the header must be",
    ),
    ("symlink_loop", _symlink_loop, "loop.csv: a symbolic link in a loop"),
    ("dangling_symlink", _dangling_symlink, "gone.csv: a symbolic link that points nowhere"),
    ("folder_named_csv", _folder_named_csv, "x.csv: a folder named like a yearbook file"),
]


@pytest.fixture(scope="module")
def published(built_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("refusals") / "published" / "opening_up.duckdb"
    publish_fast(db, built_warehouse)
    return db


def refuse(db: Path, folder: Path, capsys: pytest.CaptureFixture) -> str:
    """Refresh `folder` into `db` in process and check the refusal's outward form; returns the log."""
    before, entries = file_hash(db), set(os.listdir(db.parent))
    code = main(["--db", str(db), "--drop-folder", str(folder), "--no-great-expectations"])
    out, err = capsys.readouterr()
    assert code == 1, out
    assert "NOT published" in out
    assert "Traceback" not in out + err
    assert file_hash(db) == before
    left = set(os.listdir(db.parent)) - entries
    assert len(left) == 1, left
    assert left.pop().endswith(".d"), left  # the refused candidate's folder and report
    assert "no candidate file was written" in out
    assert "candidate kept" not in out
    return out


@pytest.mark.parametrize("name", sorted(CORPUS_REFUSALS))
def test_every_bad_file_of_the_corpus_is_refused(published: Path, tmp_path: Path, capsys, name: str) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(CORPUS / name, folder / name)
    out = refuse(published, folder, capsys)
    assert f"{folder / name}{CORPUS_REFUSALS[name]}" in out


@pytest.mark.parametrize("name", sorted(YEARBOOK_TABLE_REFUSALS))
def test_every_bad_yearbook_table_is_refused(published: Path, tmp_path: Path, capsys, name: str) -> None:
    """The bad variants of the yearbook-table corpus (tests/yearbook_tables/bad/): refused by the refresh
    naming file, sheet, line and cell, the published file unchanged (refuse() checks its hash)."""
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(YEARBOOK_TABLES / "bad" / name, folder / name)
    out = refuse(published, folder, capsys)
    assert f"{folder / name}{YEARBOOK_TABLE_REFUSALS[name]}" in out


@pytest.mark.parametrize(("case", "make", "message"), MADE_REFUSALS, ids=[case[0] for case in MADE_REFUSALS])
def test_every_bad_entry_of_a_folder_is_refused(published: Path, tmp_path: Path, capsys, case: str, make,
                                                message: str) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    make(folder)
    out = refuse(published, folder, capsys)
    assert f"{folder}/{message}" in out


def test_all_refusals_of_a_folder_are_named_at_once_without_a_traceback(
    published: Path, tmp_path: Path
) -> None:
    """As cron runs it: a subprocess, several bad entries beside a good one, each named in the log."""
    folder = tmp_path / "drop"
    folder.mkdir()
    for make in (_symlink_loop, _zip_renamed, _folder_named_csv):
        make(folder)
    shutil.copy(CORPUS / "value_inf.csv", folder)
    shutil.copy(CORPUS / "gdp#2024.csv", folder)
    before = file_hash(published)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "opening_up",
            "refresh",
            "--db",
            str(published),
            "--drop-folder",
            str(folder),
            "--no-great-expectations",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    refusals = [line for line in result.stdout.splitlines() if line.startswith("  - load: ")]
    assert len(refusals) == 4, result.stdout
    assert "load     " in result.stdout
    assert "refused (4 files)" in result.stdout
    assert file_hash(published) == before


def test_the_absurd_value_is_refused_by_its_indicators_plausible_range(
    built_warehouse: Path, tmp_path: Path
) -> None:
    """A number in a valid format but 10^12 亿元 of GDP: loaded as printed, refused by the resolver
    (as `dbt build` runs it) with the rule that refuses it."""
    import duckdb

    copy = tmp_path / "copy" / built_warehouse.name
    copy.parent.mkdir()
    shutil.copy(built_warehouse, copy)
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(CORPUS / "absurd_value.csv", folder)
    ingest(copy, folder)
    with duckdb.connect(str(copy), read_only=True) as connection:
        with pytest.raises(duckdb.Error) as error:
            connection.sql("select * from intermediate.int_drop_folder_observations").fetchall()
    assert (
        "Invalid Input Error: absurd_value.csv, line 2, cell F: gdp = 1000000000000 亿元 is outside its "
        "plausible "
        "range 0.0 to 10000000.0 亿元 (rule: ref_indicators.plausible_min/plausible_max)"
    ) in str(error.value)


def test_skipped_entries_are_listed_and_a_hash_in_a_name_loads(published: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(CORPUS / "gdp#2024.csv", folder)
    (folder / "~$gdp.xlsx").write_bytes(b"\x00owner")
    (folder / "README.md").write_text("notes\n", encoding="utf-8")
    (folder / "notes.txt").write_text("notes\n", encoding="utf-8")
    (folder / "older").mkdir()
    rows, report = load_drop_folder(folder)
    assert rows.value.tolist() == ["49670.2"]
    assert rows.source.tolist() == ["drop folder: gdp#2024.csv"]
    assert report.skipped == [
        "README.md: documentation",
        "notes.txt: not a yearbook table (.csv, .xlsx, .xls)",
        "older: a folder (sub-folders are not read)",
        "~$gdp.xlsx: Excel's owner file of a workbook open elsewhere",
    ]
    loaded = ingest(tmp_path / "loaded.duckdb", folder)["yearbook_drop_folder"]
    assert loaded.files == ["gdp#2024.csv"]
    assert loaded.n_rows == 1


def test_a_file_that_changes_while_it_is_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer appending while the folder is read (a download in progress): refused, named."""
    from opening_up.yearbooks import drop_folder

    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(CORPUS / "gdp#2024.csv", folder / "gdp.csv")
    read = drop_folder._read_file

    def read_then_append(path: Path, vintage: int, report, reference):
        rows = read(path, vintage, report, reference)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("region,天津市,2024,地区生产总值,亿元,17931.3,2025\n")
        return rows
    monkeypatch.setattr(drop_folder, "_read_file", read_then_append)
    with pytest.raises(drop_folder.LoadRefused, match="gdp.csv: changed while the folder was read"):
        load_drop_folder(folder)


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    """chmod 000, read without the power to override file permissions (root drops CAP_DAC_OVERRIDE
    with setpriv): refused, named, the other files unaffected."""
    folder = tmp_path / "drop"
    folder.mkdir()
    shutil.copy(CORPUS / "gdp#2024.csv", folder / "secret.csv")
    (folder / "secret.csv").chmod(0)
    code = (
        "from pathlib import Path; from opening_up.yearbooks.drop_folder import load_drop_folder, "
        "LoadRefused\n"
        f"try:\n    load_drop_folder(Path({str(folder)!r}))\nexcept LoadRefused as error:\n    print(error)"
    )
    unprivileged = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    result = subprocess.run(
        [*unprivileged, sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{folder / 'secret.csv'}: cannot be read (Permission denied)"


@pytest.fixture
def small_disk(tmp_path: Path, built_warehouse: Path):
    """A tmpfs 4 MiB larger than the built warehouse: room for one published build and its Parquet, not for
    a second build (root: CI runs as root; elsewhere the test skips, and fails under CI=true)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    size = built_warehouse.stat().st_size // 2**20 + 4
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if result.returncode != 0:
        skip_unless_ci(f"cannot mount a small tmpfs for the full-disk test: {result.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_refused_with_dbts_reason_and_freed(
    built_warehouse: Path, small_disk: Path, capsys
) -> None:
    """The published build fills most of the disk; the next refresh's real `dbt build` runs out
    of space: refused with dbt's own reason, the candidate and dbt's artefacts deleted, the space back
    (so that the next refresh does not start on a disk this one filled)."""
    db = small_disk / "published" / "opening_up.duckdb"
    publish_fast(db, built_warehouse, small_disk / "drop")
    free_before = shutil.disk_usage(small_disk).free
    before = file_hash(db)
    code = main(["--db", str(db), "--drop-folder", str(small_disk / "drop"), "--no-great-expectations"])
    out, err = capsys.readouterr()
    assert code == 1, out
    assert "Traceback" not in out + err, out
    assert "NOT published" in out
    assert "candidate deleted to free the disk" in out
    assert "No space left on device" in out
    assert "the disk is full" in out
    assert file_hash(db) == before
    assert not list(db.parent.glob("*.candidate-*.duckdb*"))
    # Nothing of the refused build is left (dbt's write-ahead log beside its link included): only the
    # report and dbt's log, a few KiB, and a second refused refresh takes no more.
    left = [path for path in db.parent.rglob("*") if path.is_file() and ".candidate-" in str(path)]
    assert {path.name for path in left} <= {"refresh_report.json", "dbt_build.log"}, left
    assert sum(path.stat().st_size for path in left) < 2**20
    assert shutil.disk_usage(small_disk).free >= free_before - 2**20
    free_after_one = shutil.disk_usage(small_disk).free
    assert main(["--db", str(db), "--drop-folder", str(small_disk / "drop"), "--no-great-expectations"]) == 1
    capsys.readouterr()
    assert shutil.disk_usage(small_disk).free >= free_after_one - 2**20


def test_a_full_disk_at_the_dbt_step_leaves_nothing_of_the_build(published: Path, tmp_path: Path) -> None:
    """ENOSPC at the dbt step, after DuckDB wrote its write-ahead log beside the link dbt opened the
    candidate through (<work>/dbt-file/) and dbt its target and logs: all of it deleted, the space back;
    only the report and dbt's log stay."""
    from opening_up.warehouse.dbt_runner import DISK_FULL
    from opening_up.warehouse.refresh import refresh

    def full_disk(candidate: Path, work: Path) -> list[str]:
        for path in (
            work / "dbt-file" / "opening_up.duckdb.wal",
            work / "dbt-file" / "opening_up.duckdb.tmp" / "spill",
            work / "target" / "manifest.json",
            work / "logs" / "dbt.log",
        ):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"\0" * 2**20)
        (work / "dbt_build.log").write_text(f"IO Error: {DISK_FULL}\n", encoding="utf-8")
        return [f"dbt build exited 2: IO Error: could not write: {DISK_FULL}"]

    folder = tmp_path / "drop"
    folder.mkdir()
    before = sorted(path.name for path in published.parent.iterdir())
    report = refresh(published, folder, validate=False, log=lambda line: None, dbt_step=full_disk)
    assert report.disk_full
    assert not report.published_new
    left = sorted(str(path.relative_to(report.work)) for path in report.work.rglob("*"))
    assert left == ["dbt_build.log", "refresh_report.json"], left
    assert sorted(path.name for path in published.parent.iterdir()) == sorted([*before, report.work.name])
    assert str(report.work / "dbt-file") in report.freed


def test_a_crash_inside_the_refresh_is_a_refusal_with_a_report(
    published: Path, tmp_path: Path, capsys
) -> None:
    """An error nobody foresaw (here: the build step raising) still prints NOT published, keeps the
    candidate and writes the report with the traceback (the log shows the reason, not the traceback)."""
    from opening_up.warehouse.refresh import refresh
    from opening_up.warehouse.refresh_report import print_outcome

    def broken_build(candidate: Path, work: Path) -> list[str]:
        raise RuntimeError("an error nobody foresaw")
    folder = tmp_path / "drop"
    folder.mkdir()
    before = file_hash(published)
    report = refresh(published, folder, validate=False, log=print, dbt_step=broken_build)
    code = print_outcome(report)
    out, _ = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out
    assert "  - build: RuntimeError: an error nobody foresaw" in out
    written = Path(out.split("report: ")[1].split()[0]).read_text(encoding="utf-8")
    assert "an error nobody foresaw" in written
    assert "Traceback" in written
    assert f"candidate kept at {report.candidate}" in out
    assert Path(report.candidate).exists()
    assert file_hash(published) == before
