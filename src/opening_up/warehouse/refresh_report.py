"""What a refresh did (opening_up.warehouse.refresh): one typed report, written as
`<work>/refresh_report.json` and printed by `python -m opening_up refresh`."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from opening_up.usage import visible
from opening_up.warehouse.coverage import summary_line

EXIT_PUBLISHED, EXIT_REFUSED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


@dataclass
class RefreshReport:
    """A refresh's record, filled step by step: where it wrote, what it loaded, why it refused (every
    failure, one line each) and, when it published, what."""

    published: Path
    candidate: Path
    work: Path
    build_id: str
    drop_folder: Path
    hash_before: str | None
    failures: list[str] = field(default_factory=list)
    published_new: bool = False
    # The step running or last run: load, build, audit, publish.
    step: str = "start"
    # The drop folder's load (opening_up.yearbooks.loaders.LoadReport).
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # {file: printed indicator} of dropped NBS exports whose indicator has no project code.
    skipped_indicators: dict[str, str] = field(default_factory=dict)
    # Per relation rule (int_observation_relations), the rows left untested: a real figure beside a
    # sample one, or real figures of two editions (counted, never refused).
    relations_unchecked: list[str] = field(default_factory=list)
    data_docs: Path | None = None
    build: Path | None = None
    parquet: Path | None = None
    removed: list[str] = field(default_factory=list)
    disk_full: bool = False
    freed: list[str] = field(default_factory=list)
    candidate_kept: bool = False
    hash_after: str | None = None
    report_written: bool = False
    traceback: str | None = None

    @property
    def path(self) -> Path:
        """Where the report is written: beside the published build (`builds/<id>/refresh_report.json`)
        once published, else in the candidate's work folder (`<work>/refresh_report.json`)."""
        folder = self.build if self.published_new and self.build else self.work
        return Path(folder) / "refresh_report.json"

    def as_json(self) -> str:
        """The report as JSON (paths as strings)."""
        values = {name: str(value) if isinstance(value, Path) else value
                  for name, value in dataclasses.asdict(self).items()}
        return json.dumps(values, ensure_ascii=False, indent=2)

    def write(self) -> None:
        """Write the report to `path`; a failure to write is itself a failure of the refresh."""
        try:
            self.path.write_text(self.as_json(), encoding="utf-8")
            self.report_written = True
        except OSError as error:
            self.report_written = False
            self.failures.append(f"report: not written ({error.strerror or error})")


def print_outcome(report: RefreshReport) -> int:
    """Print how the refresh ended, after the step lines the refresh logged (with what each step skipped
    or noted): on a refusal every reason; on a publish the report, the published file and, last, the real
    share of the marts' inputs. Returns the exit code."""
    shown = f"report: {report.path}" if report.report_written else "report: not written (see above)"
    if not report.published_new:
        kept = (f"candidate kept at {report.candidate}" if report.candidate_kept else
                "candidate deleted to free the disk" if report.disk_full else "no candidate file was written")
        print(f"NOT published: {report.published} unchanged; {kept}")
        for failure in report.failures:
            print(f"  - {visible(failure)}")
        if report.disk_full:
            print(f"  the disk is full: freed {len(report.freed)} paths of this refresh; free more space "
                  f"on {report.published.parent} and refresh again")
        print(shown)
        return EXIT_REFUSED
    print(shown)
    print(f"published {report.published} sha256 {report.hash_after}")
    print(summary_line(report.published, pointer=True))
    return EXIT_PUBLISHED
