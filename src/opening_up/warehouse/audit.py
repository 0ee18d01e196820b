"""The refresh's audit step: a Great Expectations checkpoint per mart on pandas DataFrames read from
the candidate file (GE 1.x's SQL datasource fails on duckdb-engine), with Data Docs as HTML."""

from __future__ import annotations

import datetime as dt
import logging
import math
import sys
from pathlib import Path

import duckdb

from opening_up.warehouse.failing_rows import describe_frame

# Expectations on the marts: (mart, column, kind, arguments).
EXPECTATIONS = [
    ("dim_region", "region_code", "not_null", {}),
    ("dim_region", "region_code", "unique", {}),
    ("fct_yearbook_observations", "value", "not_null", {}),
    ("fct_yearbook_observations", "is_sample", "in_set", {"value_set": [True, False]}),
    (
        "fct_yearbook_observations",
        "year",
        "between",
        {"min_value": 1949, "max_value": dt.date.today().year + 1},
    ),
    ("fct_port_economy_entropy_weights", "weight", "between", {"min_value": 0, "max_value": 1}),
    ("fct_province_openness", "composite_openness_index", "between", {"min_value": 0}),
    ("rpt_published_checks", "status", "in_set", {"value_set": ["pass", "mismatch_in_paper"]}),
]


def quiet_great_expectations(context) -> None:
    """No progress bars outside a terminal, and only GE's errors in the log."""
    from great_expectations.data_context.types.base import ProgressBarsConfig

    if not sys.stderr.isatty():
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
    logging.getLogger("great_expectations").setLevel(logging.ERROR)


def validate_with_great_expectations(candidate: Path, work: Path) -> list[str]:
    """A Great Expectations checkpoint per mart on DataFrames read from the candidate; Data Docs as HTML.
    Returns the failures (empty when every expectation held)."""
    import great_expectations as gx

    context = gx.get_context(mode="file", project_root_dir=str(work))
    quiet_great_expectations(context)
    source = context.data_sources.add_pandas("warehouse")
    kinds = {
        "not_null": gx.expectations.ExpectColumnValuesToNotBeNull,
        "unique": gx.expectations.ExpectColumnValuesToBeUnique,
        "in_set": gx.expectations.ExpectColumnValuesToBeInSet,
        "between": gx.expectations.ExpectColumnValuesToBeBetween,
    }
    failures = []
    with duckdb.connect(str(candidate), read_only=True) as connection:
        for mart in sorted({e[0] for e in EXPECTATIONS}):
            frame = connection.execute(f"select * from marts.{mart}").df()
            batch = source.add_dataframe_asset(mart).add_batch_definition_whole_dataframe("all")
            suite = context.suites.add(gx.ExpectationSuite(name=f"{mart}_suite"))
            for _, column, kind, arguments in (e for e in EXPECTATIONS if e[0] == mart):
                suite.add_expectation(kinds[kind](column=column, **arguments))
            definition = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{mart}_validation", data=batch, suite=suite))
            checkpoint = context.checkpoints.add(gx.Checkpoint(
                name=f"{mart}_checkpoint", validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs")]))
            result = checkpoint.run(batch_parameters={"dataframe": frame})
            for validation in result.run_results.values():
                for outcome in validation.results:
                    if not outcome.success:
                        config = outcome.expectation_config
                        column = config.kwargs.get("column")
                        rows = describe_frame(
                            frame[_breaks(frame, column, kind_of(config.type), config.kwargs)], connection
                        )
                        failures.append(f"great_expectations {mart}.{column}: {config.type} failed "
                                        f"({outcome.result.get('unexpected_count')} rows)" + "".join(
                                            f"\n      {line}" for line in rows))
    context.build_data_docs()
    return failures


def kind_of(expectation_type: str) -> str:
    """The EXPECTATIONS kind of a GE expectation type (expect_column_values_to_not_be_null -> not_null)."""
    return {"expect_column_values_to_not_be_null": "not_null", "expect_column_values_to_be_unique": "unique",
            "expect_column_values_to_be_in_set": "in_set",
            "expect_column_values_to_be_between": "between"}[expectation_type]


def _breaks(frame, column: str, kind: str, arguments: dict):
    """The rows of `frame` that break the expectation (as GE counts them: NaN is null)."""
    values = frame[column]
    if kind == "not_null":
        return values.isna()
    if kind == "unique":
        return values.duplicated(keep=False) & values.notna()
    if kind == "in_set":
        return ~values.isin(arguments["value_set"]) & values.notna()
    low, high = arguments.get("min_value"), arguments.get("max_value")
    return values.notna() & ~values.between(
        -math.inf if low is None else low, math.inf if high is None else high
    )


def data_docs_index(work: Path) -> Path:
    """Where the checkpoint's Data Docs land inside a candidate's work folder."""
    return work / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
