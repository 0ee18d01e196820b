"""The dbt project's SQL stays portable (issue 37): no model, macro or data test writes a DuckDB-only
construct outside the macros dispatched on the adapter (macros/portable/, where `default__` keeps the
DuckDB SQL and `spark__` its Spark equivalent) and the Spark-only overrides (macros/spark/). The list is
table of DuckDB-only constructs in docs/scaling.md, and what the Spark build found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT

# construct -> the portable way to write it
DUCKDB_ONLY = {
    r"::": "cast(x as type)",
    r"\bvarchar\b": "string (DuckDB reads it as varchar; Spark refuses a bare varchar)",
    r"\bstring_agg\s*\(": "ordered_string_agg()",
    r"(?<![\w.])median\s*\(": "median() macro",
    r"\bgenerate_series\s*\(": "integer_series()",
    r"\bunnest\s*\(": "unnest_list() or split_to_rows()",
    r"(?<![\w.])error\s*\(": "raise_error()",
    r"(?<![\w.])list\s*\(": "ordered_list()",
    r"\blist_\w+\s*\(": "delimited_list_contains()",
    r"\bstring_split\s*\(": "split_to_rows() or delimited_list_contains()",
    r"\bisfinite\s*\(": "is_finite()",
    r"\bsimilar\s+to\b": "fully_matches()",
    r"(?<![\w.])len\s*\(": "list_length()",
    r"\s\^\s": "power(x, y) (^ is XOR on Spark)",
    r"\bregexp_matches\s*\(": "contains_match()",
    r"\bends_with\s*\(": "right(x, n) = suffix",
    r"\bescape\s+'": "a comparison without LIKE's escape (Spark unescapes backslashes)",
    r"\w''\w": "text_literal() (Spark reads 'a''b' as two literals, 'ab')",
    r"(?<![\w.])hash\s*\(": "another key (DuckDB's hash() is 64-bit, Spark's a signed 32-bit Murmur3)",
    r"(?<![\w.])\d+\.\d+\s*/": "cast(1 as double) / n (Spark divides a decimal literal as a decimal)",
}
PORTABLE_MACROS = {PROJECT_ROOT / "macros" / "portable", PROJECT_ROOT / "macros" / "spark"}


def sql_files() -> list[Path]:
    folders = ("models", "macros", "tests/generic", "tests/marts", "tests/staging")
    roots = [PROJECT_ROOT / name for name in folders]
    return sorted(
        path for root in roots for path in root.rglob("*.sql")
        if not any(folder in path.parents for folder in PORTABLE_MACROS)
    )


def without_comments(text: str) -> str:
    """The SQL text: without comments and without Jinja tags (a macro call such as {{ median('x') }} is
    the portable form; the SQL between the tags is checked)."""
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    return re.sub(r"--[^\n]*", "", text)


def yml_sql(path: Path) -> str:
    """The SQL a YAML file hands to the data tests: its `where:` and `expression:` values."""
    return "\n".join(re.findall(r"^\s*(?:where|expression):\s*(.*)$", path.read_text(encoding="utf-8"), re.M))


def test_no_duckdb_only_sql_outside_the_dispatched_macros() -> None:
    files = sql_files()
    assert len(files) > 150
    yml_files = sorted(p for name in ("models", "seeds") for p in (PROJECT_ROOT / name).rglob("*.yml"))
    texts = [(path, without_comments(path.read_text(encoding="utf-8"))) for path in files]
    texts += [(path, yml_sql(path)) for path in yml_files]
    found = [
        f"{path.relative_to(PROJECT_ROOT)}: {match.group(0).strip()!r} (write {portable})"
        for path, text in texts
        for pattern, portable in DUCKDB_ONLY.items()
        for match in re.finditer(pattern, text, re.I)
    ]
    assert found == []


@pytest.mark.parametrize("construct", ["select x::integer", "string_agg(a, ',')", "then error('x')",
                                       "a ^ 2", "median(x)", "'Table 1''s'", "power(x, 1.0 / 29)",
                                       "hash(code) % 4", "list(a order by a)", "name varchar",
                                       "x similar to 'a'", "regexp_matches(x, 'a')"])
def test_the_check_finds_each_construct(construct: str) -> None:
    assert any(re.search(pattern, without_comments(construct), re.I) for pattern in DUCKDB_ONLY)
